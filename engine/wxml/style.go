package wxml

import "strings"

// displayNone reports whether n's style hides it, as component libraries
// hide a closed popup or an inactive tab (display: none) rather than
// leave it out. Only a style that mentions display is rendered to find
// out, so that styles cost nothing otherwise.
func (r *renderer) displayNone(n *Node, sc *scope) bool {
	st, ok := n.attr("style")
	if !ok || !strings.Contains(st, "display") {
		return false
	}
	for _, decl := range strings.Split(r.compile(st).text(sc), ";") {
		name, value, ok := strings.Cut(decl, ":")
		if ok && strings.TrimSpace(name) == "display" && strings.HasPrefix(strings.TrimSpace(value), "none") {
			return true
		}
	}
	return false
}
