Page({
  onPush(e) { console.log('push', e.detail.value) },
  onShow() { console.log('me shown') },
  onHide() { console.log('me hidden') },
})
