var forecast = require('../../utils/forecast.js')

Page({
  data: {
    supported: true,
    periodic: [],
    updated: '',
    pre: []
  },
  onLoad() {
    if (!wx.canIUse('getBackgroundFetchData')) {
      this.setData({ supported: false })
      return
    }
    var page = this
    getApp().globalData.onData = function (res) { page.show(res.fetchType, res) }
    this.read('periodic')
    this.read('pre')
  },
  // read shows what is cached; with nothing cached the page waits for
  // onBackgroundFetchData.
  read(fetchType) {
    var page = this
    wx.getBackgroundFetchData({
      fetchType: fetchType,
      success: function (res) { page.show(fetchType, res) },
      fail: function (res) { console.log(res.errMsg) }
    })
  },
  show(fetchType, res) {
    if (fetchType === 'pre') {
      this.setData({ pre: forecast.rows(res.fetchedData) })
      return
    }
    this.setData({ periodic: forecast.rows(res.fetchedData), updated: forecast.stamp(res.timeStamp) })
  },
  onRefresh() {
    this.read('periodic')
  }
})
