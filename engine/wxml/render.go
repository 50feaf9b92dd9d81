package wxml

import (
	"errors"
	"fmt"
	"strings"

	"miniphone/engine/wxs"
)

// Kind is the kind of a rendered element.
type Kind int

// The text kind is TextLine, not Text, because func Text takes that name.
const (
	Block    Kind = iota // a view: its children start on a new line
	TextLine             // a line of text
	Button               // a tappable button
	Control              // a built-in the user acts on: Tag says which
)

// Element is a rendered element.
type Element struct {
	Kind     Kind
	Text     string    // TextLine: the line; Button, Control: the label
	Children []Element // Block; a swiper's items, a block each
	// Target is where events on the element start: set on buttons, on
	// controls and on elements with an event binding. A Block whose Target
	// binds tap is tappable, as a button is.
	Target *Target

	// Controls, tappable blocks and the blocks that group controls (form,
	// checkbox-group, radio-group) say what they are.
	Tag   string            // the element: "input", "checkbox", "view", …
	Key   Key               // the same element at every render of its page
	ID    string            // the id attribute
	Attrs map[string]any    // the other attributes, evaluated: value, checked, range, …
	Model map[string]string // the data path of each attribute bound two-way (model:value)
}

// Render renders the children of root, as Parse or Set.Root returns it,
// against the page's data (values as goja exports them), with WXS modules
// that live for this call only; a page that renders again and again
// renders through a View. It never fails: an undefined path renders as
// nothing, and so does an expression that does not parse (possible only
// in a tree not built by Parse) or whose WXS fails.
//
// Inline text is merged, whitespace collapsed and trimmed, so that each
// TextLine element is one line of the page. A page that would expand past
// maxLoopItems wx:for items or maxRenderWork is cut off there.
func Render(root *Node, data map[string]any) []Element {
	if root == nil {
		return nil
	}
	return NewView(root, ViewOptions{}).Render(data)
}

// renderer holds the state of one Render call.
type renderer struct {
	view       *View
	envs       map[*file]*env
	loopBudget int // wx:for items still allowed in this Render
	workBudget int // see maxRenderWork
	depth      int // templates and includes being rendered, nested
	// at and line are where the node being rendered comes from, for
	// error lines.
	at   *file
	line int
	seen map[*Node]int // see occurrence
	// owner is the component instance whose WXML is being rendered (nil
	// for the page's), parent the Target that new Targets sit under,
	// slots the content of the component element being rendered, and key
	// the wx:for items being rendered (see Mount).
	owner  any
	parent *Target
	slots  *slotFrame
	key    string
}

// maxRenderWork bounds the work of one Render beyond what maxLoopItems
// does: 10,000 items of a large loop body, or of a long text, would still
// be too much. An element costs 1 plus its attributes, text its length;
// rendering stops when the budget is spent.
const maxRenderWork = 4 << 20

// maxNesting bounds templates and includes rendered inside one another:
// a template may use itself (a tree of comments), and must end.
const maxNesting = 64

// spend takes cost from the work budget, reporting false once it is spent.
func (r *renderer) spend(cost int) bool {
	if cost > r.workBudget {
		r.workBudget = 0
		return false
	}
	r.workBudget -= cost
	return true
}

func (r *renderer) compile(s string) *template { return cached(&r.view.templates, s, compileTemplate) }

// compileData compiles the data attribute of a <template is>.
func (r *renderer) compileData(s string) *template { return cached(&r.view.data, s, compileData) }

// cached compiles s once per view, into cache.
func cached(cache *map[string]*template, s string, compile func(string) (*template, *templateError)) *template {
	t, ok := (*cache)[s]
	if !ok {
		var err *templateError
		if t, err = compile(s); err != nil {
			t = &template{}
		}
		if *cache == nil {
			*cache = map[string]*template{}
		}
		(*cache)[s] = t
	}
	return t
}

// envOf is the env of the expressions of f.
func (r *renderer) envOf(f *file) *env {
	e, ok := r.envs[f]
	if !ok {
		e = &env{r: r, file: f}
		if r.envs == nil {
			r.envs = map[*file]*env{}
		}
		r.envs[f] = e
	}
	return e
}

// fail writes an error line for the node being rendered. WXS that was
// stopped says so once, not at every call it then refuses.
func (r *renderer) fail(err error) {
	if errors.Is(err, wxs.ErrStopped) {
		if r.view.stopped {
			return
		}
		r.view.stopped = true
	}
	r.view.report(fmt.Sprintf("%s:%d: %v", r.at.path, r.line, err))
}

// children renders a list of sibling nodes, resolving their wx:if chains.
func (r *renderer) children(nodes []*Node, sc *scope, out *lineBuilder) {
	taken := false // whether a branch of the current chain has rendered
	for _, n := range nodes {
		r.line = n.Line
		if n.Tag == "" {
			text := r.compile(n.Text).text(sc)
			if !r.spend(len(text)) {
				return
			}
			out.text(text)
			continue
		}
		if !r.spend(1 + len(n.Attrs)) {
			return
		}
		b := branchOf(n)
		if (b == elifBranch || b == elseBranch) && taken {
			continue
		}
		rendered := r.element(n, b, sc, out)
		if b != noBranch {
			taken = rendered
		}
	}
}

