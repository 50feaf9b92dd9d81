// A "load more" list: each arrival at the page's end appends a batch,
// a pull-down starts over and stops its refresh when the data is back.
function batch(from, n) {
  const out = []
  for (let i = from; i < from + n; i++) out.push(i)
  return out
}

Page({
  data: { items: batch(1, 20) },
  onShow() {
    this.getTabBar().setData({ selected: 1 })
  },
  onReachBottom() {
    const items = this.data.items
    this.setData({ items: items.concat(batch(items.length + 1, 10)) })
  },
  onPullDownRefresh() {
    setTimeout(() => {
      this.setData({ items: batch(1, 20) })
      wx.stopPullDownRefresh({ success: () => console.log('refreshed') })
    }, 500)
  }
})
