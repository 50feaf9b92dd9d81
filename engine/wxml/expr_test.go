package wxml

import (
	"math"
	"testing"
)

// exprData is the page data the expression tests run against.
var exprData = map[string]any{
	"name":  "张三",
	"n":     int64(3),
	"half":  0.5,
	"zero":  int64(0),
	"empty": "",
	"nul":   nil,
	"ok":    true,
	"num":   "42",
	"big":   int64(9007199254740993),
	"goint": 7, // a Go int, as a Go caller may write it
	"list": []any{
		map[string]any{"name": "a", "tags": []any{"x", "y"}},
		map[string]any{"name": "b"},
	},
	"obj":   map[string]any{"a b": int64(1), "0": "zero"},
	"emoji": "😀a",
}

func TestEval(t *testing.T) {
	tests := []struct{ src, want string }{
		// paths
		{"name", "张三"},
		{"list[0].name", "a"},
		{"list[1]['name']", "b"},
		{"list[0].tags[1]", "y"},
		{"list.length", "2"},
		{"list[0].tags.length", "2"},
		{"list[n - 2].name", "b"},
		{"list['1'].name", "b"},
		{"list['01']", "undefined"},
		{"list[1.5]", "undefined"},
		{"list[-1]", "undefined"},
		{"list[9].name", "undefined"},
		{"obj['a b']", "1"},
		{"obj[0]", "zero"},
		{"name.length", "2"},
		{"emoji.length", "3"},
		{"missing", "undefined"},
		{"missing.deeper.still", "undefined"},
		{"nul.x", "undefined"},
		{"n.x", "undefined"},
		{"goint + 1", "8"},
		{"big", "9007199254740993"},
		// literals
		{"'it\\'s'", "it's"},
		{`"a\nb"`, "a\nb"},
		{`"\中"`, "中"},
		{"1.50", "1.5"},
		{"1.", "1"},
		{".5", "0.5"},
		{"1e3", "1000"},
		{"1e400", "Infinity"},
		{"true", "true"},
		{"null", "null"},
		{"undefined", "undefined"},
		// arithmetic and concatenation
		{"n + 1", "4"},
		{"n + half", "3.5"},
		{"n + '1'", "31"},
		{"'1' + n", "13"},
		{"name + n", "张三3"},
		{"num - 2", "40"},
		{"n - 'x'", "NaN"},
		{"n * 2 + 1", "7"},
		{"1 + 2 * 3", "7"},
		{"(1 + 2) * 3", "9"},
		{"7 / 2", "3.5"},
		{"-7 % 3", "-1"},
		{"1 / 0", "Infinity"},
		{"-n", "-3"},
		{"10 - 2 - 3", "5"},
		{"nul + 1", "1"},
		{"missing + 1", "NaN"},
		{"list[0].tags + ''", "x,y"},
		{"obj + ''", "[object Object]"},
		{"true + 1", "2"},
		{"0.1 + 0.2", "0.30000000000000004"},
		// comparison
		{"n > 2", "true"},
		{"n >= 3", "true"},
		{"n < 3", "false"},
		{"n <= 2", "false"},
		{"num > 5", "true"},
		{"'b' > 'a'", "true"},
		{"'10' < '9'", "true"},
		{"missing < 1", "false"},
		{"missing >= 1", "false"},
		// equality
		{"n == '3'", "true"},
		{"n === '3'", "false"},
		{"n === 3", "true"},
		{"n != 3", "false"},
		{"n !== '3'", "true"},
		{"half === 0.5", "true"},
		{"nul == missing", "true"},
		{"nul === missing", "false"},
		{"nul == 0", "false"},
		{"zero == false", "true"},
		{"zero === false", "false"},
		{"empty == 0", "true"},
		{"list == list", "true"},
		{"list === list[0]", "false"},
		{"list[0].tags == 'x,y'", "true"},
		// logic
		{"!ok", "false"},
		{"!!name", "true"},
		{"!empty", "true"},
		{"!list", "false"},
		{"ok && name", "张三"},
		{"zero && name", "0"},
		{"empty || 'default'", "default"},
		{"n > 1 && n < 5", "true"},
		{"ok ? 'yes' : 'no'", "yes"},
		{"zero ? 'yes' : 'no'", "no"},
		{"n > 5 ? 'big' : n > 1 ? 'mid' : 'small'", "mid"},
		{"(ok)", "true"},
		{"missing ?? 'd'", "d"},
		{"zero ?? 1", "0"},
		{"nul ?? empty ?? 'x'", ""},
		// bitwise and other operators
		{"5 & 3", "1"},
		{"5 | 3", "7"},
		{"5 ^ 3", "6"},
		{"~5", "-6"},
		{"1 << 3", "8"},
		{"-16 >> 2", "-4"},
		{"-1 >>> 28", "15"},
		{"2 ** 10", "1024"},
		{"2 ** 3 ** 2", "512"},
		{"n != 'x' & n != null", "1"},
		{"0x1F + 1", "32"},
		{"typeof n + typeof name + typeof missing + typeof list + typeof nul + typeof ok", "numberstringundefinedobjectobjectboolean"},
		{"void 0", "undefined"},
		{"'name' in list[0]", "true"},
		{"'nope' in list[0]", "false"},
		{"0 in list", "true"},
		{"ok?.5:1", "0.5"},
		// optional member access
		{"list?.[0]?.name", "a"},
		{"nul?.x?.y", "undefined"},
		// array and object literals, spread
		{"[1, n, 'x']", "1,3,x"},
		{"[]", ""},
		{"[1, 2,].length", "2"},
		{"[n, [n, n]][1][0]", "3"},
		{"[...list[0].tags, 'z']", "x,y,z"},
		{"[...'ab', ...missing, ...n]", "a,b"},
		{"[missing, nul].length", "2"},
		{"({a: 1, 'b c': n, 2: 'two'})['b c']", "3"},
		{"({a: 1})[ 'a' ] + ({n}).n", "4"},
		{"({...list[0], name: 'c'}).name", "c"},
		{"({...list[0], name: 'c'}).tags", "x,y"},
		{"({name: 'c', ...list[0]}).name", "a"},
		{"({...list}).length", "undefined"},
		{"({...list})[1].name", "b"},
		{"({...'hi'})[1]", "i"},
		{"({...nul, ...missing, ...n, a: 1}).a", "1"},
		{"{a: {b: {c: name}}}.a.b.c", "张三"},
		{"({a: missing}).a", "undefined"},
		{"'a' in {a: missing}", "false"},
		// methods of data values
		{"name.indexOf('三')", "1"},
		{"emoji.indexOf('a')", "2"},
		{"list[0].tags.indexOf('y')", "1"},
		{"list[0].tags.indexOf('q')", "-1"},
		{"list[0].tags.includes('x')", "true"},
		{"list[0].tags.join('-')", "x-y"},
		{"list[0].tags.join()", "x,y"},
		{"[1, nul, 'a'].join('+')", "1++a"},
		{"list.slice(1)[0].name", "b"},
		{"'abcdef'.substring(4, 1)", "bcd"},
		{"'abcdef'.slice(-2)", "ef"},
		{"'abcdef'.substr(1, 2)", "bc"},
		{"'天气真好我们'.substring(0, 4) + '...'", "天气真好..."},
		{"'a,b,c'.split(',').length", "3"},
		{"' A b '.trim().toLowerCase()", "a b"},
		{"'abc'.charAt(1) + 'abc'.toUpperCase()", "bABC"},
		{"'aXbX'.replace('X', '-')", "a-bX"},
		{"'abc'.startsWith('ab') && 'abc'.endsWith('bc')", "true"},
		{"'a-b-a'.lastIndexOf('a')", "4"},
		{"half.toFixed(2)", "0.50"},
		{"n.toFixed()", "3"},
		{"(1.005).toFixed(1)", "1.0"},
		{"n.toString() + 1", "31"},
		// calls that cannot be made are undefined
		{"missing(1)", "undefined"},
		{"name.nope()", "undefined"},
		{"obj.a()", "undefined"},
		{"list[0].tags.map(n)", "undefined"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			x, err := parseExpr(tt.src)
			if err != nil {
				t.Fatalf("parseExpr: %v", err)
			}
			if got := toString(x.eval(&scope{data: exprData})); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseExprErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", "unexpected end of expression"},
		{"a +", "unexpected end of expression"},
		{"a b", `unexpected "b"`},
		{"a = 1", `unexpected "="`},
		{"a &&& b", `unexpected "&"`},
		{"a ? .5", "unexpected end of expression"},
		{"a.1", `unexpected ".1"`},
		{"a[1", "unexpected end of expression"},
		{"(a", "unexpected end of expression"},
		{"a ? b", "unexpected end of expression"},
		{"'abc", "unterminated string"},
		{"a.'b'", `unexpected string "b"`},
		{"f(1,", "unexpected end of expression"},
		{"f(1 2)", `unexpected "2"`},
		{"[1, 2", "unexpected end of expression"},
		{"{a 1}", `unexpected "1"`},
		{"{'a'}", `unexpected "}"`},
		{"{a: }", `unexpected "}"`},
		{"...a", `unexpected "..."`},
		{"a.b.", "unexpected end of expression"},
		{"a?.", "unexpected end of expression"},
		{"typeof", "unexpected end of expression"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := parseExpr(tt.src)
			if err == nil || err.msg != tt.want {
				t.Errorf("error %+v, want %q", err, tt.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{3, "3"},
		{-3, "-3"},
		{0.5, "0.5"},
		{math.Copysign(0, -1), "0"},
		{1e20, "100000000000000000000"},
		{123456789012345680000, "123456789012345680000"},
		{1e21, "1e+21"},
		{1.5e300, "1.5e+300"},
		{0.000001, "0.000001"},
		{1.5e-7, "1.5e-7"},
		{-2e-10, "-2e-10"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.f); got != tt.want {
			t.Errorf("formatNumber(%g) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestStringToNumber(t *testing.T) {
	tests := []struct {
		s    string
		want float64
	}{
		{"", 0},
		{"  12 ", 12},
		{"-1.5e2", -150},
		{"-Infinity", math.Inf(-1)},
		{"inf", math.NaN()},
		{"0x10", math.NaN()},
		{"1_000", math.NaN()},
		{"-", math.NaN()},
		{"1e999", math.Inf(1)},
	}
	for _, tt := range tests {
		got := stringToNumber(tt.s)
		if got != tt.want && !(math.IsNaN(got) && math.IsNaN(tt.want)) {
			t.Errorf("stringToNumber(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestObjectBody(t *testing.T) {
	tests := []struct{ src, want string }{
		{"...list[0]", "a|x,y"},
		{"...list[0], name: 'c'", "c|x,y"},
		{" name, n ", "张三|"},
		{"name: 'd', tags: list[0].tags,", "d|x,y"},
		{"name: n > 1 ? 'big' : 'small'", "big|"},
		{"", "|"},
	}
	for _, tt := range tests {
		x, err := parseObjectBody(tt.src)
		if err != nil {
			t.Errorf("parseObjectBody(%q): %v", tt.src, err.msg)
			continue
		}
		obj := x.eval(&scope{data: exprData}).(map[string]any)
		if got := display(obj["name"]) + "|" + display(obj["tags"]); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
	for _, bad := range []string{"a b", "a: ", "{a: 1}", "1 + 2", "a, , b"} {
		if _, err := parseObjectBody(bad); err == nil {
			t.Errorf("parseObjectBody(%q) succeeded", bad)
		}
	}
}
