Page({
  data: { more: 0 },
  onShow() {
    this.getTabBar().setData({ selected: 0 })
  },
  more(e) {
    this.setData({ more: this.data.more + 1 })
    console.log('scrolltolower', e.detail.direction)
  }
})
