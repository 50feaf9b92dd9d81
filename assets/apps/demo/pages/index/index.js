// The home page shows which version of the mini-program is running, so
// that an update is visible the moment it is applied.
Page({
  data: {
    version: '',
    greetings: 0
  },
  onLoad() {
    var version = '未知'
    if (wx.canIUse('getAccountInfoSync')) {
      version = wx.getAccountInfoSync().miniProgram.version
    }
    this.setData({ version: version })
  },
  onGreet() {
    var that = this
    wx.showModal({
      title: '你好',
      content: '要记录这次问候吗?',
      success: function (res) {
        if (res.confirm) {
          that.setData({ greetings: that.data.greetings + 1 })
          wx.showToast({ title: '已记录' })
        } else {
          console.log('greeting cancelled')
        }
      }
    })
  },
  onAbout() {
    wx.navigateTo({ url: '/pages/about/index' })
  }
})
