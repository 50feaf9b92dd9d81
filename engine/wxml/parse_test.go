package wxml

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unclosed tag", "<view>\n  <text>hi</text>\n", "line 1: unclosed tag <view>"},
		{"unclosed inner tag", "<view>\n<view>\n</view>", "line 1: unclosed tag <view>"},
		{"unclosed innermost", "<view>\n\n<text>\n</view>", "line 4: mismatched close tag </view>: <text> opened on line 3 is still open"},
		{"mismatched", "<view>\n<text>a</view>", "line 2: mismatched close tag </view>: <text> opened on line 2 is still open"},
		{"close without open", "a\n</view>", "line 2: close tag </view> has no open tag"},
		{"bad close tag", "<view></view", "line 1: bad close tag: want </name>"},
		{"lone less-than", "<view>\n a < b</view>", `line 2: "<" must start a tag; write &lt; for a literal "<"`},
		{"tag not closed", "<view\n  class=\"a\"", "line 1: tag <view> is not closed with >"},
		{"unquoted value", "<view\nclass=a>", "line 2: bad attribute syntax: the value of class must be quoted"},
		{"missing value", "<view class=>", "line 1: bad attribute syntax: the value of class must be quoted"},
		{"unterminated value", "\n<view class=\"a>\n</view>", "line 2: bad attribute syntax: the value of class has no closing quote"},
		{"bad attribute name", `<view "x">`, `line 1: bad attribute syntax in <view> at "\""`},
		{"unterminated braces in text", "<view>\n\nhello {{name</view>", "line 3: unterminated {{"},
		{"unterminated braces in attribute", "<view\n data-a=\"x\n{{a\">", "line 3: unterminated {{"},
		{"bad expression in text", "<view>\n{{a +}}</view>", `line 2: bad expression "{{a +}}": unexpected end of expression`},
		{"bad expression on a later line of the text", "<view>a\nb {{c d}}</view>", `line 2: bad expression "{{c d}}": unexpected "d"`},
		{"bad expression on a later line of the expression", "<view>{{a &&\n\n b c}}</view>", `line 3: bad expression "{{a &&\n\n b c}}": unexpected "c"`},
		{"bad expression in attribute", "<view wx:if=\"{{a = 1}}\"/>", `line 1: bad expression "{{a = 1}}": unexpected "="`},
		{"empty expression", "{{}}", `line 1: bad expression "{{}}": unexpected end of expression`},
		{"unterminated string in expression", `{{ "abc }}`, `line 1: bad expression "{{ \"abc }}": unterminated string`},
		{"else without if", "<view>\n<text/>\n<view wx:else>x</view></view>", "line 3: wx:else without a preceding wx:if"},
		{"elif without if", "<view wx:elif=\"{{a}}\"/>", "line 1: wx:elif without a preceding wx:if"},
		{"else after text", "<view wx:if=\"{{a}}\"/>text<view wx:else/>", "line 1: wx:else without a preceding wx:if"},
		{"else after else", "<view wx:if=\"{{a}}\"/><view wx:else/><view wx:else/>", "line 1: wx:else without a preceding wx:if"},
		{"unterminated comment", "<view/>\n<!-- x", "line 2: unterminated comment"},
		{"too deep", strings.Repeat("<view>", maxDepth+1), "line 1: elements nested deeper than 256"},
		{"too large", strings.Repeat("a", maxDocument+1), "line 1: document is larger than 1048576 bytes"},
		{"nested too deeply expression", "{{" + strings.Repeat("(", maxExprDepth) + "1" + strings.Repeat(")", maxExprDepth) + "}}", `line 1: bad expression`},
		{"long operator chain", "{{" + strings.Repeat("1+", maxExprDepth+1) + "1}}", `line 1: bad expression`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := Parse(tt.src)
			if err == nil {
				t.Fatalf("Parse succeeded with %d children, want error %q", len(root.Children), tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T, want *ParseError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

func TestParseAcceptsLimits(t *testing.T) {
	deep := strings.Repeat("<view>", maxDepth) + strings.Repeat("</view>", maxDepth)
	if _, err := Parse(deep); err != nil {
		t.Errorf("nesting of exactly %d: %v", maxDepth, err)
	}
	chain := "{{" + strings.Repeat("1+", maxExprDepth/2) + "1}}"
	if _, err := Parse(chain); err != nil {
		t.Errorf("operator chain of %d: %v", maxExprDepth/2, err)
	}
}

func TestParseTree(t *testing.T) {
	src := "<!-- header -->\n" +
		"<view class=\"a &amp; b\" wx:else-free='x'>\n" +
		"  Hi &lt;{{name}}&gt;&nbsp;!\n" +
		"  <button bindtap=\"go\" data-id=\"{{ 1 }}\" disabled/>\n" +
		"  <text>a &lt; b: {{a < b}}</text>\n" +
		"</view >"
	root, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	want := &Node{Tag: rootTag, Line: 1, Children: []*Node{
		{Tag: "view", Line: 2, Attrs: []Attr{{"class", "a & b"}, {"wx:else-free", "x"}}, Children: []*Node{
			{Text: "\n  Hi <{{name}}>\u00a0!\n  ", Line: 3},
			{Tag: "button", Line: 4, Attrs: []Attr{{"bindtap", "go"}, {"data-id", "{{ 1 }}"}, {"disabled", ""}},
				events: &nodeEvents{bindings: []bindingAttr{{Binding{Event: "tap"}, "go"}}}},
			{Tag: "text", Line: 5, Children: []*Node{{Text: "a < b: {{a < b}}", Line: 5}}},
		}},
	}}
	if !reflect.DeepEqual(root.Children, want.Children) {
		t.Errorf("Parse tree\n got %s\nwant %s", dump(root), dump(want))
	}
}

// dump shows a tree one node per line, for failure messages.
func dump(n *Node) string {
	var b strings.Builder
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		fmt.Fprintf(&b, "\n%s%d %q %q %v", strings.Repeat("  ", depth), n.Line, n.Tag, n.Text, n.Attrs)
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

func TestParseTolerates(t *testing.T) {
	src := "<view class=\"a\"\n  class=\"b\" bindtap=\"x\" bindtap=\"y\">\n<button wx:if=\"{{false}}\" wx:if=\"{{true}}\">ok</button></view>"
	f, err := parseFile("pages/p.wxml", src)
	if err != nil {
		t.Fatal(err)
	}
	view := f.root.Children[0]
	if want := []Attr{{"class", "b"}, {"bindtap", "y"}}; !reflect.DeepEqual(view.Attrs, want) {
		t.Errorf("attributes %v, want %v: the last value wins, in the first place", view.Attrs, want)
	}
	var got []string
	for _, w := range f.warnings {
		got = append(got, w.Error())
	}
	want := []string{
		"pages/p.wxml:2: attribute class repeated in <view>; the last value is used",
		"pages/p.wxml:2: attribute bindtap repeated in <view>; the last value is used",
		"pages/p.wxml:3: attribute wx:if repeated in <button>; the last value is used",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n got %q\nwant %q", got, want)
	}
	if lines := Text(Render(f.root, nil)); !reflect.DeepEqual(lines, []string{"[ ok ]"}) {
		t.Errorf("rendered %q", lines)
	}
}

func TestParseScript(t *testing.T) {
	src := "<view>a</view>\n<wxs module=\"m\">\nvar x = 1 < 2 && '{{}}'; // <view>{{x}}</view>\nmodule.exports = { ok: x }\n</wxs>\n<view>b</view>"
	root, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	script := root.Children[1]
	if script.Tag != "wxs" || len(script.Children) != 1 || !strings.HasPrefix(script.Children[0].Text, "\nvar x = 1 < 2 && '{{}}';") {
		t.Fatalf("script node %s", dump(script))
	}
	if root.Children[2].Tag != "view" {
		t.Errorf("after the script: %s", dump(root))
	}
}

func TestParseBraces(t *testing.T) {
	root, err := Parse(`<view data-a="{{ {a: {b: 1}} }}">{{ '}}' + "{" }}{{ {x: 'y'}.x }}</view>`)
	if err != nil {
		t.Fatal(err)
	}
	if got := Text(Render(root, nil)); !reflect.DeepEqual(got, []string{"}}{y"}) {
		t.Errorf("got %q", got)
	}
}

func TestParseErrorsOfNewForms(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"template data", "<template is=\"t\"\n data=\"{{a: }}\"/>", `line 2: bad expression "{{a: }}": unexpected end of expression`},
		{"template data elsewhere is an expression", `<view data="{{a: 1}}"/>`, `line 1: bad expression "{{a: 1}}": unexpected ":"`},
		{"wxs without module", "<view/>\n<wxs>var a</wxs>", "line 2: <wxs> needs a module name"},
		{"wxs syntax", "<wxs module=\"m\">\nvar a = 1\nvar b = ;\n</wxs>", "line 3: wxs: "},
		{"unclosed wxs", "<wxs module=\"m\">var a", "line 1: unclosed tag <wxs>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
