package wxml

import (
	"errors"
	"fmt"
	"time"

	"miniphone/engine/wxs"
)

// View renders one page instance. Its WXS modules run in a runtime of
// their own that lives as long as the view, so that, as on a phone, a
// module's state lasts between renders of the page. A View is not safe for
// concurrent use.
type View struct {
	root  *Node
	file  *file
	opts  ViewOptions
	rt    *wxs.Runtime    // made when a module is first used
	ready map[*module]any // exports, by module
	said  map[string]bool // lines logged, so each is logged once
	warn  bool            // whether the files' warnings were logged
	// stopped is whether the view said that its WXS stopped.
	stopped bool
	// templates caches compiled attribute and text templates, so that a
	// page renders its expressions without parsing them again at every
	// setData, and the body of a wx:for once, not once per item.
	// Compiled templates are never changed.
	templates map[string]*template
	data      map[string]*template // <template data>, compiled as such
	ids       map[*Node]int        // see keyOf
}

// ViewOptions configure a View.
type ViewOptions struct {
	// Now is the phone's clock, for WXS's getDate().
	Now func() time.Time
	// Seed seeds WXS's Math.random.
	Seed int64
	// Budget is the real time one WXS call may run; wxs.DefaultBudget
	// when zero.
	Budget time.Duration
	// OnError receives the view's error lines ("path:line: …"): a WXS
	// function that threw, a template not found. OnWarning receives, at
	// the first render, the warnings of the page's files. Each line comes
	// once per view; nil drops them.
	OnError, OnWarning func(line string)
	// Components, when set, gives the view its custom components; without
	// it their elements show their children.
	Components ComponentHost
}

// maxSaid bounds the distinct lines one view logs.
const maxSaid = 100

// NewView makes a view of root, as Parse or Set.Root returns it.
func NewView(root *Node, opts ViewOptions) *View {
	f := root.file
	if f == nil { // a tree built by hand
		f = &file{root: root}
	}
	return &View{root: root, file: f, opts: opts}
}

// Render renders the page against data; see the package function Render.
func (v *View) Render(data map[string]any) []Element {
	if !v.warn {
		v.warn = true
		for _, w := range v.file.allWarnings() {
			if v.opts.OnWarning != nil {
				v.opts.OnWarning(w.Error())
			}
		}
	}
	r := &renderer{
		view:       v,
		loopBudget: maxLoopItems,
		workBudget: maxRenderWork,
		at:         v.file,
	}
	var out lineBuilder
	r.children(v.root.Children, &scope{data: data, env: r.envOf(v.file)}, &out)
	return out.finish()
}

// report logs the error line, once.
func (v *View) report(line string) {
	if v.said[line] || len(v.said) >= maxSaid {
		return
	}
	if v.said == nil {
		v.said = map[string]bool{}
	}
	v.said[line] = true
	if v.opts.OnError != nil {
		v.opts.OnError(line)
	}
}

// exports is the value of module m in an expression: its exports, run
// once per view. A module that fails is undefined, with an error line.
func (v *View) exports(m *module) any {
	if x, ok := v.ready[m]; ok {
		return x
	}
	x := any(undefined)
	if m.code != nil {
		if v.rt == nil {
			v.rt = wxs.New(wxs.Options{Now: v.opts.Now, Seed: v.opts.Seed, Budget: v.opts.Budget, Require: v.file.require})
		}
		got, err := v.rt.Exports(m.code)
		if err != nil {
			v.fail(m, err)
		} else if got != wxs.Undefined {
			x = got
		}
	}
	if v.ready == nil {
		v.ready = map[*module]any{}
	}
	v.ready[m] = x
	return x
}

func (v *View) fail(m *module, err error) {
	if errors.Is(err, wxs.ErrStopped) {
		if v.stopped {
			return
		}
		v.stopped = true
	}
	v.report(fmt.Sprintf("%s:%d: wxs module %s: %v", m.path, m.line, m.name, err))
}
