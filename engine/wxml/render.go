package wxml

// Kind is the kind of a rendered element.
type Kind int

// The text kind is TextLine, not Text, because func Text takes that name.
const (
	Block    Kind = iota // a view: its children start on a new line
	TextLine             // a line of text
	Button               // a tappable button
)

// Element is a rendered element.
type Element struct {
	Kind     Kind
	Text     string            // TextLine: the line; Button: the label
	Handler  string            // Button: the bindtap / catchtap method
	Dataset  map[string]string // Button: the data-* attributes, keys in camelCase
	Children []Element         // Block
}

// Render renders the children of root, as Parse returns it, against the
// page's data (values as goja exports them). It never fails: an undefined
// path renders as nothing, and an expression that does not parse (possible
// only in a tree not built by Parse) renders as nothing too.
//
// Inline text is merged, whitespace collapsed and trimmed, so that each
// TextLine element is one line of the page. A page that would expand past
// maxLoopItems wx:for items or maxRenderWork is cut off there.
func Render(root *Node, data map[string]any) []Element {
	if root == nil {
		return nil
	}
	r := &renderer{templates: map[string]*template{}, loopBudget: maxLoopItems, workBudget: maxRenderWork}
	var out lineBuilder
	r.children(root.Children, &scope{data: data}, &out)
	return out.finish()
}

// renderer holds the state of one Render call.
type renderer struct {
	// templates caches compiled attribute and text templates, so that the
	// body of a wx:for is compiled once, not once per item.
	templates  map[string]*template
	loopBudget int // wx:for items still allowed in this Render
	workBudget int // see maxRenderWork
}

// maxRenderWork bounds the work of one Render beyond what maxLoopItems
// does: 10,000 items of a large loop body, or of a long text, would still
// be too much. An element costs 1 plus its attributes, text its length;
// rendering stops when the budget is spent.
const maxRenderWork = 4 << 20

// spend takes cost from the work budget, reporting false once it is spent.
func (r *renderer) spend(cost int) bool {
	if cost > r.workBudget {
		r.workBudget = 0
		return false
	}
	r.workBudget -= cost
	return true
}

func (r *renderer) compile(s string) *template {
	t, ok := r.templates[s]
	if !ok {
		var err *templateError
		if t, err = compileTemplate(s); err != nil {
			t = &template{}
		}
		r.templates[s] = t
	}
	return t
}

// children renders a list of sibling nodes, resolving their wx:if chains.
func (r *renderer) children(nodes []*Node, sc *scope, out *lineBuilder) {
	taken := false // whether a branch of the current chain has rendered
	for _, n := range nodes {
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
		inner := &scope{item: item, index: index, itemVal: v, indexVal: i, parent: sc}
		rendered = r.conditional(n, b, inner, out) || rendered
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
	switch n.Tag {
	case "view":
		var inner lineBuilder
		r.children(n.Children, sc, &inner)
		out.block(Element{Kind: Block, Children: inner.finish()})
	case "button":
		out.block(r.button(n, sc))
	default: // text, block and unknown tags are transparent
		r.children(n.Children, sc, out)
	}
	return true
}
