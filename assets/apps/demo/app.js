App({
  onLaunch() {
    //判断当前微信版本是否支持 getUpdateManager 接口
    if(wx.canIUse('getUpdateManager')) {
      //获取全局唯一的版本更新管理器,用于管理小程序更新
      const updateManager = wx.getUpdateManager()
      //监听向微信后台请求检查更新结果
      updateManager.onCheckForUpdate(function (res) {
        if(res.hasUpdate) {
          //监听小程序有版本更新
          updateManager.onUpdateReady(function () {
            wx.showModal({
              title: '更新提示',
              content: '新版本已经更新,是否重启小程序?',
              success: function (res) {
                if(res.confirm) {
                  //强制小程序重启并使用新版本
                  updateManager.applyUpdate()
                }
              }
            })
          })
          //监听小程序更新失败
          updateManager.onUpdateFailed(function () {
            wx.showModal({
              title: '更新提示',
              content: '新版本已经上线,请您删除当前小程序,重新搜索小程序打开'
            })
          })
        }
      })
    }else {
      wx.showModal({
        title: '更新提示',
        content: '当前微信版本过低,无法使用新版本,请升级到最新微信版本后重试'
      })
    }
  }
})
