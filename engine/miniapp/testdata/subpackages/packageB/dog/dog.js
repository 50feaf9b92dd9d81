const woof = require('../lib/woof')
let outside = ''
try {
  require('../../utils/shared')
} catch (e) {
  outside = e.message
}
Page({ data: { text: woof, outside } })
