// Package jsondoc decodes a project's JSON configuration (app.json, a
// page's or a component's .json) into the Go type that describes it, and
// reports every value of the wrong type with the line it is on, all at
// once, where encoding/json stops at the first and gives a byte offset.
// Keys the type does not name are ignored, as WeChat ignores keys it does
// not know.
package jsondoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Problem is something wrong in a document, at a 1-based line.
type Problem struct {
	Line int
	Msg  string
}

// Kind is the JSON type of a value.
type Kind int

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Value is a JSON value and the line it starts on.
type Value struct {
	Kind  Kind
	Line  int
	raw   []byte
	str   string
	num   float64
	b     bool
	keys  []string // in document order; a repeated key keeps its last value
	field map[string]*Value
	items []*Value
}

// Get is the value of an object's key, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil {
		return nil
	}
	return v.field[key]
}

// Index is an array's i-th element, or nil.
func (v *Value) Index(i int) *Value {
	if v == nil || i < 0 || i >= len(v.items) {
		return nil
	}
	return v.items[i]
}

// Keys are an object's keys in the order the document has them.
func (v *Value) Keys() []string {
	if v == nil {
		return nil
	}
	return v.keys
}

// Parse reads a JSON document. A document that is not JSON is one problem,
// at the line of the byte that is wrong.
func Parse(data []byte) (*Value, *Problem) {
	if err := json.Unmarshal(data, new(json.RawMessage)); err != nil {
		return nil, syntaxProblem(data, err)
	}
	p := &parser{data: data, line: 1}
	return p.value(), nil
}

// syntaxProblem places a syntax error. json.Unmarshal's offset counts the
// bytes read, the offending one included; an error at the end of input has
// none and belongs on the last line that has something on it.
func syntaxProblem(data []byte, err error) *Problem {
	off := int64(len(bytes.TrimRight(data, " \t\r\n")))
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = min(off, se.Offset)
	}
	off = max(0, off-1)
	return &Problem{Line: 1 + bytes.Count(data[:off], []byte("\n")), Msg: "invalid JSON: " + err.Error()}
}

// parser walks a document json.Unmarshal has accepted, so it meets only
// well-formed JSON.
type parser struct {
	data []byte
	i    int
	line int
}

func (p *parser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case '\n':
			p.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		p.i++
	}
}

func (p *parser) value() *Value {
	p.space()
	start := p.i
	v := &Value{Line: p.line}
	switch c := p.data[p.i]; {
	case c == '{':
		v.Kind, v.field = Object, map[string]*Value{}
		p.i++
		for p.next('}') {
			key := p.value().str
			p.space()
			p.i++ // :
			if _, seen := v.field[key]; !seen {
				v.keys = append(v.keys, key)
			}
			v.field[key] = p.value()
		}
	case c == '[':
		v.Kind = Array
		p.i++
		for p.next(']') {
			v.items = append(v.items, p.value())
		}
	case c == '"':
		v.Kind = String
		p.i++
		for p.data[p.i] != '"' {
			if p.data[p.i] == '\\' {
				p.i++
			}
			p.i++
		}
		p.i++
		_ = json.Unmarshal(p.data[start:p.i], &v.str)
	case c == 't' || c == 'f' || c == 'n':
		word := p.word()
		v.Kind, v.b = Bool, word == "true"
		if word == "null" {
			v.Kind = Null
		}
	default:
		v.Kind = Number
		v.num, _ = strconv.ParseFloat(p.word(), 64)
	}
	v.raw = p.data[start:p.i]
	return v
}

// next steps over a separator and reports whether another member or
// element follows before the closing byte.
func (p *parser) next(closing byte) bool {
	p.space()
	if p.data[p.i] == ',' {
		p.i++
		p.space()
	}
	if p.data[p.i] == closing {
		p.i++
		return false
	}
	return true
}

func (p *parser) word() string {
	start := p.i
	for p.i < len(p.data) && strings.IndexByte(",]} \t\r\n", p.data[p.i]) < 0 {
		p.i++
	}
	return string(p.data[start:p.i])
}

// Decode stores v into the value target points to, following its Go type
// as encoding/json does, and reports every value whose JSON type does not
// fit, naming it by its place in the document ("window.navigationBarTitleText",
// "pages[2]"). A null is taken as absent. What fits is stored even when
// something else does not.
func Decode(v *Value, target any) []Problem {
	var d decoder
	d.decode(v, reflect.ValueOf(target).Elem(), "")
	return d.problems
}

type decoder struct{ problems []Problem }

var rawMessage = reflect.TypeFor[json.RawMessage]()

func (d *decoder) decode(v *Value, rv reflect.Value, name string) {
	if v.Kind == Null {
		return
	}
	t := rv.Type()
	switch {
	case t == rawMessage:
		rv.SetBytes(bytes.Clone(v.raw))
		return
	case t.Kind() == reflect.Interface:
		var x any
		_ = json.Unmarshal(v.raw, &x)
		if x != nil {
			rv.Set(reflect.ValueOf(x))
		}
		return
	case t.Kind() == reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		d.decode(v, rv.Elem(), name)
		return
	}
	if want := kindOf(t); v.Kind != want {
		d.wrongType(v, t, name)
		return
	}
	switch t.Kind() {
	case reflect.String:
		rv.SetString(v.str)
	case reflect.Bool:
		rv.SetBool(v.b)
	case reflect.Float32, reflect.Float64:
		rv.SetFloat(v.num)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.num != float64(int64(v.num)) || rv.OverflowInt(int64(v.num)) {
			d.wrongType(v, t, name)
			return
		}
		rv.SetInt(int64(v.num))
	case reflect.Slice:
		s := reflect.MakeSlice(t, len(v.items), len(v.items))
		for i, item := range v.items {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", name, i))
		}
		rv.Set(s)
	case reflect.Map:
		m := reflect.MakeMapWithSize(t, len(v.keys))
		for _, k := range v.keys {
			e := reflect.New(t.Elem()).Elem()
			d.decode(v.field[k], e, fmt.Sprintf("%s[%q]", name, k))
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
		rv.Set(m)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if key == "" || key == "-" || !f.IsExported() {
				continue
			}
			if fv := v.field[key]; fv != nil {
				d.decode(fv, rv.Field(i), join(name, key))
			}
		}
	}
}

func join(name, key string) string {
	if name == "" {
		return key
	}
	return name + "." + key
}

// kindOf is the JSON kind a Go type takes.
func kindOf(t reflect.Type) Kind {
	switch t.Kind() {
	case reflect.String:
		return String
	case reflect.Bool:
		return Bool
	case reflect.Slice, reflect.Array:
		return Array
	case reflect.Struct, reflect.Map:
		return Object
	}
	return Number
}

func (d *decoder) wrongType(v *Value, t reflect.Type, name string) {
	want := map[Kind]string{String: "a string", Bool: "a boolean", Number: "a number", Array: "an array", Object: "an object"}[kindOf(t)]
	if k := t.Kind(); k >= reflect.Int && k <= reflect.Int64 && v.Kind == Number {
		want = "an integer"
	}
	msg := fmt.Sprintf("must be %s, not %s", want, KindName(v.Kind))
	if name != "" {
		msg = name + " " + msg
	}
	d.problems = append(d.problems, Problem{Line: v.Line, Msg: msg})
}

// KindName names a kind with its article, as messages use it.
func KindName(k Kind) string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}