// element renders n, once or for each item of its wx:for, and reports
// whether its condition held at least once.
func (r *renderer) element(n *Node, b branch, sc *scope, out *lineBuilder) bool {
	list, ok := n.attr("wx:for")
	if !ok {
		return r.conditional(n, b, sc, out)
	}
	item, index := loopNames(n)
	rendered := false
	// As in WXML, wx:for wraps wx:if, so a condition can test each item.
	forEach(r.compile(list).value(sc), func(i, v any) bool {
		if r.loopBudget == 0 {
			return false
		}
		r.loopBudget--
		key := r.key
		if r.view.opts.Components != nil {
			r.key = r.loopKey(n, i, v)
		}
		rendered = r.conditional(n, b, sc.loop(item, index, v, i), out) || rendered
		r.key = key
		return true
	})
	return rendered
}

// conditional renders n if its branch condition holds, reporting whether.
func (r *renderer) conditional(n *Node, b branch, sc *scope, out *lineBuilder) bool {
	if b == ifBranch || b == elifBranch {
		cond, _ := n.attr(b.attr())
		if !truthy(r.compile(cond).value(sc)) {
			return false
		}
	}
	// A hidden element is there, as far as wx:elif is concerned, but not
	// seen. A bare hidden is hidden="true". Its components are still
	// there too: they are rendered, and what they draw dropped.
	if h, ok := n.attr("hidden"); (ok && (h == "" || truthy(r.compile(h).value(sc)))) || r.displayNone(n, sc) {
		if r.view.opts.Components != nil {
			r.show(n, sc, &lineBuilder{})
		}
		return true
	}
	r.show(n, sc, out)
	return true
}

// show renders n, an element whose condition held and that is not
// hidden.
func (r *renderer) show(n *Node, sc *scope, out *lineBuilder) {
	if r.component(n, sc, out) {
		return
	}
	t := r.target(n, sc)
	switch {
	case n.Tag == "button":
		if t == nil {
			t = r.newTarget(n, sc)
		}
		out.block(r.button(n, sc, t))
	case r.builtin(n, sc, t, out):
		// Drawn as the built-in it is.
	case n.Tag == "view" || n.Tag == "swiper-item" || t.Tappable(): // a swiper's items are its blocks
		var inner lineBuilder
		r.under(t, func() { r.children(n.Children, sc, &inner) })
		out.block(r.targetBlock(n, t, inner.finish()))
	default:
		r.under(t, func() { r.transparent(n, sc, out) })
	}
}

// targetBlock is the block of element n showing children. One that binds
// tap is a focus stop, so it carries its tag and key as a control does.
func (r *renderer) targetBlock(n *Node, t *Target, children []Element) Element {
	e := Element{Kind: Block, Children: children, Target: t}
	if t.Tappable() {
		e.Tag, e.Key = n.Tag, r.view.keyOf(n, r.occurrence(n))
	}
	return e
}

// transparent renders an element that draws nothing of its own: the
// WXML language's elements, and text, block and unknown tags, which show
// their children.
func (r *renderer) transparent(n *Node, sc *scope, out *lineBuilder) {
	switch n.Tag {
	case "slot":
		r.slot(n, sc, out)
	case templateTag:
		if is, ok := n.attr("is"); ok { // a definition (name=) shows nothing
			r.template(n, is, sc, out)
		}
	case includeTag:
		r.include(n, sc, out)
	case importTag, wxsTag:
		// Declarations, linked at load.
	default: // text, block and unknown tags are transparent
		r.children(n.Children, sc, out)
	}
}

// template renders the template that a <template is> names, with the
// data of its data attribute as all it sees besides the WXS modules of
// the file that defines it.
func (r *renderer) template(n *Node, is string, sc *scope, out *lineBuilder) {
	name := strings.TrimSpace(r.compile(is).text(sc))
	t, ok := sc.env.file.template(name)
	if !ok {
		r.fail(fmt.Errorf("template %q not found", name))
		return
	}
	data := map[string]any{}
	if src, ok := n.attr("data"); ok {
		if m, ok := r.compileData(src).value(sc).(map[string]any); ok {
			data = m
		}
	}
	r.nested(t.file, func() {
		r.children(t.node.Children, &scope{data: data, env: r.envOf(t.file)}, out)
	})
}

// include renders the content of the file an <include> names in place,
// as if it were written there: with this scope, templates and WXS.
// Its <template> and <wxs> render nothing, as WeChat leaves them out.
func (r *renderer) include(n *Node, sc *scope, out *lineBuilder) {
	// n is linked in the file it is written in, which is not the file
	// whose scope it renders in when it was itself included.
	if target := r.at.includedBy(n); target != nil {
		r.nested(target, func() { r.children(target.root.Children, sc, out) })
	}
}

// nested runs render for content from the file f, one level deeper.
func (r *renderer) nested(f *file, render func()) {
	if r.depth >= maxNesting {
		r.fail(fmt.Errorf("templates and includes nested deeper than %d", maxNesting))
		return
	}
	at, line := r.at, r.line
	r.depth++
	r.at = f
	render()
	r.depth--
	r.at, r.line = at, line
}
