package wxml

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"

	"miniphone/engine/wxs"
)

// Values inside expressions are what goja exports: nil (null), string,
// int64, float64, bool, []any, map[string]any. A path that leads nowhere is
// the undefined value, kept apart from null because JavaScript treats them
// differently in arithmetic (null + 1 is 1, undefined + 1 is NaN).
type undefinedValue struct{}

var undefined = undefinedValue{}

// maxStringDepth bounds how deep toString follows nested arrays, which a Go
// caller could make cyclic.
const maxStringDepth = 32

// normalize maps the int a Go caller writes for a number in page data onto
// the int64 that goja exports, so that the rest of the package handles only
// goja's types.
func normalize(v any) any {
	if n, ok := v.(int); ok {
		return int64(n)
	}
	return v
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

func isNullish(v any) bool { return v == nil || v == undefined }

// isComposite reports whether v is an array or object, which JavaScript
// compares by identity and converts to a primitive through toString.
func isComposite(v any) bool {
	switch v.(type) {
	case []any, map[string]any:
		return true
	}
	return false
}

// truthy is JavaScript's ToBoolean.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil, undefinedValue:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case int64:
		return x != 0
	case float64:
		return x != 0 && !math.IsNaN(x)
	}
	return true
}

// toNumber is JavaScript's ToNumber for the values above.
func toNumber(v any) float64 {
	switch x := v.(type) {
	case nil:
		return 0
	case undefinedValue:
		return math.NaN()
	case bool:
		if x {
			return 1
		}
		return 0
	case int64:
		return float64(x)
	case float64:
		return x
	case string:
		return stringToNumber(x)
	}
	return stringToNumber(toString(v))
}

// stringToNumber reads a decimal number as JavaScript's Number(s) does;
// strconv alone would also accept "inf", hex floats and underscores.
func stringToNumber(s string) float64 {
	s = strings.TrimSpace(s)
	switch strings.TrimLeft(s, "+-") {
	case "":
		if s == "" {
			return 0
		}
		return math.NaN()
	case "Infinity":
		if s[0] == '-' {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	if strings.Trim(s, "0123456789+-.eE") != "" {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !isRangeError(err) {
		return math.NaN()
	}
	return f
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// toInt32 is JavaScript's ToInt32, the operand of the bitwise operators.
func toInt32(v any) int32 { return int32(toUint32(v)) }

// toUint32 is JavaScript's ToUint32: the number modulo 2^32.
func toUint32(v any) uint32 {
	f := toNumber(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return uint32(int64(math.Mod(math.Trunc(f), 1<<32)))
}

// typeOf is JavaScript's typeof.
func typeOf(v any) string {
	switch v.(type) {
	case undefinedValue:
		return "undefined"
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	case *wxs.Func:
		return "function"
	}
	return "object"
}

// toString is JavaScript's String(v).
func toString(v any) string { return stringAt(v, 0) }

func stringAt(v any, depth int) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case undefinedValue:
		return "undefined"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatNumber(x)
	case []any:
		if depth >= maxStringDepth {
			return ""
		}
		parts := make([]string, len(x))
		for i, e := range x {
			if !isNullish(e) { // Array.prototype.join writes null and undefined as ""
				parts[i] = stringAt(normalize(e), depth+1)
			}
		}
		return strings.Join(parts, ",")
	}
	return "[object Object]"
}

// display is how a value appears on the page: like String(v), except that
// null and undefined show as nothing.
func display(v any) string {
	if isNullish(v) {
		return ""
	}
	return toString(v)
}

// formatNumber formats f as JavaScript's Number.prototype.toString does:
// shortest round-trip digits, no exponent from 1e-6 up to 1e21.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0" // also for -0, as JavaScript prints it
	}
	if a := math.Abs(f); a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64) // 1.5e-07
		mant, exp, _ := strings.Cut(s, "e")
		sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
		return mant + "e" + sign + digits // 1.5e-7
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// strictEquals is JavaScript's ===.
func strictEquals(a, b any) bool {
	if isNumber(a) && isNumber(b) {
		return toNumber(a) == toNumber(b)
	}
	if isComposite(a) || isComposite(b) {
		return sameObject(a, b)
	}
	switch a.(type) {
	case nil, undefinedValue, string, bool, *wxs.Func:
		return a == b
	}
	return false
}

// sameObject reports whether a and b are the same array or object.
func sameObject(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Kind() != vb.Kind() || !isComposite(a) {
		return false
	}
	return va.Pointer() == vb.Pointer() && va.Len() == vb.Len()
}

// looseEquals is JavaScript's ==.
func looseEquals(a, b any) bool {
	switch {
	case isNullish(a) || isNullish(b):
		return isNullish(a) && isNullish(b)
	case isComposite(a) && isComposite(b):
		return sameObject(a, b)
	case isComposite(a):
		return looseEquals(toString(a), b)
	case isComposite(b):
		return looseEquals(a, toString(b))
	}
	_, as := a.(string)
	_, bs := b.(string)
	if as && bs {
		return a == b
	}
	return toNumber(a) == toNumber(b)
}

// less is JavaScript's a < b: strings compare by UTF-16 code units, anything
// else as numbers (false when either is NaN). orEqual gives a <= b.
func less(a, b any, orEqual bool) bool {
	if isComposite(a) {
		a = toString(a)
	}
	if isComposite(b) {
		b = toString(b)
	}
	as, aok := a.(string)
	bs, bok := b.(string)
	if aok && bok {
		c := compareUTF16(as, bs)
		return c < 0 || orEqual && c == 0
	}
	x, y := toNumber(a), toNumber(b)
	return x < y || orEqual && x == y
}

func compareUTF16(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// plus is JavaScript's a + b: concatenation when either side is a string
// (arrays and objects become strings first), addition otherwise.
func plus(a, b any) any {
	if isComposite(a) {
		a = toString(a)
	}
	if isComposite(b) {
		b = toString(b)
	}
	_, as := a.(string)
	_, bs := b.(string)
	if as || bs {
		return toString(a) + toString(b)
	}
	return toNumber(a) + toNumber(b)
}

// member is obj[key] for data values. Unlike JavaScript it never fails: a
// missing property, or a property of null, is undefined.
func member(obj, key any) any {
	switch o := obj.(type) {
	case map[string]any:
		if v, ok := o[toString(key)]; ok {
			return normalize(v)
		}
	case []any:
		if key == "length" {
			return int64(len(o))
		}
		if i, ok := arrayIndex(key); ok && i < len(o) {
			return normalize(o[i])
		}
	case string:
		if key == "length" {
			return int64(len(utf16.Encode([]rune(o))))
		}
	}
	return undefined
}

// arrayIndex converts a property key to an array index: a non-negative
// integer, or a string that is one ("0" but not "00" or "1.0").
func arrayIndex(key any) (int, bool) {
	var f float64
	switch k := key.(type) {
	case int64, float64:
		f = toNumber(k)
	case string:
		f = stringToNumber(k)
		if k != formatNumber(f) {
			return 0, false
		}
	default:
		return 0, false
	}
	if f < 0 || f != math.Trunc(f) || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}
