// WeChat's global is one object every module sees.
global.appName = 'shared by global'
App({})
