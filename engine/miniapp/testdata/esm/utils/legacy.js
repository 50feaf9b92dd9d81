// Plain CommonJS beside the modules.
module.exports = { name: 'commonjs' }
