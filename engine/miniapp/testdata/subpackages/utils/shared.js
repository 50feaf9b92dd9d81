module.exports = { name: 'shared from the main package' }
