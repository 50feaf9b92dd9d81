import { check } from '../../utils/check'

const label = '页面'
Page({
  onLoad() {
    const missing = undefined
    console.log(label, missing.field)
  },
})
