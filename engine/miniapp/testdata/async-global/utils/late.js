console.log('late.js runs')
module.exports = { name: 'late module' }
