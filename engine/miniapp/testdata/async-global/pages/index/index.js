Page({
  data: { global: global.appName, late: '', chart: '', sync: '' },
  onLoad() {
    try {
      require('../../heavy/chart')
    } catch (e) {
      this.setData({ sync: e.message })
    }
    const pending = require.async('../../utils/late')
    console.log('require.async returned', pending instanceof Promise)
    pending.then((m) => this.setData({ late: m.name }))
    require.async('/heavy/chart').then((m) => this.setData({ chart: m.name }))
    require.async('./missing').catch((e) => console.log('rejected:', e.message))
  },
})
