// A default export next to named ones, and a class with a private field:
// all of it must reach CommonJS requirers as Babel would hand it over.
class Greeter {
  #prefix = '你好'
  greet(name) { return `${this.#prefix} ${name}` }
}

const greeter = new Greeter()
export default (name) => greeter.greet(name)
export const shout = (s) => s?.toUpperCase() ?? ''
