const shared = require('../../../utils/shared')
const meow = require('../../lib/meow')
Page({ data: { text: meow + ', ' + shared.name } })
