// Custom components, after WeChat's component framework (glass-easel):
// a Component() definition and its behaviors flattened once into a class,
// and instances of it with data, properties, observers and lifetimes. The
// tree the instances live in (slots, events, relations, selectors) is the
// host's: each instance reaches it through the host object it is made with.
(function (clone, setPath, propertyDefault, tree, WeakMap) {
  var builtins = {
    // wx://form-field gives a component the name and value a form reads.
    'wx://form-field': { properties: { name: { type: String, value: '' }, value: { type: null, value: '' } } },
    'wx://form-field-group': {},
    'wx://form-field-button': {},
    // wx://component-export lets export() answer selectComponent.
    'wx://component-export': {}
  };
  var lifetimeNames = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];

  // copy copies data as glass-easel's setData does: objects and arrays
  // deeply, anything else as it is. Unlike a page's setData, functions
  // stay: libraries keep callbacks in a component's data (Vant's Dialog).
  function copy(v, depth) {
    if (v === null || typeof v !== 'object') return v;
    if ((depth || 0) > 64) throw new TypeError('setData: data nested too deeply');
    var out, k;
    if (Array.isArray(v)) {
      out = [];
      for (k = 0; k < v.length; k++) out.push(copy(v[k], (depth || 0) + 1));
      return out;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return clone(v);
    out = {};
    for (k in v) {
      if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = copy(v[k], (depth || 0) + 1);
    }
    return out;
  }
  var classes = new WeakMap();

  function normProp(p) {
    if (p === null || typeof p !== 'object') return { type: p, optionalTypes: [], value: propertyDefault(p) };
    return {
      type: p.type === undefined ? null : p.type,
      optionalTypes: Array.isArray(p.optionalTypes) ? p.optionalTypes : [],
      value: propertyDefault(p),
      observer: p.observer
    };
  }

  // pathOf splits a data path, "a.b[2].c" or "a.b.**", into its keys.
  function pathOf(s) {
    var parts = [];
    String(s).trim().replace(/[^.[\]\s]+|\[(\d+)\]/g, function (m, idx) {
      parts.push(idx !== undefined ? idx : m);
    });
    return parts;
  }

  // define flattens a definition with its behaviors, theirs first, as
  // WeChat applies them: their lifetimes and observers run before the
  // component's own, and its own fields win.
  function define(def) {
    var cls = classes.get(def);
    if (cls) return cls;
    cls = {
      props: {}, data: {}, methods: {}, observers: [], relations: {}, options: {}, behaviors: [],
      life: {}, page: { show: [], hide: [], resize: [] }, exportFn: null
    };
    lifetimeNames.forEach(function (n) { cls.life[n] = []; });
    function add(d) {
      if (typeof d === 'string') {
        if (cls.behaviors.indexOf(d) < 0) cls.behaviors.push(d);
        d = builtins[d];
      }
      if (d === null || typeof d !== 'object' || cls.behaviors.indexOf(d) >= 0) return;
      cls.behaviors.push(d);
      (Array.isArray(d.behaviors) ? d.behaviors : []).forEach(add);
      var k, life = d.lifetimes || {}, pl = d.pageLifetimes || {};
      for (k in d.properties) cls.props[k] = normProp(d.properties[k]);
      for (k in d.data) cls.data[k] = d.data[k];
      for (k in d.methods) cls.methods[k] = d.methods[k];
      for (k in d.observers) {
        cls.observers.push({ paths: String(k).split(',').map(pathOf), fn: d.observers[k] });
      }
      for (k in d.relations) cls.relations[k] = d.relations[k];
      for (k in d.options) cls.options[k] = d.options[k];
      // The lifetimes field takes precedence over the old top-level form.
      lifetimeNames.forEach(function (n) {
        var f = typeof life[n] === 'function' ? life[n] : d[n];
        if (typeof f === 'function') cls.life[n].push(f);
      });
      ['show', 'hide', 'resize'].forEach(function (n) {
        if (typeof pl[n] === 'function') cls.page[n].push(pl[n]);
      });
      if (typeof d.export === 'function') cls.exportFn = d.export;
    }
    add(def);
    classes.set(def, cls);
    return cls;
  }

  function matches(type, v) {
    switch (type) {
      case String: return typeof v === 'string';
      case Number: return typeof v === 'number';
      case Boolean: return typeof v === 'boolean';
      case Array: return Array.isArray(v);
      case Object: return v !== null && typeof v === 'object';
      default: return true;
    }
  }

  // coerce turns a value set on a property into its type, as glass-easel
  // does for the legacy types: 1 on a String property is "1". WXML gives
  // a bare attribute ("<van-picker show-toolbar>") as "", which on a
  // Boolean property means true.
  function coerce(p, v) {
    if (v === undefined) return clone(p.value);
    if (p.type === Boolean && v === '') return true;
    if (matches(p.type, v) || p.optionalTypes.some(function (t) { return matches(t, v); })) return v;
    switch (p.type) {
      case String: return v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      case Number: var n = Number(v); return isNaN(n) ? clone(p.value) : n;
      case Boolean: return !!v;
      case Array: return [];
      default: return null;
    }
  }

  function at(data, path) {
    var v = data;
    for (var i = 0; i < path.length && path[i] !== '**'; i++) {
      if (v === null || typeof v !== 'object') return undefined;
      v = v[path[i]];
    }
    return v;
  }

  // touches reports whether setting the data path set triggers the
  // observer path obs: setting a field triggers the observers of it and of
  // what is inside it, and of "**" paths above it (WeChat's docs on data
  // observers; glass-easel's observer tree).
  function touches(obs, set) {
    for (var i = 0; i < obs.length && i < set.length; i++) {
      if (obs[i] === '**') return true;
      if (obs[i] !== set[i]) return false;
    }
    return set.length <= obs.length || obs[obs.length - 1] === '**' || obs.length === 0;
  }

  function same(a, b) {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    try { return JSON.stringify(a) === JSON.stringify(b); } catch (e) { return false; }
  }

  // run calls f, one of the component's own functions, as glass-easel
  // does: an error it throws goes to the error lifetime, then on to the
  // app (App.onError).
  function run(cls, inst, f, args) {
    try {
      f.apply(inst, args || []);
    } catch (e) {
      if (cls.life.error.indexOf(f) < 0) {
        cls.life.error.forEach(function (h) { h.call(inst, e); });
      }
      throw e;
    }
  }

  function call(cls, inst, f, args) {
    if (typeof f === 'string') f = inst[f];
    if (typeof f === 'function') run(cls, inst, f, args);
  }

  // update applies setData's keys (or new property values) in glass-easel's
  // order: the data first, then the data observers that the keys touch,
  // each once and in declaration order, whether or not a value changed;
  // then the property observers of the properties that changed, in the
  // order of the keys.
  function update(cls, inst, obj) {
    var set = [], changed = [];
    for (var key in obj) {
      var value = copy(obj[key]);
      var path = pathOf(key);
      if (path.length === 0) continue;
      var p = Object.prototype.hasOwnProperty.call(cls.props, path[0]) ? cls.props[path[0]] : null;
      if (p && path.length === 1) {
        var old = inst.data[path[0]];
        value = coerce(p, value);
        inst.data[path[0]] = value;
        if (!same(old, value)) changed.push([p, value, old]);
      } else if (value !== undefined) {
        setPath(inst.data, key, value);
      }
      set.push(path);
    }
    cls.observers.forEach(function (o) {
      var hit = o.paths.some(function (op) { return set.some(function (sp) { return touches(op, sp); }); });
      if (hit) call(cls, inst, o.fn, o.paths.map(function (op) { return at(inst.data, op); }));
    });
    changed.forEach(function (c) { call(cls, inst, c[0].observer, [c[1], c[2]]); });
  }

  function create(cls, is, host) {
    var inst = {}, k;
    for (k in cls.methods) inst[k] = cls.methods[k];
    inst.is = is;
    inst.id = '';
    inst.dataset = {};
    inst.data = {};
    for (k in cls.data) inst.data[k] = copy(cls.data[k]);
    for (k in cls.props) inst.data[k] = clone(cls.props[k].value);
    inst.properties = inst.data;
    inst.setData = function (obj, cb) {
      if (obj === null || typeof obj !== 'object') throw new TypeError('setData expects an object');
      update(cls, inst, obj);
      host.changed();
      if (typeof cb === 'function') cb.call(inst);
    };
    inst.groupSetData = function (f) { if (typeof f === 'function') f.call(inst); };
    inst.hasBehavior = function (b) { return cls.behaviors.indexOf(b) >= 0; };
    inst.getRelationNodes = function (path) { return host.relations(String(path)); };
    tree(inst, host);
    return inst;
  }

  // around makes the page method name run before's functions first and
  // after's last.
  function around(inst, name, before, after) {
    var own = inst[name];
    inst[name] = function () {
      var r;
      before.forEach(function (f) { f(); });
      if (typeof own === 'function') r = own.apply(inst, arguments);
      after.forEach(function (f) { f(); });
      return r;
    };
  }

  // page makes a page written with Component(): a component instance
  // whose methods are the page's handlers (onLoad and the rest), whose
  // properties take the page's query, and whose lifetimes run around the
  // page's lifecycle as on WeChat: created and attached before onLoad,
  // ready before onReady, detached after onUnload, pageLifetimes after
  // onShow and onHide.
  function page(def, route, options, changed) {
    var cls = define(def);
    var host = {
      changed: changed, trigger: function () {}, owner: function () { return null; },
      select: function () { return []; }, relations: function () { return []; }
    };
    var inst = create(cls, route, host);
    inst.route = route;
    inst.options = options;
    function life(name) { return function () { cls.life[name].forEach(function (f) { run(cls, inst, f); }); }; }
    function pl(name) { return function () { cls.page[name].forEach(function (f) { run(cls, inst, f); }); }; }
    var query = {};
    for (var k in options) if (Object.prototype.hasOwnProperty.call(cls.props, k)) query[k] = options[k];
    around(inst, 'onLoad', [life('created'), function () { update(cls, inst, query); }, life('attached')], []);
    around(inst, 'onReady', [life('ready')], []);
    around(inst, 'onUnload', [], [life('detached')]);
    around(inst, 'onShow', [], [pl('show')]);
    around(inst, 'onHide', [], [pl('hide')]);
    return inst;
  }

  return {
    define: define,
    page: page,
    create: create,
    // props applies the values the parent's WXML gives the properties;
    // attributes that name none (external classes, styles) set nothing.
    props: function (cls, inst, props) {
      var own = {};
      for (var k in props) if (Object.prototype.hasOwnProperty.call(cls.props, k)) own[k] = props[k];
      update(cls, inst, own);
    },
    lifetime: function (cls, inst, name, args) {
      (cls.life[name] || []).forEach(function (f) { run(cls, inst, f, args); });
    },
    pageLifetime: function (cls, inst, name, args) {
      cls.page[name].forEach(function (f) { run(cls, inst, f, args); });
    },
    // relation calls the linked, linkChanged or unlinked of the relation
    // that key names in the class's relations.
    relation: function (cls, inst, key, what, target) {
      var rel = cls.relations[key];
      if (rel) call(cls, inst, rel[what], [target]);
    },
    relationsOf: function (cls) {
      return Object.keys(cls.relations).map(function (k) {
        var r = cls.relations[k] || {};
        return { key: k, type: String(r.type || ''), target: r.target === undefined ? '' : r.target };
      });
    },
    exported: function (cls, inst) { return cls.exportFn ? cls.exportFn.call(inst) : inst; },
    // shown is the data the component's WXML renders: without the pure
    // data fields that options.pureDataPattern names.
    shown: function (cls, inst) {
      var re = cls.options.pureDataPattern;
      if (!(re instanceof RegExp)) return inst.data;
      var out = {};
      for (var k in inst.data) if (!re.test(k)) out[k] = inst.data[k];
      return out;
    }
  };
})
