export default { name: 'config by an exact alias' }
