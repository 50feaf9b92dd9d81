module.exports = { name: 'tiny-date from the root (main)' }
