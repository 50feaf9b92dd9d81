package engine

import (
	"path"
	"strings"

	"miniphone/engine/jsrt"
)

// link links n, just attached, with the component above it in the
// composed tree that its relations name, when that one names n's
// component back: "parent" with the nearest component above, "ancestor"
// with any. As in glass-easel, the parent's linked runs first.
func (t *pageTree) link(n *compNode) {
	for _, rel := range n.c.Relations() {
		if rel.Type != "parent" && rel.Type != "ancestor" {
			continue
		}
		want := relationPath(n.typ.path, rel.Key)
		for p := composedParent(n); p != nil; p = composedParent(p) {
			if p.typ.path == want {
				t.linkPair(p, n, rel, p == composedParent(n))
				break
			}
			if rel.Type == "parent" {
				break
			}
		}
	}
}

// linkPair links child to parent when parent declares the other side.
func (t *pageTree) linkPair(parent, child *compNode, rel jsrt.Relation, direct bool) {
	for _, pr := range parent.c.Relations() {
		if relationPath(parent.typ.path, pr.Key) != child.typ.path {
			continue
		}
		if pr.Type == "descendant" || (pr.Type == "child" && direct) {
			// Linked, as getRelationNodes answers in the callbacks.
			child.links = append(child.links, link{parent: parent, parentKey: pr.Key, selfKey: rel.Key})
			parent.c.Relation(pr.Key, "linked", child.c)
			child.c.Relation(rel.Key, "linked", parent.c)
			return
		}
	}
}

// unlink undoes n's links as it is detached, the parent's unlinked first.
func (t *pageTree) unlink(n *compNode) {
	links := n.links
	n.links = nil // unlinked already, as getRelationNodes answers in the callbacks
	for _, l := range links {
		l.parent.c.Relation(l.parentKey, "unlinked", n.c)
		n.c.Relation(l.selfKey, "unlinked", l.parent.c)
	}
}

// Relations implements jsrt.Tree: getRelationNodes(key), in tree order.
func (t *pageTree) Relations(c *jsrt.Component, key string) []*jsrt.Component {
	self, ok := t.byComp[c]
	if !ok {
		return nil
	}
	var out []*jsrt.Component
	for _, l := range self.links {
		if l.selfKey == key {
			out = append(out, l.parent.c)
		}
	}
	for _, n := range t.order {
		for _, l := range n.links {
			if l.parent == self && l.parentKey == key {
				out = append(out, n.c)
			}
		}
	}
	return out
}

// composedParent is the component whose element is nearest above n's in
// the composed tree: slot content sits inside the component it is given
// to.
func composedParent(n *compNode) *compNode {
	if n.host == nil {
		return nil
	}
	for p := n.host.Parent; p != nil; p = p.Parent {
		if c, ok := p.Instance.(*compNode); ok {
			return c
		}
	}
	return nil
}

// relationPath is the component a relation's key names, relative to the
// component declaring it or from the root.
func relationPath(from, key string) string {
	if strings.HasPrefix(key, "/") {
		return path.Clean(key[1:])
	}
	return path.Join(path.Dir(from), key)
}
