import { label } from '@acme/ui/button'
import helper from './deep/helper'

Page({
  data: { label, date: helper.date, plain: helper.plain },
})
