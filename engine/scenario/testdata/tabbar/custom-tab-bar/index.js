// The custom tabBar of WeChat's example: the page shown marks its tab
// through getTabBar() in onShow; a tap switches tabs.
Component({
  data: {
    selected: 0,
    list: [
      { pagePath: '/pages/home/home', text: '首页' },
      { pagePath: '/pages/feed/feed', text: '动态' }
    ]
  },
  methods: {
    switchTab(e) {
      wx.switchTab({ url: e.currentTarget.dataset.path })
    }
  }
})
