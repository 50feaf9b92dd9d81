// From the root, the root's miniprogram_npm answers.
const date = require('tiny-date')
App({
  onLaunch() { console.log('app sees', date.name) },
})
