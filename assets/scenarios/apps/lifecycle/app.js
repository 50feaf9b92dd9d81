// Logs how each start reached the app, so that a scenario can compare
// the launch options with this start's.
App({
  onLaunch(options) {
    console.log('onLaunch path=' + options.path + ' scene=' + options.scene)
  },
  onShow(options) {
    console.log('onShow path=' + options.path + ' query=' + JSON.stringify(options.query) + ' scene=' + options.scene)
  }
})
