import greet from '../../utils/greet'
import { count } from '../../utils/counter'
const legacy = require('../../utils/legacy')

Page({
  data: { greeting: '', count: 0, legacy: '' },
  async onLoad() {
    const wait = await Promise.resolve('awaited')
    this.setData({ greeting: greet('page'), count, legacy: legacy.name + ' ' + wait })
  },
})
