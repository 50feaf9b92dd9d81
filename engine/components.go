package engine

import (
	"fmt"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/miniapp"
	"miniphone/engine/wxml"
)

// compType is a custom component as a tag resolves to it: its path, WXML
// and .json.
type compType struct {
	path string // e.g. "components/navigation-bar/navigation-bar"
	root *wxml.Node
	json miniapp.PageJSON
	inst *instance
	// resolved are the tags its WXML uses, resolved (nil: not a
	// component), so that a render looks each up once.
	resolved map[string]*compType
}

// Generic implements wxml.Component from componentGenerics: a generic
// declared true has no default; {"default": path} has one.
func (c *compType) Generic(tag string) (wxml.Component, bool) {
	g, ok := c.json.ComponentGenerics[tag]
	if !ok {
		return nil, false
	}
	if m, ok := g.(map[string]any); ok {
		if def, ok := m["default"].(string); ok {
			if t := c.inst.componentType(c.script(), def); t != nil {
				return t, true
			}
		}
	}
	return nil, true
}

func (c *compType) script() string {
	s, _ := c.inst.pkg.project.Script(c.path)
	return s
}

// compNode is one instance of a custom component on a page.
type compNode struct {
	typ   *compType
	c     *jsrt.Component // nil when its script failed: it renders nothing
	owner *compNode       // whose WXML holds its element; nil for the page's
	host  *wxml.Target    // its element at the last render
	props map[string]any  // as last applied
	data  map[string]any  // exported, until setData makes it stale
	stale bool
	seen  int // the render pass that last met it
	made  int // when it was made, counting the page's components
	// created and attached are whether those lifetimes ran; links are the
	// relations it is linked through, as the child.
	created, attached bool
	links             []link
}

// link is one linked relation, seen from the child's side.
type link struct {
	parent             *compNode
	parentKey, selfKey string
}

type mountKey struct {
	owner *compNode
	node  *wxml.Node
	key   string
}

// pageTree is the component instances of one page: the composed tree a
// page's View renders and its events travel, kept between renders.
type pageTree struct {
	inst   *instance
	page   *jsrt.Page
	nodes  map[mountKey]*compNode
	byComp map[*jsrt.Component]*compNode
	pass   int
	made   int
	order  []*compNode // met in the last pass, in tree order
	fresh  []*compNode // made in this pass, waiting for created
	// unattached were created, waiting for a pass that needs no other
	// to be attached.
	unattached []*compNode
	// ready is whether the page is ready: components attached before it
	// wait for it to run their ready lifetime.
	ready    bool
	waiting  []*compNode
	resolved map[string]*compType // as compType.resolved, for the page's WXML
	// met counts the elements met in this pass by their key, so that an
	// element rendered twice in one place (a template used twice) makes
	// two instances.
	met      map[mountKey]int
	restless bool // a component's data changed since the last render
}

// maxPasses bounds the renders of one page update: a component's
// lifetimes and observers may call setData, which renders again, and a
// component that always does must not hang the phone.
const maxPasses = 4

// treeOf is the component tree of page p, made with the page's View.
func (inst *instance) treeOf(p *jsrt.Page) *pageTree {
	if t, ok := inst.trees[p]; ok {
		return t
	}
	if inst.trees == nil {
		inst.trees = map[*jsrt.Page]*pageTree{}
	}
	t := &pageTree{inst: inst, page: p, nodes: map[mountKey]*compNode{}, byComp: map[*jsrt.Component]*compNode{}, met: map[mountKey]int{}}
	inst.trees[p] = t
	p.AttachTree(t)
	return t
}

// render renders page p through its view, settling what the render
// started: new components' lifetimes, detached ones', and the renders
// their properties and setData ask for.
func (t *pageTree) render(v *wxml.View) []wxml.Element {
	var elems []wxml.Element
	for i := 1; ; i++ {
		t.pass++
		t.order = t.order[:0]
		clear(t.met)
		t.restless = false
		elems = v.Render(t.page.Data())
		t.create()
		// New components' properties flow down before anything is
		// attached, as glass-easel's tree is whole when it is attached.
		if t.restless && i < maxPasses {
			continue
		}
		t.attach()
		if !t.restless || i >= maxPasses {
			return elems
		}
	}
}

