module.exports = { name: 'plain index.js' }
