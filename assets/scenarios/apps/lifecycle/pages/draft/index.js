// A draft that survives the app being destroyed: onSaveExitState keeps it
// for an hour, and the next cold start hands it back as this.exitState.
Page({
  data: { id: '', draft: '' },
  onLoad(query) {
    console.log('draft onLoad exitState=' + JSON.stringify(this.exitState))
    var draft = this.exitState ? this.exitState.draft : ''
    this.setData({ id: query.id, draft: draft })
  },
  onWrite() {
    this.setData({ draft: '第一段' })
  },
  onSaveExitState() {
    return {
      data: { draft: this.data.draft },
      expireTimeStamp: Date.now() + 60 * 60 * 1000
    }
  }
})