// create runs, after a render pass, the created lifetimes of the
// components it made, then applies their properties. glass-easel
// instantiates a component's WXML before its created lifetime runs, so
// the components of its WXML are created first, and applies the values
// from the parent's WXML after created.
func (t *pageTree) create() {
	fresh := t.fresh
	t.fresh = nil
	for _, n := range postOrder(fresh, ownerNode, false) {
		n.c.Lifetime("created")
		n.created = true
	}
	for _, n := range fresh {
		if len(n.props) > 0 {
			n.c.Props(n.props)
			n.stale = true
			t.restless = true
		}
	}
	t.unattached = append(t.unattached, fresh...)
}

// attach attaches the components made since the last attach, parent
// first, each followed by its relations' linked (the parent's, then the
// child's), as glass-easel's Element.checkAndCallAttached; runs their
// ready when the page is; and detaches those the last pass did not meet.
func (t *pageTree) attach() {
	fresh := t.unattached
	t.unattached = nil
	for _, n := range fresh {
		if n.seen == t.pass {
			n.attached = true
			n.c.Lifetime("attached")
			t.link(n)
		}
	}
	for _, n := range fresh {
		switch {
		case !n.attached:
		case t.ready:
			n.c.Lifetime("ready")
		default:
			t.waiting = append(t.waiting, n)
		}
	}
	var gone []*compNode
	for k, n := range t.nodes {
		if n.seen != t.pass {
			delete(t.nodes, k)
			gone = append(gone, n)
		}
	}
	slices.SortFunc(gone, func(a, b *compNode) int { return a.made - b.made })
	t.detach(gone)
}

// detach runs the detached lifetimes of nodes, given in tree order,
// those inside a component before it, as glass-easel does.
func (t *pageTree) detach(nodes []*compNode) {
	for _, n := range postOrder(nodes, composedParent, true) {
		if n.c == nil {
			continue
		}
		delete(t.byComp, n.c)
		if n.attached {
			n.attached = false
			n.c.Lifetime("detached")
			t.unlink(n)
		}
	}
}

