Page({
  data: {
    steps: [
      '冷启动时检查更新',
      '后台下载新版本',
      '下次冷启动使用新版本'
    ]
  },
  onBack() {
    wx.navigateBack()
  }
})
