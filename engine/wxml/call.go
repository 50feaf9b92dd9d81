package wxml

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"miniphone/engine/wxs"
)

// call calls fn, the value of a callee, with args. this is the object the
// callee was read from when it was a member (method is true): a WXS
// function, or a method of a string, array or number in the page's data
// (itemOf.indexOf(x)). Anything else is an error line; the call is
// undefined, as an expression that cannot be evaluated renders.
func (sc *scope) call(fn, this any, method bool, name string, args []any) any {
	if f, ok := fn.(*wxs.Func); ok {
		in := make([]any, len(args))
		for i, a := range args {
			in[i] = toWXS(a)
		}
		v, err := f.Call(in...)
		if err != nil {
			sc.env.fail(err)
			return undefined
		}
		if v == wxs.Undefined {
			return undefined
		}
		return v
	}
	if method {
		if v, ok := callMethod(this, name, args); ok {
			return v
		}
	}
	sc.env.failf("%s is not a function", name)
	return undefined
}

func toWXS(v any) any {
	if v == undefined {
		return wxs.Undefined
	}
	return v
}

// callMethod calls the built-in method name of a string, array or number,
// for those pages use in expressions. It reports false for any other.
func callMethod(this any, name string, args []any) (any, bool) {
	arg := func(i int) any {
		if i < len(args) {
			return args[i]
		}
		return undefined
	}
	switch x := this.(type) {
	case string:
		return stringMethod(x, name, arg)
	case []any:
		return arrayMethod(x, name, arg)
	case int64, float64:
		return numberMethod(toNumber(x), name, arg)
	}
	return nil, false
}

func stringMethod(s, name string, arg func(int) any) (any, bool) {
	u := utf16.Encode([]rune(s))
	str := func(i int) string { return toString(arg(i)) }
	switch name {
	case "indexOf":
		return float64(indexUTF16(u, utf16.Encode([]rune(str(0))), int(clampIndex(arg(1), len(u), 0)))), true
	case "lastIndexOf":
		return float64(lastIndexUTF16(u, utf16.Encode([]rune(str(0))))), true
	case "includes":
		return strings.Contains(s, str(0)), true
	case "startsWith":
		return strings.HasPrefix(s, str(0)), true
	case "endsWith":
		return strings.HasSuffix(s, str(0)), true
	case "slice":
		from, to := clampIndex(arg(0), len(u), 0), clampIndex(arg(1), len(u), len(u))
		return sliceUTF16(u, from, to), true
	case "substring":
		from, to := clampSubstring(arg(0), len(u), 0), clampSubstring(arg(1), len(u), len(u))
		return sliceUTF16(u, min(from, to), max(from, to)), true
	case "substr":
		from := clampIndex(arg(0), len(u), 0)
		n := len(u) - from
		if arg(1) != undefined {
			n = int(math.Max(0, math.Min(float64(n), toNumber(arg(1)))))
		}
		return sliceUTF16(u, from, from+n), true
	case "charAt":
		i := toNumber(arg(0))
		if math.IsNaN(i) {
			i = 0
		}
		if i < 0 || int(i) >= len(u) {
			return "", true
		}
		return sliceUTF16(u, int(i), int(i)+1), true
	case "toUpperCase", "toLocaleUpperCase":
		return strings.ToUpper(s), true
	case "toLowerCase", "toLocaleLowerCase":
		return strings.ToLower(s), true
	case "trim":
		return strings.TrimSpace(s), true
	case "split":
		if arg(0) == undefined {
			return []any{s}, true
		}
		parts := strings.Split(s, str(0))
		list := make([]any, len(parts))
		for i, p := range parts {
			list[i] = p
		}
		return list, true
	case "replace":
		return strings.Replace(s, str(0), str(1), 1), true
	case "concat":
		return s + str(0), true
	case "toString", "valueOf":
		return s, true
	}
	return nil, false
}

func arrayMethod(list []any, name string, arg func(int) any) (any, bool) {
	switch name {
	case "indexOf":
		for i, v := range list {
			if strictEquals(normalize(v), arg(0)) {
				return float64(i), true
			}
		}
		return float64(-1), true
	case "includes":
		for _, v := range list {
			if strictEquals(normalize(v), arg(0)) || isNaNValue(v) && isNaNValue(arg(0)) {
				return true, true
			}
		}
		return false, true
	case "join":
		sep := ","
		if arg(0) != undefined {
			sep = toString(arg(0))
		}
		parts := make([]string, len(list))
		for i, v := range list {
			if !isNullish(v) {
				parts[i] = toString(normalize(v))
			}
		}
		return strings.Join(parts, sep), true
	case "slice":
		from, to := clampIndex(arg(0), len(list), 0), clampIndex(arg(1), len(list), len(list))
		if from >= to {
			return []any{}, true
		}
		return append([]any(nil), list[from:to]...), true
	case "toString":
		return toString(list), true
	}
	return nil, false
}

func numberMethod(f float64, name string, arg func(int) any) (any, bool) {
	switch name {
	case "toFixed":
		digits := toNumber(arg(0))
		if math.IsNaN(digits) || digits < 0 || digits > 100 {
			digits = 0
		}
		if math.Abs(f) >= 1e21 || math.IsNaN(f) || math.IsInf(f, 0) {
			return formatNumber(f), true
		}
		return strconv.FormatFloat(f, 'f', int(digits), 64), true
	case "toString", "valueOf":
		return formatNumber(f), true
	}
	return nil, false
}

func isNaNValue(v any) bool {
	f, ok := v.(float64)
	return ok && math.IsNaN(f)
}

// clampIndex is a relative index argument (negative counts from the end)
// clamped to 0..n; def when it is undefined.
func clampIndex(v any, n, def int) int {
	if v == undefined {
		return def
	}
	f := toNumber(v)
	switch {
	case math.IsNaN(f):
		return 0
	case f < 0:
		return int(math.Max(0, float64(n)+math.Trunc(f)))
	}
	return int(math.Min(float64(n), math.Trunc(f)))
}

// clampSubstring is substring's argument: negative and NaN are 0.
func clampSubstring(v any, n, def int) int {
	if v == undefined {
		return def
	}
	f := toNumber(v)
	if math.IsNaN(f) || f < 0 {
		return 0
	}
	return int(math.Min(float64(n), math.Trunc(f)))
}

func sliceUTF16(u []uint16, from, to int) string {
	if from >= to {
		return ""
	}
	return string(utf16.Decode(u[from:to]))
}

func indexUTF16(s, sub []uint16, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if equalUTF16(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func lastIndexUTF16(s, sub []uint16) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if equalUTF16(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func equalUTF16(a, b []uint16) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// fail reports an error of the expression being rendered; outside a
// render (tests of expressions) there is no one to tell.
func (e *env) fail(err error) {
	if e != nil {
		e.r.fail(err)
	}
}

func (e *env) failf(format string, args ...any) { e.fail(fmt.Errorf(format, args...)) }
