module.exports = { name: 'tiny-date next to the page' }
