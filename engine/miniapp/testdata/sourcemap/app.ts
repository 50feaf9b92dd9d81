import { check } from './utils/check'

App({
  onLaunch() {
    check({ stock: -1 })
  },
  onError(msg: string) {
    console.log('onError got', msg)
  },
})
