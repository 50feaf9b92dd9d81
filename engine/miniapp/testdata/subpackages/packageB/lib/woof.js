module.exports = 'woof'
