package wxml

import "fmt"

// maxExprDepth bounds the nesting of an expression (parentheses, unary and
// chained operators) so that a hostile document cannot exhaust the stack
// while it is parsed or evaluated.
const maxExprDepth = 100

// binaryPrec is the precedence of each binary operator, as in JavaScript;
// higher binds tighter.
var binaryPrec = map[string]int{
	"||": 1,
	"&&": 2,
	"==": 3, "!=": 3, "===": 3, "!==": 3,
	"<": 4, "<=": 4, ">": 4, ">=": 4,
	"+": 5, "-": 5,
	"*": 6, "/": 6, "%": 6,
}

// parseExpr parses the source of one {{ }} expression.
func parseExpr(src string) (expr, *exprError) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	e, err := p.conditional()
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
		if t.kind != tokPunct || !ok || prec < minPrec {
			return left, nil
		}
		p.next()
		levels++
		if err := p.enter(); err != nil {
			return nil, err
		}
		right, err := p.binary(prec + 1)
		if err != nil {
			return nil, err
		}
		left = &binaryExpr{op: t.text, l: left, r: right}
	}
}

func (p *exprParser) unary() (expr, *exprError) {
	t := p.peek()
	if t.kind != tokPunct || (t.text != "!" && t.text != "-" && t.text != "+") {
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

// postfix parses a primary expression followed by member accesses: a.b, a[i].
func (p *exprParser) postfix() (expr, *exprError) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	levels := 0
	defer func() { p.leave(levels) }()
	for {
		var key expr
		switch {
		case p.accept("."):
			t := p.next()
			if t.kind != tokIdent {
				return nil, p.unexpected(t)
			}
			key = literal{t.text}
		case p.accept("["):
			if key, err = p.conditional(); err != nil {
				return nil, err
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
		default:
			return x, nil
		}
		levels++
		if err := p.enter(); err != nil {
			return nil, err
		}
		x = &memberExpr{obj: x, key: key}
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
		if t.text == "(" {
			x, err := p.conditional()
			if err != nil {
				return nil, err
			}
			return x, p.expect(")")
		}
	}
	return nil, p.unexpected(t)
}
