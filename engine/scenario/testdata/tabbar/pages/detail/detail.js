Page({
  onLoad() {
    console.log('detail tabBar', typeof this.getTabBar())
  }
})
