// 天气预报 shows forecasts that WeChat fetched in the background (periodic
// fetch, base library 2.8.0): the page renders at once from the cache
// instead of waiting for the network.
App({
  globalData: {
    // The page's renderer, told of data that arrives while the app runs.
    onData: null
  },
  onLaunch() {
    // Old base libraries lack the APIs altogether: the app must still open.
    if (!wx.canIUse('setBackgroundFetchToken')) {
      console.log('background fetch unavailable: typeof wx.getBackgroundFetchData is', typeof wx.getBackgroundFetchData)
      return
    }
    // The token travels with the next fetch; the developer server reads
    // the user's cities from it. Its '=', '&', space and Chinese must
    // arrive intact.
    wx.setBackgroundFetchToken({ token: 'cities=北京 上海&unit=C' })
    var app = this
    wx.onBackgroundFetchData(function (res) {
      if (app.globalData.onData) {
        app.globalData.onData(res)
      }
    })
  }
})
