package wxml

import "math"

// expr is a parsed {{ }} expression, evaluated against a scope.
type expr interface {
	eval(sc *scope) any
}

type (
	literal    struct{ v any }
	identExpr  string
	memberExpr struct{ obj, key expr }
	unaryExpr  struct {
		op string
		x  expr
	}
	binaryExpr struct {
		op   string
		l, r expr
	}
	condExpr  struct{ test, yes, no expr }
	arrayExpr struct{ elems []element }
	// objectExpr is an object literal, or the data of a <template>.
	objectExpr struct{ props []property }
	callExpr   struct {
		callee expr
		args   []element
	}
)

// element is an item of an array literal or an argument of a call.
type element struct {
	x      expr
	spread bool // ...x
}

// property is "key: value" in an object literal, or "...value" when spread.
type property struct {
	key    string
	value  expr
	spread bool
}

func (e literal) eval(*scope) any        { return e.v }
func (e identExpr) eval(sc *scope) any   { return sc.lookup(string(e)) }
func (e *memberExpr) eval(sc *scope) any { return member(e.obj.eval(sc), e.key.eval(sc)) }
func (e *condExpr) eval(sc *scope) any {
	if truthy(e.test.eval(sc)) {
		return e.yes.eval(sc)
	}
	return e.no.eval(sc)
}

func (e *unaryExpr) eval(sc *scope) any {
	x := e.x.eval(sc)
	switch e.op {
	case "!":
		return !truthy(x)
	case "-":
		return -toNumber(x)
	case "~":
		return float64(^toInt32(x))
	case "typeof":
		return typeOf(x)
	case "void":
		return undefined
	}
	return toNumber(x)
}

func (e *binaryExpr) eval(sc *scope) any {
	l := e.l.eval(sc)
	// &&, || and ?? short-circuit and yield an operand, as in JavaScript.
	switch e.op {
	case "&&":
		if !truthy(l) {
			return l
		}
		return e.r.eval(sc)
	case "||":
		if truthy(l) {
			return l
		}
		return e.r.eval(sc)
	case "??":
		if !isNullish(l) {
			return l
		}
		return e.r.eval(sc)
	}
	return binary(e.op, l, e.r.eval(sc))
}

func binary(op string, l, r any) any {
	switch op {
	case "==":
		return looseEquals(l, r)
	case "!=":
		return !looseEquals(l, r)
	case "===":
		return strictEquals(l, r)
	case "!==":
		return !strictEquals(l, r)
	case "<":
		return less(l, r, false)
	case "<=":
		return less(l, r, true)
	case ">":
		return less(r, l, false)
	case ">=":
		return less(r, l, true)
	case "+":
		return plus(l, r)
	case "-":
		return toNumber(l) - toNumber(r)
	case "*":
		return toNumber(l) * toNumber(r)
	case "/":
		return toNumber(l) / toNumber(r)
	case "**":
		return math.Pow(toNumber(l), toNumber(r))
	case "&":
		return float64(toInt32(l) & toInt32(r))
	case "|":
		return float64(toInt32(l) | toInt32(r))
	case "^":
		return float64(toInt32(l) ^ toInt32(r))
	case "<<":
		return float64(toInt32(l) << (toUint32(r) & 31))
	case ">>":
		return float64(toInt32(l) >> (toUint32(r) & 31))
	case ">>>":
		return float64(toUint32(l) >> (toUint32(r) & 31))
	case "in":
		return member(r, l) != undefined
	}
	return math.Mod(toNumber(l), toNumber(r)) // %, which has JavaScript's sign rule
}

func (e *arrayExpr) eval(sc *scope) any {
	list := make([]any, 0, len(e.elems))
	for _, el := range e.elems {
		// Composite values never hold undefined (see objectExpr).
		list = el.appendTo(list, sc, nil)
	}
	return list
}

// appendTo appends the value of el to list, or its items when it is
// spread; an undefined value is appended as undef.
func (el element) appendTo(list []any, sc *scope, undef any) []any {
	v := el.x.eval(sc)
	if !el.spread {
		if v == undefined {
			v = undef
		}
		return append(list, v)
	}
	iterable(v, func(_, item any) bool {
		list = append(list, item)
		return true
	})
	return list
}

// iterable calls fn with what spreading v gives, as forEach does: the
// items of an array, the characters of a string. Anything else gives
// nothing; JavaScript would throw, and WXML renders on.
func iterable(v any, fn func(index, item any) bool) {
	switch v.(type) {
	case []any, string:
		forEach(v, fn)
	}
}

// eval builds a map. A property whose value is undefined is left out,
// which reads the same (a missing key is undefined) and keeps undefined
// out of composite values, where a WXS function could not take it.
func (e *objectExpr) eval(sc *scope) any {
	obj := make(map[string]any, len(e.props))
	for _, p := range e.props {
		v := p.value.eval(sc)
		if p.spread {
			spreadInto(obj, v)
		} else if v != undefined {
			obj[p.key] = v
		}
	}
	return obj
}

// spreadInto copies the own properties of v into obj, as {...v} does:
// an array's or a string's by index; null and primitives have none.
func spreadInto(obj map[string]any, v any) {
	if m, ok := v.(map[string]any); ok {
		for k, item := range m {
			obj[k] = normalize(item)
		}
		return
	}
	iterable(v, func(i, item any) bool {
		obj[toString(i)] = item
		return true
	})
}

func (e *callExpr) eval(sc *scope) any {
	var this, fn any
	name := ""
	m, method := e.callee.(*memberExpr)
	if method {
		this = m.obj.eval(sc)
		key := m.key.eval(sc)
		name = toString(key)
		fn = member(this, key)
	} else {
		fn = e.callee.eval(sc)
		if id, ok := e.callee.(identExpr); ok {
			name = string(id)
		}
	}
	args := make([]any, 0, len(e.args))
	for _, a := range e.args {
		args = a.appendTo(args, sc, undefined)
	}
	return sc.call(fn, this, method, name, args)
}
