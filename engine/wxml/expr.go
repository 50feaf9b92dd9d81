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
	condExpr struct{ test, yes, no expr }
)

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
	}
	return toNumber(x)
}

func (e *binaryExpr) eval(sc *scope) any {
	l := e.l.eval(sc)
	// && and || short-circuit and yield an operand, as in JavaScript.
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
	}
	r := e.r.eval(sc)
	switch e.op {
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
	}
	return math.Mod(toNumber(l), toNumber(r)) // %, which has JavaScript's sign rule
}
