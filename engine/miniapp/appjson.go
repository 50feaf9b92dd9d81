package miniapp

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"miniphone/engine/jsondoc"
	"miniphone/engine/resolve"
)

const appJSONPath = "app.json"

// pageEntry is a page route with the app.json line that lists it, so that
// problems with the page point at the entry to fix.
type pageEntry struct {
	route string
	line  int
}

// appConfig is app.json as read: the configuration, every page route with
// its line (subpackage pages included, as root + "/" + page), and the
// problems found.
type appConfig struct {
	app      AppJSON
	entries  []pageEntry
	problems []Problem
}

// readAppJSON reads and checks app.json.
func readAppJSON(data []byte) appConfig {
	var c appConfig
	doc, p := jsondoc.Parse(data)
	if p != nil {
		c.add(p.Line, p.Msg)
		return c
	}
	if doc.Kind != jsondoc.Object {
		c.add(doc.Line, "must be a JSON object")
		return c
	}
	for _, p := range jsondoc.Decode(doc, &c.app) {
		c.add(p.Line, p.Msg)
	}
	c.app.Subpackages = append(c.app.Subpackages, c.app.SubPackagesOld...)
	c.app.SubPackagesOld = nil
	c.pages(doc)
	main := len(c.entries)
	c.subpackages(doc)
	for _, e := range c.entries[:main] {
		for _, sub := range c.app.Subpackages {
			if sub.Root != "" && strings.HasPrefix(e.route, sub.Root+"/") {
				c.add(e.line, fmt.Sprintf("page %q is in the folder of subpackage %q: list it in that subpackage", e.route, sub.Root))
			}
		}
	}
	c.tabBar(doc)
	c.alias(doc)
	if e := c.app.EntryPagePath; e != "" && !slices.ContainsFunc(c.entries, func(p pageEntry) bool { return p.route == e }) {
		c.add(doc.Get("entryPagePath").Line, fmt.Sprintf("entryPagePath %q is not a page of the project", e))
	}
	return c
}

func (c *appConfig) add(line int, msg string) {
	c.problems = append(c.problems, Problem{Path: appJSONPath, Line: line, Msg: msg})
}

func (c *appConfig) pages(doc *jsondoc.Value) {
	v := doc.Get("pages")
	switch {
	case v == nil || v.Kind == jsondoc.Null:
		c.add(1, "pages is missing")
		return
	case v.Kind == jsondoc.Array && len(c.app.Pages) == 0:
		c.add(v.Line, "pages is empty; list at least the home page")
		return
	}
	c.routes(v, "", c.app.Pages)
}

// routes adds the pages of the main package (root "") or of a subpackage,
// listed by the array v.
func (c *appConfig) routes(v *jsondoc.Value, root string, pages []string) {
	for i, page := range pages {
		item := v.Index(i)
		if item.Kind != jsondoc.String {
			continue // reported by Decode
		}
		if msg := checkRoute(page); msg != "" {
			c.add(item.Line, msg)
			continue
		}
		c.entries = append(c.entries, pageEntry{route: path.Join(root, page), line: item.Line})
	}
}

func (c *appConfig) subpackages(doc *jsondoc.Value) {
	var lists []*jsondoc.Value
	for _, key := range []string{"subpackages", "subPackages"} {
		for i := 0; doc.Get(key).Index(i) != nil; i++ {
			lists = append(lists, doc.Get(key).Index(i))
		}
	}
	for i, sub := range c.app.Subpackages {
		v := lists[i]
		root := strings.Trim(sub.Root, "/")
		name := fmt.Sprintf("subpackages[%d]", i)
		if root == "" {
			c.add(v.Line, name+": root is missing")
			continue
		}
		if msg := checkPath("root", root); msg != "" {
			c.add(v.Get("root").Line, name+": "+msg)
			continue
		}
		c.app.Subpackages[i].Root = root
		for _, other := range c.app.Subpackages[:i] {
			if other.Root == root || strings.HasPrefix(root+"/", other.Root+"/") || strings.HasPrefix(other.Root+"/", root+"/") {
				c.add(v.Get("root").Line, fmt.Sprintf("%s: root %q overlaps subpackage %q", name, root, other.Root))
			}
		}
		if pages := v.Get("pages"); pages != nil {
			c.routes(pages, root, sub.Pages)
		}
	}
}

func (c *appConfig) tabBar(doc *jsondoc.Value) {
	if c.app.TabBar == nil {
		return
	}
	list := doc.Get("tabBar").Get("list")
	for i, tab := range c.app.TabBar.List {
		if tab.PagePath == "" || slices.Contains(c.app.Pages, strings.TrimPrefix(tab.PagePath, "/")) {
			continue
		}
		c.add(list.Index(i).Line, fmt.Sprintf("tabBar.list[%d].pagePath %q is not one of pages", i, tab.PagePath))
	}
}

func (c *appConfig) alias(doc *jsondoc.Value) {
	v := doc.Get("resolveAlias")
	for _, key := range v.Keys() {
		value, ok := c.app.ResolveAlias[key]
		if !ok || v.Get(key).Kind != jsondoc.String {
			continue
		}
		if msg := resolve.CheckAlias(key, value); msg != "" {
			c.add(v.Get(key).Line, fmt.Sprintf("resolveAlias[%q]: %s", key, msg))
		}
	}
}
