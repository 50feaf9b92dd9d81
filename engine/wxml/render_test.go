package wxml

import (
	"reflect"
	"strings"
	"testing"
)

// renderLines parses doc, renders it against data and returns its lines.
func renderLines(t *testing.T, doc string, data map[string]any) []string {
	t.Helper()
	root, err := Parse(doc)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return Text(Render(root, data))
}

func TestRenderLines(t *testing.T) {
	people := []any{
		map[string]any{"name": "小明", "age": int64(7), "pets": []any{"cat", "dog"}},
		map[string]any{"name": "小红", "age": 12.5, "pets": []any{}},
	}
	tests := []struct {
		name string
		doc  string
		data map[string]any
		want []string
	}{
		{"interpolation", `<view>Hello, {{name}}!</view>`, map[string]any{"name": "张三"}, []string{"Hello, 张三!"}},
		{"bare text is a line", `hi {{n}}`, map[string]any{"n": int64(1)}, []string{"hi 1"}},
		{"text flows inline", "<view>a <text>b</text>{{c}}<text>d</text></view>", map[string]any{"c": "C"}, []string{"a bCd"}},
		{"blocks start lines", "<view>a<view>b</view>c</view><view>d</view>", nil, []string{"a", "b", "c", "d"}},
		{"whitespace collapses", "<view>\n   a \n\t b   </view>", nil, []string{"a b"}},
		{"nbsp keeps its space", "<view>&nbsp;&nbsp;a&nbsp; b</view>", nil, []string{"  a  b"}},
		{"entities", "<view>&lt;a&gt; &amp; &quot;b&quot; &amp;lt;</view>", nil, []string{`<a> & "b" &lt;`}},
		{"blank lines dropped", "<view> </view><view>{{empty}}</view><view>x</view>", map[string]any{"empty": ""}, []string{"x"}},
		{"undefined renders empty", "<view>[{{missing.a.b}}][{{nul}}]</view>", map[string]any{"nul": nil}, []string{"[][]"}},
		{"numbers like JavaScript", "<view>{{a}} {{b}} {{c}} {{d}} {{e}} {{a / 2}}</view>",
			map[string]any{"a": int64(3), "b": 3.0, "c": 0.5, "d": 1e20, "e": 1e21}, []string{"3 3 0.5 100000000000000000000 1e+21 1.5"}},
		{"attribute text is not shown", `<view class="{{cls}}">x</view>`, map[string]any{"cls": "big"}, []string{"x"}},
		{"unknown tags render children", "<cover-view><movable-area>内容</movable-area></cover-view>", nil, []string{"内容"}},
		{"block is transparent", "<view>a<block>b</block>c</view>", nil, []string{"abc"}},
		{"chinese text", "<view>新版本已经更新,是否重启小程序?</view><button>确定</button>", nil, []string{"新版本已经更新,是否重启小程序?", "[ 确定 ]"}},

		{"if true", `<view wx:if="{{ok}}">yes</view>`, map[string]any{"ok": true}, []string{"yes"}},
		{"if false", `<view wx:if="{{ok}}">yes</view>`, map[string]any{"ok": false}, nil},
		{"if undefined", `<view wx:if="{{ok}}">yes</view><view wx:else>no</view>`, nil, []string{"no"}},
		{"if literal string is true", `<view wx:if="false">shown</view>`, nil, []string{"shown"}},
		{"if with space is a string", `<view wx:if="{{false}} ">shown</view>`, nil, []string{"shown"}},
		{"elif chain first", chain, map[string]any{"n": int64(9)}, []string{"big"}},
		{"elif chain middle", chain, map[string]any{"n": int64(3)}, []string{"mid"}},
		{"elif chain else", chain, map[string]any{"n": int64(0)}, []string{"small"}},
		{"two chains", `<text wx:if="{{a}}">A</text><text wx:else>-A</text><text wx:if="{{b}}">B</text><text wx:else>-B</text>`,
			map[string]any{"a": true}, []string{"A-B"}},
		{"condition on block", `<block wx:if="{{a}}"><view>1</view><view>2</view></block>`, map[string]any{"a": 1}, []string{"1", "2"}},

		{"for array with index", `<view wx:for="{{people}}">{{index}}. {{item.name}} {{item.age}}</view>`,
			map[string]any{"people": people}, []string{"0. 小明 7", "1. 小红 12.5"}},
		{"for renamed", `<view wx:for="{{people}}" wx:for-item="p" wx:for-index="i" wx:key="name">{{i + 1}}:{{p.name}}</view>`,
			map[string]any{"people": people}, []string{"1:小明", "2:小红"}},
		{"nested for", `<view wx:for="{{people}}" wx:for-item="p"><text>{{p.name}}:</text><text wx:for="{{p.pets}}">{{index}}{{item}};</text><text wx:if="{{!p.pets.length}}">none</text></view>`,
			map[string]any{"people": people}, []string{"小明:0cat;1dog;", "小红:none"}},
		{"inner names shadow outer", `<view wx:for="{{people}}"><view wx:for="{{item.pets}}">{{index}}{{item}}</view></view>`,
			map[string]any{"people": people}, []string{"0cat", "1dog"}},
		{"for object by sorted key", `<view wx:for="{{m}}">{{index}}={{item}}</view>`,
			map[string]any{"m": map[string]any{"b": int64(2), "a": int64(1), "c": "三"}}, []string{"a=1", "b=2", "c=三"}},
		{"for number", `<text wx:for="{{3}}">{{item}}{{index}},</text>`, nil, []string{"00,11,22,"}},
		{"for string", `<text wx:for="ab中">{{index}}{{item}}</text>`, nil, []string{"0a1b2中"}},
		{"for nothing", `<view wx:for="{{missing}}">x</view><view wx:for="{{true}}">y</view>`, nil, nil},
		{"for with if per item", `<view wx:for="{{people}}" wx:if="{{item.age > 10}}">{{item.name}}</view><view wx:else>nobody</view>`,
			map[string]any{"people": people}, []string{"小红"}},
		{"for with if, no item passes", `<view wx:for="{{people}}" wx:if="{{item.age > 100}}">{{item.name}}</view><view wx:else>nobody</view>`,
			map[string]any{"people": people}, []string{"nobody"}},
		{"for on else", `<view wx:if="{{false}}">no</view><view wx:else wx:for="{{2}}">{{item}}</view>`, nil, []string{"0", "1"}},

		{"button", `<button bindtap="go">  Go {{n}}  <text>now</text> </button>`, map[string]any{"n": int64(2)}, []string{"[ Go 2 now ]"}},
		{"button splits a line", `<view>before<button>b</button>after</view>`, nil, []string{"before", "[ b ]", "after"}},
		{"button label joins blocks", `<button><view>a</view><view>b</view></button>`, nil, []string{"[ a b ]"}},
		{"empty button", `<button/>`, nil, []string{"[  ]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderLines(t, tt.doc, tt.data)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("lines\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

const chain = `<view wx:if="{{n > 5}}">big</view>
<!-- a comment does not break the chain -->
<view wx:elif="{{n > 1}}">mid</view>
<view wx:else>small</view>`

func TestRenderElements(t *testing.T) {
	doc := `<view>
  <text>Items</text>
  <button wx:for="{{items}}" catchtap="{{handler}}" bindtap="ignored" data-item-id="{{item.id}}" data-fooBar="x" data-="skipped">Buy {{item.name}}</button>
</view>
<button bind:tap="plain">Plain</button>`
	root, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{
		"handler": "buy",
		"items":   []any{map[string]any{"id": int64(1), "name": "苹果"}, map[string]any{"id": 2.5, "name": "梨"}},
	}
	// Both bindings are kept: which runs, and whether the event goes on,
	// is the dispatcher's to say. Dataset values keep their types.
	buy := func(id any) *Target {
		return &Target{Tag: "button", Dataset: map[string]any{"itemId": id, "foobar": "x"}, Bindings: []Binding{
			{Event: "tap", Handler: "buy", Catch: true}, {Event: "tap", Handler: "ignored"}}}
	}
	want := []Element{
		{Kind: Block, Children: []Element{
			{Kind: TextLine, Text: "Items"},
			{Kind: Button, Text: "Buy 苹果", Target: buy(int64(1)), Tag: "button", Key: Key{1, 1}},
			{Kind: Button, Text: "Buy 梨", Target: buy(2.5), Tag: "button", Key: Key{1, 2}},
		}},
		{Kind: Button, Text: "Plain", Target: &Target{Tag: "button", Bindings: []Binding{{Event: "tap", Handler: "plain"}}},
			Tag: "button", Key: Key{2, 1}},
	}
	if got := Render(root, data); !reflect.DeepEqual(got, want) {
		t.Errorf("Render\n got %+v\nwant %+v", got, want)
	}
}

func TestRenderCapsLoops(t *testing.T) {
	doc := `<text wx:for="{{n}}">x</text><text wx:for="{{n}}">y</text>`
	lines := renderLines(t, doc, map[string]any{"n": 1e12})
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want 1", len(lines))
	}
	if got := strings.Count(lines[0], "x"); got != maxLoopItems {
		t.Errorf("rendered %d items, want the cap %d", got, maxLoopItems)
	}
	if strings.Contains(lines[0], "y") {
		t.Error("the second loop rendered items past the cap")
	}
}

func TestRenderBoundsWork(t *testing.T) {
	big := strings.Repeat("长", 100000)
	doc := `<view wx:for="{{100}}">{{s}}</view><view>after</view>`
	lines := renderLines(t, doc, map[string]any{"s": big})
	if len(lines) == 0 || len(lines) == 100 || lines[len(lines)-1] == "after" {
		t.Fatalf("rendered %d lines, want the work budget to stop it partway", len(lines))
	}
	if got := len(strings.Join(lines, "")); got > maxRenderWork {
		t.Errorf("rendered %d bytes, more than the budget %d", got, maxRenderWork)
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	m := map[string]any{}
	for _, k := range strings.Split("q w e r t y u i o p a s d f g h j k l", " ") {
		m[k] = k
	}
	doc := `<text wx:for="{{m}}">{{item}}</text>`
	want := renderLines(t, doc, map[string]any{"m": m})
	for range 20 {
		if got := renderLines(t, doc, map[string]any{"m": m}); !reflect.DeepEqual(got, want) {
			t.Fatalf("render changed: %q then %q", want, got)
		}
	}
}

func TestRenderHandBuiltTree(t *testing.T) {
	// A tree not made by Parse may hold a bad template; it renders empty.
	root := &Node{Tag: rootTag, Children: []*Node{
		{Text: "a{{ + }}b"},
		{Tag: "view", Attrs: []Attr{{"wx:if", "{{ ( }}"}}, Children: []*Node{{Text: "hidden"}}},
		{Tag: "view", Children: []*Node{{Text: "shown"}}},
	}}
	if got := Text(Render(root, nil)); !reflect.DeepEqual(got, []string{"shown"}) {
		t.Errorf("got %q", got)
	}
	if Render(nil, nil) != nil {
		t.Error("Render(nil) is not nil")
	}
}

func TestText(t *testing.T) {
	elems := []Element{
		{Kind: TextLine, Text: "a"},
		{Kind: TextLine, Text: "  "},
		{Kind: Block, Children: []Element{{Kind: Button, Text: "ok"}, {Kind: Block}}},
		{Kind: TextLine, Text: "b"},
	}
	want := []string{"a", "[ ok ]", "b"}
	if got := Text(elems); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRenderDisplayNoneHides(t *testing.T) {
	doc := `<view style="color: red; display: {{shown ? 'block' : 'none'}}">A</view><view style="display:none !important">B</view><view style="color: red">C</view>`
	if got := renderLines(t, doc, map[string]any{"shown": false}); !reflect.DeepEqual(got, []string{"C"}) {
		t.Errorf("hidden by style: got %q, want [C]", got)
	}
	if got := renderLines(t, doc, map[string]any{"shown": true}); !reflect.DeepEqual(got, []string{"A", "C"}) {
		t.Errorf("shown: got %q, want [A C]", got)
	}
}
