// A shop's sign-in as apps write it: wx.login, then the code to the shop's
// own backend, which trades it for the user's openid.
App({
  onLaunch() {
    wx.login({
      success(res) {
        wx.request({
          url: 'https://shop.example/api/login',
          method: 'POST',
          data: { code: res.code },
          success(r) {
            if (r.data.openid) console.log('signed in', r.data.openid)
            else console.log('sign-in refused', r.data.errcode, r.data.errmsg)
          },
        })
      },
    })
  },
})
