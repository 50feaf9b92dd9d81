Page({
  onDraft() {
    wx.navigateTo({ url: '/pages/draft/index?id=7' })
  },
  onList() {
    wx.navigateTo({ url: '/pages/list/index' })
  },
  // This start's options against the cold start's.
  onOptions() {
    var enter = wx.getEnterOptionsSync()
    var launch = wx.getLaunchOptionsSync()
    console.log('enter path=' + enter.path + ' scene=' + enter.scene + ' · launch path=' + launch.path + ' scene=' + launch.scene)
  },
  onSystem() {
    var info = wx.getSystemInfoSync()
    console.log('platform=' + info.platform + ' system=' + info.system)
  },
  onRead() {
    wx.getBackgroundFetchData({
      fetchType: 'periodic',
      success(res) {
        console.log('fetch data success fetchedData=' + JSON.stringify(res.fetchedData) + ' timeStamp=' + res.timeStamp)
      },
      fail(err) {
        console.log('fetch data fail ' + err.errMsg)
      }
    })
  },
  onListen() {
    wx.onBackgroundFetchData(function (res) {
      console.log('onBackgroundFetchData ' + JSON.stringify(res.fetchedData))
    })
    console.log('listening')
  }
})
