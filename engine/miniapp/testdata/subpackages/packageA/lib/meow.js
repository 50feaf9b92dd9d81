module.exports = 'meow'
