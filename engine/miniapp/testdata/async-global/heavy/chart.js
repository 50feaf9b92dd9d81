// In a subpackage: the main package may only reach it asynchronously.
module.exports = { name: 'chart from the heavy subpackage' }
