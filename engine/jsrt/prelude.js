// Helpers that are easier to say in JavaScript than through goja's Go API.
// They run once per runtime, before any mini-program code.
(function () {
  function clone(v) {
    return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
  }
  // setPath follows WeChat's setData keys: "a.b", "list[0].name".
  function setPath(root, key, value) {
    var parts = [];
    String(key).replace(/[^.[\]]+|\[(\d+)\]/g, function (m, idx) {
      parts.push(idx !== undefined ? Number(idx) : m);
    });
    if (parts.length === 0) return;
    var obj = root;
    for (var i = 0; i < parts.length - 1; i++) {
      var p = parts[i];
      if (obj[p] === null || typeof obj[p] !== 'object') {
        obj[p] = typeof parts[i + 1] === 'number' ? [] : {};
      }
      obj = obj[p];
    }
    obj[parts[parts.length - 1]] = value;
  }
  function format(args) {
    var out = [];
    for (var i = 0; i < args.length; i++) {
      var a = args[i];
      if (typeof a === 'string') { out.push(a); continue; }
      if (a instanceof Error) { out.push(String(a)); continue; }
      if (a !== null && typeof a === 'object') {
        try { out.push(JSON.stringify(a)); } catch (e) { out.push(String(a)); }
        continue;
      }
      out.push(String(a));
    }
    return out.join(' ');
  }
  return {
    // makePage builds a page instance from its Page() definition: methods are
    // shared, data is a deep copy, as on WeChat.
    makePage: function (def, route, options, changed) {
      var page = {};
      for (var k in def) page[k] = def[k];
      page.data = def.data === undefined ? {} : clone(def.data);
      page.route = route;
      page.options = options;
      page.setData = function (obj, callback) {
        if (obj === null || typeof obj !== 'object') throw new TypeError('setData expects an object');
        for (var key in obj) setPath(page.data, key, clone(obj[key]));
        changed();
        if (typeof callback === 'function') callback.call(page);
      };
      return page;
    },
    format: format,
    // invoke lets Go run a function "inside" JavaScript, so that promise
    // jobs it queues run when it returns.
    invoke: function (f) { return f(); }
  };
})()
