import greet, { shout } from './utils/greet'
import * as counter from './utils/counter.js'

App({
  onLaunch() {
    counter.bump()
    console.log(greet('app'), shout('launch'), counter.count)
  },
})
