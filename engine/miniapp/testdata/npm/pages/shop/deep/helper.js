// Two folders down: the nearest miniprogram_npm going up is pages/shop's.
module.exports = { date: require('tiny-date').name, plain: require('plain').name }
