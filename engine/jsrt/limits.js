// The built-ins that allocate in proportion to an argument, rather than to
// data the script already holds, ask the phone for the memory first:
// `'x'.repeat(2 ** 31)` or `new Array(2e8).fill(0)` run in native code
// that no watchdog can interrupt and no heap watch sees in time. reserve
// stops the app as out of memory when it has no room for the bytes.
// Runs once per runtime, before any mini-program code.
(function (reserve) {
  var SLOT = 16;          // bytes per array element in the engine
  var FREE = 1 << 16;     // below this, not worth asking
  var CHUNK = 1 << 16;    // fill works in slices the watchdog can stop between
  var apply = Reflect.apply, construct = Reflect.construct;
  var define = Object.defineProperty;

  function ask(bytes) {
    if (bytes > FREE) reserve(bytes);
  }
  function len(v) {
    if (v === null || v === undefined) return 0;
    var n = v.length !== undefined ? v.length : v.size;
    n = Math.floor(Number(n));
    return n > 0 && isFinite(n) ? n : 0;
  }
  function count(v) {
    var n = Math.floor(Number(v));
    return n > 0 && isFinite(n) ? n : 0;
  }
  function relative(v, length, fallback) {
    if (v === undefined) return fallback;
    var n = Math.trunc(Number(v)) || 0;
    return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
  }
  function method(obj, name, fn) {
    define(obj, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
  // bound replaces obj[name] by a function that reserves what estimate says
  // the call will take, then calls the original.
  function bound(obj, name, estimate) {
    var original = obj[name];
    if (typeof original !== 'function') return;
    method(obj, name, {
      [name]: function () {
        ask(apply(estimate, this, arguments));
        return apply(original, this, arguments);
      }
    }[name]);
  }
  // pieces is the most parts a string operation can cut str into.
  function pieces(str, pattern) {
    var step = typeof pattern === 'string' && pattern.length > 0 ? pattern.length : 1;
    return Math.floor(String(str).length / step) + 1;
  }

  var S = String.prototype;
  bound(S, 'repeat', function (n) { return String(this).length * count(n); });
  bound(S, 'padStart', function (n) { return count(n) - String(this).length; });
  bound(S, 'padEnd', function (n) { return count(n) - String(this).length; });
  bound(S, 'split', function (sep) { return pieces(this, sep) * 2 * SLOT; });
  function replacing(pattern, replacement) {
    return typeof replacement === 'string' ? pieces(this, pattern) * replacement.length : 0;
  }
  bound(S, 'replace', replacing);
  bound(S, 'replaceAll', replacing);

  var A = Array.prototype;
  bound(A, 'join', function (sep) {
    return Math.max(len(this) - 1, 0) * (sep === undefined ? 1 : String(sep).length);
  });
  function copies() { return len(this) * SLOT; }
  ['toReversed', 'toSorted', 'toSpliced', 'with'].forEach(function (name) { bound(A, name, copies); });
  bound(A, 'concat', function () {
    var n = len(this);
    for (var i = 0; i < arguments.length; i++) n += Array.isArray(arguments[i]) ? len(arguments[i]) : 1;
    return n * SLOT;
  });
  var fill = A.fill;
  method(A, 'fill', function fill_(value, start, end) {
    var o = Object(this), n = len(o);
    var k = relative(start, n, 0), last = relative(end, n, n);
    ask((last - k) * SLOT);
    for (; k < last; k += CHUNK) apply(fill, o, [value, k, Math.min(k + CHUNK, last)]);
    return o;
  });
  define(A.fill, 'name', { value: 'fill' });
  bound(Array, 'from', function (items) { return len(items) * SLOT; });
  bound(Function.prototype, 'apply', function (self, args) { return len(args) * SLOT; });

  // Constructors are wrapped in proxies, so that instanceof, prototypes and
  // subclasses behave as before.
  function guarded(name, estimate) {
    var target = globalThis[name];
    if (typeof target !== 'function') return;
    var proxy = new Proxy(target, {
      apply: function (t, self, args) { ask(estimate(args)); return apply(t, self, args); },
      construct: function (t, args, newTarget) {
        ask(estimate(args));
        return construct(t, args, newTarget === proxy ? t : newTarget);
      }
    });
    define(target.prototype, 'constructor', { value: proxy, writable: true, configurable: true, enumerable: false });
    define(globalThis, name, { value: proxy, writable: true, configurable: true, enumerable: false });
  }
  guarded('Array', function (args) {
    return args.length === 1 && typeof args[0] === 'number' ? count(args[0]) * SLOT : 0;
  });
  guarded('ArrayBuffer', function (args) { return count(args[0]); });
  [
    ['Int8Array', 1], ['Uint8Array', 1], ['Uint8ClampedArray', 1], ['Int16Array', 2], ['Uint16Array', 2],
    ['Int32Array', 4], ['Uint32Array', 4], ['Float32Array', 4], ['Float64Array', 8],
    ['BigInt64Array', 8], ['BigUint64Array', 8]
  ].forEach(function (t) {
    guarded(t[0], function (args) {
      var a = args[0];
      if (typeof a === 'number') return count(a) * t[1];
      if (a instanceof ArrayBuffer) return 0; // a view over memory that exists
      return len(a) * t[1];
    });
  });
})
