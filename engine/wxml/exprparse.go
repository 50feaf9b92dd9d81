package wxml

import "fmt"

// maxExprDepth bounds the nesting of an expression (parentheses, unary and
// chained operators) so that a hostile document cannot exhaust the stack
// while it is parsed or evaluated.
const maxExprDepth = 100

// binaryPrec is the precedence of each binary operator, as in JavaScript;
// higher binds tighter. ?? shares the level of ||, which JavaScript only
// refuses to mix without parentheses.
var binaryPrec = map[string]int{
	"||": 1, "??": 1,
	"&&": 2,
	"|":  3,
	"^":  4,
	"&":  5,
	"==": 6, "!=": 6, "===": 6, "!==": 6,
	"<": 7, "<=": 7, ">": 7, ">=": 7, "in": 7,
	"<<": 8, ">>": 8, ">>>": 8,
	"+": 9, "-": 9,
	"*": 10, "/": 10, "%": 10,
	"**": 11,
}

// parseExpr parses the source of one {{ }} expression.
func parseExpr(src string) (expr, *exprError) { return parseAs(src, false) }

// parseObjectBody parses the source of a {{ }} in a <template data>
// attribute, which WXML reads as the inside of an object literal:
// "{{...item}}", "{{a: 1, b}}", "{{item}}" (that is {item: item}).
func parseObjectBody(src string) (expr, *exprError) { return parseAs(src, true) }

// parseAs parses src as an expression or an object body. (A flag, not a
// function to call: the parser then stays on the stack.)
func parseAs(src string, body bool) (expr, *exprError) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := exprParser{toks: toks}
	var e expr
	if body {
		e, err = p.properties(tokEnd, "")
	} else {
		e, err = p.conditional()
	}
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEnd {
		return nil, p.unexpected(t)
	}
	return e, nil
}

type exprParser struct {
	toks  []token
	i     int
	depth int
}

func (p *exprParser) peek() token { return p.toks[p.i] }

func (p *exprParser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEnd {
		p.i++
	}
	return t
}

// accept consumes the punctuator op if it comes next.
func (p *exprParser) accept(op string) bool {
	if t := p.peek(); t.kind == tokPunct && t.text == op {
		p.i++
		return true
	}
	return false
}

func (p *exprParser) expect(op string) *exprError {
	if !p.accept(op) {
		return p.unexpected(p.peek())
	}
	return nil
}

func (p *exprParser) unexpected(t token) *exprError {
	switch t.kind {
	case tokEnd:
		return &exprError{t.pos, "unexpected end of expression"}
	case tokString:
		return &exprError{t.pos, fmt.Sprintf("unexpected string %q", t.text)}
	}
	return &exprError{t.pos, fmt.Sprintf("unexpected %q", t.text)}
}

// enter counts one more level of nesting; the caller undoes it with leave.
func (p *exprParser) enter() *exprError {
	p.depth++
	if p.depth > maxExprDepth {
		return &exprError{p.peek().pos, "expression nested too deeply"}
	}
	return nil
}

func (p *exprParser) leave(levels int) { p.depth -= levels }

// conditional parses `test ? yes : no`, right-associative as in JavaScript.
func (p *exprParser) conditional() (expr, *exprError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave(1)
	test, err := p.binary(1)
	if err != nil || !p.accept("?") {
		return test, err
	}
	yes, err := p.conditional()
	if err != nil {
		return nil, err
	}
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	no, err := p.conditional()
	if err != nil {
		return nil, err
	}
	return &condExpr{test, yes, no}, nil
}

// binary parses a chain of operators of precedence minPrec or higher by
// precedence climbing. Each operator in a chain deepens the tree, so it
// counts against maxExprDepth.
func (p *exprParser) binary(minPrec int) (expr, *exprError) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	levels := 0
	defer func() { p.leave(levels) }()
	for {
		t := p.peek()
		prec, ok := binaryPrec[t.text]
		isOp := t.kind == tokPunct || t.kind == tokIdent && t.text == "in"
		if !isOp || !ok || prec < minPrec {
			return left, nil
		}
		p.next()
		levels++
		if err := p.enter(); err != nil {
			return nil, err
		}
		next := prec + 1
		if t.text == "**" { // right-associative: 2 ** 3 ** 2 is 2 ** 9
			next = prec
		}
		right, err := p.binary(next)
		if err != nil {
			return nil, err
		}
		left = &binaryExpr{op: t.text, l: left, r: right}
	}
}

