import config from 'config'
import { fmt } from '@utils/fmt'
import { widget } from '@/src/widget'

Page({
  data: { text: fmt(config.name) + ' ' + widget },
})