// postOrder reorders nodes, given in tree order, so that each comes
// after the nodes below it, as parentOf tells; with lightFirst, the slot
// content given to a component before the components of its own WXML, as
// glass-easel detaches them.
func postOrder(nodes []*compNode, parentOf func(*compNode) *compNode, lightFirst bool) []*compNode {
	in := make(map[*compNode]bool, len(nodes))
	for _, n := range nodes {
		in[n] = true
	}
	kids := map[*compNode][]*compNode{}
	var roots []*compNode
	for _, n := range nodes {
		p := parentOf(n)
		for p != nil && !in[p] {
			p = parentOf(p)
		}
		if p == nil {
			roots = append(roots, n)
		} else {
			kids[p] = append(kids[p], n)
		}
	}
	out := make([]*compNode, 0, len(nodes))
	var visit func(n *compNode)
	visit = func(n *compNode) {
		ks := kids[n]
		if lightFirst {
			ks = slices.Clone(ks)
			slices.SortStableFunc(ks, func(a, b *compNode) int { return boolInt(a.owner == n) - boolInt(b.owner == n) })
		}
		for _, k := range ks {
			visit(k)
		}
		out = append(out, n)
	}
	for _, n := range roots {
		visit(n)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ownerNode(n *compNode) *compNode { return n.owner }

// makeReady runs the ready lifetimes held until the page was ready.
func (t *pageTree) makeReady() {
	t.ready = true
	waiting := t.waiting
	t.waiting = nil
	for _, n := range waiting {
		if n.attached {
			n.c.Lifetime("ready")
		}
	}
}

// unloaded detaches every component of the page, after its onUnload.
func (t *pageTree) unloaded() {
	t.nodes = map[mountKey]*compNode{}
	t.detach(slices.Clone(t.order))
}

// pageLifetime runs a pageLifetimes entry on every attached component.
func (t *pageTree) pageLifetime(name string, args ...any) {
	for _, n := range t.order {
		if n.attached {
			n.c.PageLifetime(name, args...)
		}
	}
}

// Resolve implements wxml.ComponentHost.
func (t *pageTree) Resolve(owner any, tag string) (wxml.Component, bool) {
	cache := &t.resolved
	if n, ok := owner.(*compNode); ok {
		cache = &n.typ.resolved
	}
	c, ok := (*cache)[tag]
	if !ok {
		c = t.lookup(owner, tag)
		if *cache == nil {
			*cache = map[string]*compType{}
		}
		(*cache)[tag] = c
	}
	if c == nil {
		return nil, false
	}
	return c, true
}

// lookup finds the component tag names for owner, in its .json's
// usingComponents, then in app.json's; nil when it is not a component.
func (t *pageTree) lookup(owner any, tag string) *compType {
	var (
		from  string
		using map[string]string
	)
	if n, ok := owner.(*compNode); ok {
		from, using = n.typ.script(), n.typ.json.UsingComponents
	} else {
		from, _ = t.inst.pkg.project.Script(t.page.Route)
		using = t.inst.pkg.project.PageJSON(t.page.Route).UsingComponents
	}
	name, ok := using[tag]
	if !ok {
		if name, ok = t.inst.pkg.project.AppJSON.UsingComponents[tag]; !ok {
			return nil
		}
		from = "app.js"
	}
	return t.inst.componentType(from, name)
}

// componentType resolves a usingComponents entry, written in the .json
// beside the script from, as require would resolve it (relative, from the
// root, miniprogram_npm, resolveAlias); nil, said once, when it names no
// component.
func (inst *instance) componentType(from, name string) *compType {
	key := from + "\x00" + name
	if c, ok := inst.compTypes[key]; ok {
		return c
	}
	if inst.compTypes == nil {
		inst.compTypes = map[string]*compType{}
	}
	proj := inst.pkg.project
	var c *compType
	switch {
	case strings.HasPrefix(name, "plugin://"):
		// Plugins are not run: their components show their children.
	default:
		script, err := proj.Resolve(from, name, false)
		if err != nil {
			inst.Log("warning", fmt.Sprintf("%s: component %q: %v", from, name, err))
			break
		}
		p := strings.TrimSuffix(script, path.Ext(script))
		root, ok := proj.WXML(p + ".wxml")
		if !ok {
			inst.Log("warning", fmt.Sprintf("%s: component %q has no %s.wxml", from, name, p))
			break
		}
		c = &compType{path: p, root: root, json: proj.ComponentJSON(p), inst: inst}
	}
	inst.compTypes[key] = c
	return c
}

// Mount implements wxml.ComponentHost.
func (t *pageTree) Mount(m *wxml.Mount) (any, *wxml.Node, map[string]any) {
	owner, _ := m.Owner.(*compNode)
	k := mountKey{owner, m.Node, m.Key}
	if i := t.met[k]; i > 0 {
		t.met[k] = i + 1
		k.key += "#" + strconv.Itoa(i)
	} else {
		t.met[k] = 1
	}
	n, ok := t.nodes[k]
	if !ok {
		t.made++
		n = &compNode{typ: m.Component.(*compType), owner: owner, made: t.made}
		t.nodes[k] = n
		if n.c = t.inst.rt.NewComponent(n.typ.path, t); n.c != nil {
			t.byComp[n.c] = n
			t.fresh = append(t.fresh, n)
		}
		// Until created has run, properties wait: glass-easel applies the
		// parent's values after it.
		n.props = m.Props
		n.stale = true
	} else if n.c != nil && n.created {
		t.apply(n, m.Props)
	}
	n.seen = t.pass
	n.host = m.Host
	t.order = append(t.order, n)
	if n.c == nil {
		return nil, nil, nil
	}
	if n.stale || n.data == nil {
		n.c.SetAttrs(m.Host.ID, m.Host.Dataset)
		n.data = n.c.Data()
		n.stale = false
	}
	return n, n.typ.root, n.data
}

// apply gives n the properties that changed since the last render.
func (t *pageTree) apply(n *compNode, props map[string]any) {
	var changed map[string]any
	for k, v := range props {
		if old, ok := n.props[k]; !ok || !reflect.DeepEqual(old, v) {
			if changed == nil {
				changed = map[string]any{}
			}
			changed[k] = v
		}
	}
	n.props = props
	if changed != nil {
		n.c.Props(changed)
		n.stale = true
	}
}

// Changed implements jsrt.Tree: a component's setData.
func (t *pageTree) Changed(c *jsrt.Component) {
	if n, ok := t.byComp[c]; ok {
		n.stale = true
		t.restless = true
		t.inst.PageChanged(t.page)
	}
}

// OwnerOf implements jsrt.Tree.
func (t *pageTree) OwnerOf(c *jsrt.Component) (*jsrt.Component, *jsrt.Page) {
	n, ok := t.byComp[c]
	if !ok || n.owner == nil {
		return nil, t.page
	}
	return n.owner.c, nil
}

// Trigger implements jsrt.Tree: triggerEvent starts at the component's
// element, in its owner's WXML.
func (t *pageTree) Trigger(from any, name string, detail goja.Value, opts jsrt.EventOptions) {
	c, ok := from.(*jsrt.Component)
	if !ok {
		return
	}
	if n, ok := t.byComp[c]; ok && n.host != nil {
		t.dispatch(n.host, name, detail, opts)
	}
}

// Select implements jsrt.Tree: the components of from's own WXML that
// match selector, in tree order.
func (t *pageTree) Select(from any, selector string, all bool) []*jsrt.Component {
	var scope *compNode
	if c, ok := from.(*jsrt.Component); ok {
		if scope, ok = t.byComp[c]; !ok {
			return nil
		}
	}
	var out []*jsrt.Component
	for _, n := range t.order {
		if n.c == nil || n.owner != scope || !matchSelector(selector, n.host) {
			continue
		}
		out = append(out, n.c)
		if !all {
			break
		}
	}
	return out
}

// matchSelector matches the element against a selector list of simple
// compound selectors ("#id", ".a.b", "tag#id"). Of a descendant selector
// only the last compound counts: the terminal lays nothing out by class.
func matchSelector(selector string, t *wxml.Target) bool {
	for _, sel := range strings.Split(selector, ",") {
		f := strings.Fields(strings.ReplaceAll(sel, ">", " "))
		if len(f) > 0 && matchCompound(f[len(f)-1], t) {
			return true
		}
	}
	return false
}

func matchCompound(sel string, t *wxml.Target) bool {
	classes := strings.Fields(t.Class)
	i := strings.IndexAny(sel, "#.")
	if i < 0 {
		i = len(sel)
	}
	if tag := sel[:i]; tag != "" && tag != t.Tag {
		return false
	}
	for rest := sel[i:]; rest != ""; {
		kind := rest[0]
		rest = rest[1:]
		j := strings.IndexAny(rest, "#.")
		if j < 0 {
			j = len(rest)
		}
		name := rest[:j]
		rest = rest[j:]
		if name == "" || (kind == '#' && name != t.ID) || (kind == '.' && !slices.Contains(classes, name)) {
			return false
		}
	}
	return true
}

// pageEvent runs the page's onShow or onHide, then the matching
// pageLifetimes entry of its components.
func (inst *instance) pageEvent(p *jsrt.Page, method, lifetime string) {
	p.Call(method)
	if t, ok := inst.trees[p]; ok {
		t.pageLifetime(lifetime)
	}
}

// usesComponents reports whether the page at route may use custom
// components: its .json or app.json declares some.
func (inst *instance) usesComponents(route string) bool {
	proj := inst.pkg.project
	return len(proj.PageJSON(route).UsingComponents) > 0 || len(proj.AppJSON.UsingComponents) > 0
}