func isUnary(t token) bool {
	switch t.kind {
	case tokPunct:
		return t.text == "!" || t.text == "-" || t.text == "+" || t.text == "~"
	case tokIdent:
		return t.text == "typeof" || t.text == "void"
	}
	return false
}

func (p *exprParser) unary() (expr, *exprError) {
	t := p.peek()
	if !isUnary(t) {
		return p.postfix()
	}
	p.next()
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave(1)
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	return &unaryExpr{op: t.text, x: x}, nil
}

// postfix parses a primary expression followed by member accesses and
// calls: a.b, a?.b, a[i], a?.[i], f(x). Member access never fails in WXML,
// so ?. is read as . is.
func (p *exprParser) postfix() (expr, *exprError) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	levels := 0
	defer func() { p.leave(levels) }()
	for {
		optional := p.accept("?.")
		switch {
		case p.accept("["):
			key, err := p.conditional()
			if err != nil {
				return nil, err
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
			x = &memberExpr{obj: x, key: key}
		case p.accept("("):
			args, err := p.elements(")")
			if err != nil {
				return nil, err
			}
			x = &callExpr{callee: x, args: args}
		case optional || p.accept("."):
			t := p.next()
			if t.kind != tokIdent {
				return nil, p.unexpected(t)
			}
			x = &memberExpr{obj: x, key: literal{t.text}}
		default:
			return x, nil
		}
		levels++
		if err := p.enter(); err != nil {
			return nil, err
		}
	}
}

func (p *exprParser) primary() (expr, *exprError) {
	t := p.next()
	switch t.kind {
	case tokNumber:
		return literal{t.num}, nil
	case tokString:
		return literal{t.text}, nil
	case tokIdent:
		switch t.text {
		case "true":
			return literal{true}, nil
		case "false":
			return literal{false}, nil
		case "null":
			return literal{nil}, nil
		case "undefined":
			return literal{undefined}, nil
		}
		return identExpr(t.text), nil
	case tokPunct:
		switch t.text {
		case "(":
			x, err := p.conditional()
			if err != nil {
				return nil, err
			}
			return x, p.expect(")")
		case "[":
			elems, err := p.elements("]")
			if err != nil {
				return nil, err
			}
			return &arrayExpr{elems}, nil
		case "{":
			return p.properties(tokPunct, "}")
		}
	}
	return nil, p.unexpected(t)
}

// elements parses a comma-separated list of expressions, each of which may
// be spread, up to and including close: the items of an array literal or
// the arguments of a call. A trailing comma is allowed.
func (p *exprParser) elements(close string) ([]element, *exprError) {
	var list []element
	for !p.accept(close) {
		spread := p.accept("...")
		x, err := p.conditional()
		if err != nil {
			return nil, err
		}
		list = append(list, element{x: x, spread: spread})
		if !p.accept(",") {
			return list, p.expect(close)
		}
	}
	return list, nil
}

// properties parses the properties of an object literal up to the token
// that ends them: "}", or the end of a template data expression, which has
// no braces. A property is "key: value", a shorthand "name", or "...x".
func (p *exprParser) properties(endKind tokenKind, end string) (expr, *exprError) {
	obj := &objectExpr{}
	ends := func() bool {
		t := p.peek()
		return t.kind == endKind && t.text == end
	}
	for !ends() {
		if p.accept("...") {
			x, err := p.conditional()
			if err != nil {
				return nil, err
			}
			obj.props = append(obj.props, property{value: x, spread: true})
		} else {
			prop, err := p.property()
			if err != nil {
				return nil, err
			}
			obj.props = append(obj.props, prop)
		}
		if !p.accept(",") {
			break
		}
	}
	if !ends() {
		return nil, p.unexpected(p.peek())
	}
	p.next()
	return obj, nil
}

func (p *exprParser) property() (property, *exprError) {
	t := p.next()
	var key string
	switch t.kind {
	case tokIdent, tokString:
		key = t.text
	case tokNumber:
		key = formatNumber(t.num)
	default:
		return property{}, p.unexpected(t)
	}
	if !p.accept(":") {
		if t.kind != tokIdent {
			return property{}, p.unexpected(p.peek())
		}
		return property{key: key, value: identExpr(key)}, nil
	}
	x, err := p.conditional()
	if err != nil {
		return property{}, err
	}
	return property{key: key, value: x}, nil
}
