Page({
  onShow() {
    this.getTabBar().setData({ selected: 1 })
  }
})
