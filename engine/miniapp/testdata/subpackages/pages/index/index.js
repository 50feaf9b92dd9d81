Page({
  toCat() { wx.navigateTo({ url: '/packageA/pages/cat/cat' }) },
  toDog() { wx.navigateTo({ url: '/packageB/dog/dog' }) },
})
