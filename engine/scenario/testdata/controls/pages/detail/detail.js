Page({
  data: { id: '' },
  onLoad(q) { this.setData({ id: q.id }) },
  onSwipe(e) { console.log('swipe', e.detail.current, e.detail.source) },
})
