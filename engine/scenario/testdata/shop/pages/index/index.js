Page({
  data: { status: '加载中', goods: [] },
  onLoad() {
    this.load()
  },
  load() {
    wx.request({
      url: 'https://shop.example/api/goods',
      data: { page: 1 },
      success: (r) => {
        if (r.statusCode !== 200) {
          this.setData({ status: '服务器错误 ' + r.statusCode, goods: [] })
          return
        }
        this.setData({ status: '共 ' + r.data.goods.length + ' 件', goods: r.data.goods })
      },
      fail: (e) => this.setData({ status: '网络错误 ' + e.errMsg, goods: [] }),
    })
  },
  onReload() {
    this.load()
  },
  onPay() {
    wx.showActionSheet({
      alertText: '付款方式',
      itemList: ['微信支付', '货到付款'],
      success: (r) => this.setData({ status: '选择了第 ' + (r.tapIndex + 1) + ' 种' }),
      fail: (e) => this.setData({ status: e.errMsg }),
    })
  },
})
