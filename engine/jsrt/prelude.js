// Helpers that are easier to say in JavaScript than through goja's Go API.
// They run once per runtime, before any mini-program code.
(function () {
  // clone copies data the way setData's JSON round trip would (functions
  // and undefined members dropped, dates as strings), without paying for a
  // JSON encoder and parser on every page load.
  function clone(v, depth) {
    if (v === null || typeof v !== 'object') {
      return typeof v === 'function' ? undefined : v;
    }
    if ((depth || 0) > 64) throw new TypeError('setData: data nested too deeply');
    if (typeof v.toJSON === 'function') return clone(v.toJSON(), depth);
    var out, i;
    if (Array.isArray(v)) {
      out = [];
      for (i = 0; i < v.length; i++) {
        var e = clone(v[i], (depth || 0) + 1);
        out.push(e === undefined ? null : e);
      }
      return out;
    }
    out = {};
    for (var k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      var c = clone(v[k], (depth || 0) + 1);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  // propertyDefault is a component property's value before anything sets
  // it: its declared value, else its type's empty value.
  function propertyDefault(d) {
    if (d !== null && typeof d === 'object') return 'value' in d ? clone(d.value) : propertyDefault(d.type);
    switch (d) {
      case String: return '';
      case Number: return 0;
      case Boolean: return false;
      case Array: return [];
      default: return null;
    }
  }
  // setPath follows WeChat's setData keys: "a.b", "list[0].name".
  function setPath(root, key, value) {
    var s = String(key), parts = [];
    if (s.indexOf('.') >= 0 || s.indexOf('[') >= 0 || s.indexOf(']') >= 0) {
      s.replace(/[^.[\]]+|\[(\d+)\]/g, function (m, idx) {
        parts.push(idx !== undefined ? Number(idx) : m);
      });
    } else if (s !== '') {
      parts.push(s); // one plain key, the common case: no regular expression to build
    }
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
  function box(id) {
    return { id: id, dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 };
  }

  // selectorQuery answers with boxes that have no layout, as a terminal
  // has none: a page that measures itself gets zeros rather than a throw.
  function selectorQuery() {
    var tasks = [], q;
    function nodes(sel, all) {
      var id = /^#/.test(sel) ? sel.slice(1) : '';
      var ref = {};
      function add(value) {
        return function (cb) {
          tasks.push({ value: all ? [] : value, cb: cb });
          return q;
        };
      }
      ref.boundingClientRect = add(box(id));
      ref.fields = function (f, cb) { return add(box(id))(cb); };
      ref.scrollOffset = add({ id: id, dataset: {}, scrollLeft: 0, scrollTop: 0, scrollWidth: 0, scrollHeight: 0 });
      ref.node = add(null);
      ref.context = add(null);
      return ref;
    }
    q = {
      in: function () { return q; },
      select: function (s) { return nodes(String(s), false); },
      selectAll: function (s) { return nodes(String(s), true); },
      selectViewport: function () { return nodes('', false); },
      exec: function (cb) {
        var out = tasks.map(function (t) { return t.value; });
        setTimeout(function () {
          tasks.forEach(function (t, i) { if (typeof t.cb === 'function') t.cb(out[i]); });
          if (typeof cb === 'function') cb(out);
        }, 0);
        return q;
      }
    };
    return q;
  }

  // tree gives an instance (a component or a page) what reaches the tree it
  // lives in.
  function tree(inst, host) {
    inst.triggerEvent = function (name, detail, opts) {
      opts = opts || {};
      host.trigger(String(name), detail === undefined ? {} : detail, !!opts.bubbles, !!opts.composed, !!opts.capturePhase);
    };
    inst.selectComponent = function (sel) { var all = host.select(String(sel), false); return all.length ? all[0] : null; };
    inst.selectAllComponents = function (sel) { return host.select(String(sel), true); };
    inst.selectOwnerComponent = function () { return host.owner(); };
    inst.getTabBar = function () { return host.tabBar(); };
    inst.createSelectorQuery = selectorQuery;
    inst.createIntersectionObserver = intersectionObserver;
  }

  // intersectionObserver never reports: nothing scrolls into a view that
  // has no layout.
  function intersectionObserver() {
    var o = { relativeTo: function () { return o; }, relativeToViewport: function () { return o; }, observe: function () {}, disconnect: function () {} };
    return o;
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
        for (var key in obj) {
          var value = clone(obj[key]);
          // As data's JSON round trip on WeChat: a function or undefined
          // is not data, and sets nothing.
          if (value !== undefined) setPath(page.data, key, value);
        }
        changed();
        if (typeof callback === 'function') callback.call(page);
      };
      // A page without a custom tabBar answers undefined, as on WeChat;
      // the tree of one that shows it replaces this before onLoad.
      page.getTabBar = function () { return undefined; };
      return page;
    },
    format: format,
    clone: clone,
    setPath: setPath,
    propertyDefault: propertyDefault,
    tree: tree,
    selectorQuery: selectorQuery,
    intersectionObserver: intersectionObserver,
    // components.js is run when an app first needs it, after the app's
    // own code: it takes the WeakMap of the runtime as it was.
    WeakMap: WeakMap,
    // invoke lets Go run a function "inside" JavaScript, so that promise
    // jobs it queues run when it returns.
    invoke: function (f) { return f(); }
  };
})()
