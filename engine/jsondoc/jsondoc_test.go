package jsondoc

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

type item struct {
	Path string `json:"pagePath"`
	Text string `json:"text"`
}

type config struct {
	Pages  []string `json:"pages"`
	Window struct {
		Title string `json:"navigationBarTitleText"`
		Pull  bool   `json:"enablePullDownRefresh"`
	} `json:"window"`
	Bar *struct {
		List []item `json:"list"`
	} `json:"tabBar"`
	Alias    map[string]string `json:"resolveAlias"`
	Distance int               `json:"onReachBottomDistance"`
	Ratio    float64           `json:"ratio"`
	Workers  any               `json:"workers"`
	Raw      json.RawMessage   `json:"raw"`
	//lint:ignore U1000 Decode must pass over unexported fields; this one proves it
	hidden  string
	Skipped string `json:"-"`
}

func decode(t *testing.T, src string) (config, []string) {
	t.Helper()
	v, p := Parse([]byte(src))
	if p != nil {
		t.Fatalf("Parse: %d: %s", p.Line, p.Msg)
	}
	var c config
	var got []string
	for _, p := range Decode(v, &c) {
		got = append(got, fmt.Sprintf("%d: %s", p.Line, p.Msg))
	}
	return c, got
}

func TestDecode(t *testing.T) {
	c, problems := decode(t, `{
  "pages": ["a", "b"],
  "window": {"navigationBarTitleText": "标题\n", "enablePullDownRefresh": true, "unknown": [1]},
  "tabBar": {"list": [{"pagePath": "a", "text": "A"}, {"pagePath": "b"}]},
  "resolveAlias": {"@/*": "/*", "~/*": "/src/*"},
  "onReachBottomDistance": 50, "ratio": 1.5e0,
  "workers": {"path": "w", "isSubpackage": true},
  "raw": [1, {"x": null}],
  "Skipped": "x", "hidden": "y", "also unknown": {}
}`)
	if problems != nil {
		t.Fatalf("problems %q", problems)
	}
	want := config{Pages: []string{"a", "b"}, Alias: map[string]string{"@/*": "/*", "~/*": "/src/*"},
		Distance: 50, Ratio: 1.5, Workers: map[string]any{"path": "w", "isSubpackage": true}, Raw: json.RawMessage(`[1, {"x": null}]`)}
	want.Window.Title, want.Window.Pull = "标题\n", true
	want.Bar = &struct {
		List []item `json:"list"`
	}{List: []item{{"a", "A"}, {"b", ""}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("decoded\n %+v\nwant\n %+v", c, want)
	}
}

func TestDecodeReportsEveryWrongType(t *testing.T) {
	c, problems := decode(t, `{
  "pages": ["a",
    2, "c"],
  "window": {"navigationBarTitleText": 1,
    "enablePullDownRefresh": "yes"},
  "tabBar": {"list": [{"pagePath": "a"}, {"text": false}]},
  "resolveAlias": {"@/*": ["/*"]},
  "onReachBottomDistance": 1.5,
  "ratio": "1",
  "pages2": 3
}`)
	want := []string{
		"3: pages[1] must be a string, not a number",
		"4: window.navigationBarTitleText must be a string, not a number",
		"5: window.enablePullDownRefresh must be a boolean, not a string",
		"6: tabBar.list[1].text must be a string, not a boolean",
		`7: resolveAlias["@/*"] must be a string, not an array`,
		"8: onReachBottomDistance must be an integer, not a number",
		"9: ratio must be a number, not a string",
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems\n got %q\nwant %q", problems, want)
	}
	// What fits is kept.
	if !reflect.DeepEqual(c.Pages, []string{"a", "", "c"}) || c.Bar.List[0].Path != "a" {
		t.Errorf("decoded %+v", c)
	}
}

func TestDecodeWrongContainers(t *testing.T) {
	_, problems := decode(t, "{\"pages\": \"a\", \"window\": [],\n \"tabBar\": 1, \"resolveAlias\": \"x\"}")
	want := []string{
		"1: pages must be an array, not a string",
		"1: window must be an object, not an array",
		"2: tabBar must be an object, not a number",
		"2: resolveAlias must be an object, not a string",
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems\n got %q\nwant %q", problems, want)
	}
	v, _ := Parse([]byte("\n[1]"))
	var c config
	if got := Decode(v, &c); len(got) != 1 || got[0] != (Problem{2, "must be an object, not an array"}) {
		t.Errorf("a document of the wrong type: %v", got)
	}
}

// A null stands for an absent key, as with encoding/json.
func TestDecodeNull(t *testing.T) {
	c, problems := decode(t, `{"pages": null, "window": null, "tabBar": null, "workers": null}`)
	if problems != nil || c.Pages != nil || c.Bar != nil || c.Workers != nil {
		t.Errorf("decoded %+v, problems %q", c, problems)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"{\n  \"pages\": [\n    \"a\",\n  ]\n}", "4: invalid JSON: invalid character ']' looking for beginning of value"},
		{"{\n  \"pages\": [\n    \"a\"\n\n", "3: invalid JSON: unexpected end of JSON input"},
		{"{\"a\": \"x\ny\"}", "1: invalid JSON: invalid character '\\n' in string literal"},
		{"{}\n}", "2: invalid JSON: invalid character '}' after top-level value"},
		{"", "1: invalid JSON: unexpected end of JSON input"},
	}
	for _, tt := range tests {
		_, p := Parse([]byte(tt.src))
		if p == nil {
			t.Errorf("Parse(%q) succeeded", tt.src)
			continue
		}
		if got := fmt.Sprintf("%d: %s", p.Line, p.Msg); got != tt.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestValueLinesAndLookups(t *testing.T) {
	v, _ := Parse([]byte("{\n\"a\": [\n1,\n\n{\"b\": true}],\n\"a2\": \"\\\"}\", \"a\": [0]\n}"))
	if v.Get("a").Line != 6 || v.Get("a").Index(0).Line != 6 {
		t.Errorf("a repeated key keeps its last value: line %d", v.Get("a").Line)
	}
	if !reflect.DeepEqual(v.Keys(), []string{"a", "a2"}) {
		t.Errorf("keys %q", v.Keys())
	}
	if v.Get("a2").str != `"}` || v.Get("nope") != nil || v.Get("a").Index(5) != nil {
		t.Error("lookups")
	}
	var nilValue *Value
	if nilValue.Get("x") != nil || nilValue.Index(0) != nil || nilValue.Keys() != nil {
		t.Error("a nil value has no members")
	}
}

// The parser relies on json.Unmarshal having accepted the document; it
// must agree with encoding/json on every document that passes.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"pages": ["a", "b"], "window": {"x": 1.5e3}}`, `[]`, `"s\u00e9\\"`, `-0.5`, `{"a":{"b":[null,true,false,{}]}}`, " \n\t{ } "} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, p := Parse(data)
		if p != nil {
			return
		}
		var want any
		if err := json.Unmarshal(data, &want); err != nil {
			return // a number out of float64's range: valid, but not a value
		}
		if got := tree(v); !reflect.DeepEqual(got, want) {
			t.Errorf("decoded %v, encoding/json %v", got, want)
		}
	})
}

// tree is the parsed value as encoding/json decodes a document into any.
func tree(v *Value) any {
	switch v.Kind {
	case Bool:
		return v.b
	case Number:
		return v.num
	case String:
		return v.str
	case Array:
		out := []any{}
		for _, item := range v.items {
			out = append(out, tree(item))
		}
		return out
	case Object:
		out := map[string]any{}
		for _, k := range v.keys {
			out[k] = tree(v.field[k])
		}
		return out
	}
	return nil
}
