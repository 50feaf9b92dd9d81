Page({
  data: {
    title: '天气真好我们出去玩吧',
    goods: [{ id: 1, name: '苹果', price: 2.5 }, { id: 2, name: '梨', price: 3 }],
    tabbarActive: 1,
    spin: false
  },
  onSpin: function () { this.setData({ spin: true }) },
  onMore: function () { this.setData({ title: '又是一天' }) }
})
