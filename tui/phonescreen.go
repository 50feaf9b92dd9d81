package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
)

// The phone's screen is rebuilt whenever a snapshot or a key changes it,
// so that View only joins lines.

// capsule is WeChat's menu capsule, at the right of every mini-program's
// navigation bar.
const capsule = "(··· ◎)"

// battery is drawn full: the engine does not model a battery.
const battery = "▮▮▮▮ 100%"

// modalWidth is the width of a modal on the phone's screen (the panel less
// two borders, less a margin of two on each side), and modalTextWidth the
// width its content is broken at.
const (
	modalWidth     = phoneWidth - 4 - 4
	modalTextWidth = modalWidth - 4
)

// chromeLines are the lines of the screen above the page: status bar,
// navigation bar, rule.
const chromeLines = 3

func (p *Phone) render() {
	iw, ih, ok := p.inner(6)
	if !ok {
		return
	}
	s := p.c.Styles
	info := fmt.Sprintf(" user %s · client %s · base %s", p.snap.User, p.snap.Client, p.snap.Base)
	if p.snap.OS == engine.IOS { // Android goes unsaid, as the default
		info = " ios ·" + info
	}
	lines := []string{p.tabs(iw), s.Dim.Render(clip(info, iw))}
	lines = append(lines, frame(roundBorder, s.Border, "", p.screen(iw-2, ih-4), iw, ih-2)...)
	p.box(s, "1 Phone", lines)
}

// tabs lists the phones, the one shown in brackets.
func (p *Phone) tabs(w int) string {
	var b strings.Builder
	for _, n := range p.names {
		if n == p.snap.Name {
			b.WriteString(p.c.Styles.Bold.Render("[" + n + "]"))
		} else {
			b.WriteString(p.c.Styles.Dim.Render(" " + n + " "))
		}
	}
	return fit(b.String(), w)
}

// screen draws the phone's screen, w×h cells.
func (p *Phone) screen(w, h int) []string {
	s := p.c.Styles
	bodyH := h - chromeLines
	if bodyH < 1 {
		return fitLines(nil, w, h)
	}
	lines := []string{
		s.StatusBar.Render(spread(" "+p.now.Format("15:04"), p.snap.Network+"  "+battery+" ", w)),
		p.navBar(w),
		s.Dim.Render(strings.Repeat("─", w)),
	}
	var body []string
	switch p.snap.Screen {
	case engine.ScreenHome:
		body = p.home(w, bodyH)
	case engine.ScreenSplash:
		body = p.splash(w, bodyH)
	case engine.ScreenPage:
		body = p.pageBody(w, bodyH)
	}
	lines = append(lines, fitLines(body, w, bodyH)...)
	if pg := p.snap.Page; pg != nil && pg.Toast != nil {
		t := s.toastBox(pg.Toast, w)
		lines = overlay(lines, t, (w-ansi.StringWidth(t[0]))/2, chromeLines+bodyH*2/3)
	}
	if m := p.openModal(); m != nil {
		var box []string
		if m.Items != nil {
			box = s.sheetBox(m, p.item, modalWidth)
		} else {
			box = s.modalBox(m, p.confirm, modalWidth)
		}
		lines = overlay(lines, box, (w-modalWidth)/2, chromeLines+max((bodyH-len(box))/2, 0))
	}
	return lines
}

// tabBar is app.json's tabBar on one line, the selected tab marked.
func (p *Phone) tabBar(tb *engine.TabBarView, w int) string {
	s := p.c.Styles
	var parts []string
	for i, item := range tb.Items {
		if i == tb.Selected {
			parts = append(parts, s.Selected.Render("["+item+"]"))
		} else {
			parts = append(parts, s.Dim.Render(" "+item+" "))
		}
	}
	return center(strings.Join(parts, " "), w)
}

// navBar is the title bar: a back arrow when a page can go back, the title
// from app.json centred, the capsule on the right.
func (p *Phone) navBar(w int) string {
	title, back := "Mini-programs", "  "
	switch {
	case p.snap.Page != nil && p.snap.Page.NavHidden:
		// navigationStyle custom: the page draws its own bar, only the
		// capsule stays; back is still the back key.
		title = ""
	case p.snap.Page != nil:
		title = p.snap.Page.Title
		if p.snap.Page.NavLoading {
			title = "◌ " + title
		}
		if p.snap.Page.Depth > 1 {
			back = "‹ "
		}
	case p.snap.Splash != nil:
		title = p.snap.Splash.Title
	}
	if p.snap.Page != nil && p.snap.Page.Refreshing { // the pull-down refresh's indicator, under any bar
		title = "↻ " + title
	}
	// The title is centred on the screen, so the back arrow's width is
	// mirrored on the right, before the capsule.
	const backWidth = 2
	cw := ansi.StringWidth(capsule) + 1
	s := p.c.Styles
	return back + s.NavBar.Render(center(title, w-cw-2*backWidth)) + spaces(backWidth) + s.Capsule.Render(capsule) + " "
}

// home lists the mini-programs, two lines each, scrolled to the selection.
func (p *Phone) home(w, h int) []string {
	s := p.c.Styles
	p.selected = min(p.selected, max(len(p.snap.Apps)-1, 0))
	var lines []string
	for i, a := range p.snap.Apps {
		title := " " + ellipsize(a.Title, w-3) + " "
		if i == p.selected {
			title = "▸" + s.Selected.Render(title)
		} else {
			title = " " + s.Bold.Render(title)
		}
		lines = append(lines, fit(title, w), s.Dim.Render(fit(homeDetail(a, w), w)))
	}
	if len(lines) == 0 {
		return []string{center("no mini-programs", w)}
	}
	return scrollTo(lines, 2*p.selected+1, h)
}

// homeDetail is an app's second line on the home screen, at most w cells:
// "   APPID · VERSION · STATE · PENDING next". The app id, which the title
// above already names, gives way first; what the app runs, its state and
// what comes next stay.
func homeDetail(a engine.AppSummary, w int) string {
	version := a.Version
	if version == "" {
		version = "not installed"
	}
	rest := fmt.Sprintf(" · %s · %s", version, a.State)
	if a.Pending != "" {
		rest += " · " + a.Pending + " next"
	}
	const indent = "   "
	room := w - len(indent) - ansi.StringWidth(rest)
	if room < 2 { // not even "x…": the rest alone, cut at its end
		return ellipsize(indent+strings.TrimPrefix(rest, " · "), w)
	}
	return indent + ellipsize(a.AppID, room) + rest
}

// splash is a cold start on its way: the app's title, what it is doing,
// and the download of a synchronous update. On a paused clock it would
// wait forever, so it says which key runs time.
func (p *Phone) splash(w, h int) []string {
	sp := p.snap.Splash
	s := p.c.Styles
	lines := []string{center(s.Bold.Render(sp.Title), w), "", center(sp.Message, w)}
	if sp.Download != nil {
		lines = append(lines, "", p.download(sp.Download, w))
	}
	if p.paused {
		lines = append(lines, "", center(s.Notice.Render("⏸ time is paused: "+p.c.Keys.Pause.Help().Key+" runs it"), w))
	}
	pad := make([]string, max((h-len(lines))/2, 0))
	return append(pad, lines...)
}

// pageBody is the page's render tree, scrolled to the focused button, with
// the tabBar below it (a custom one's lines focused as the page's) and a
// background download's progress on the last line.
func (p *Phone) pageBody(w, h int) []string {
	pg := p.snap.Page
	if pg.Download != nil {
		h--
	}
	l, bar := p.layoutBody(pg, w)
	if p.button >= len(l.targets) && len(l.targets) > 0 {
		p.button = len(l.targets) - 1
		l, bar = p.layoutBody(pg, w)
	}
	p.targets = l.targets
	if pg.TabBar != nil {
		// A custom tabBar takes at most half the screen, so that the
		// page still shows: past that, only its first lines are drawn.
		bar = bar[:min(len(bar), max(h/2-1, 1))]
		h -= 1 + len(bar)
	}
	// The focus sets where the page is scrolled to; page up and down move
	// from there, to read what no control is next to.
	p.pageLines = h
	base := scrollStart(len(l.lines), l.focusLine, h)
	end := max(len(l.lines)-h, 0)
	start := min(max(base+p.scroll, 0), end)
	p.scroll = start - base
	// Content that grew below (a page that loaded more), or a scroll up,
	// leaves the end: the next arrival fires onReachBottom again.
	p.endScroll, p.atTop, p.atEnd = end-base, start == 0, p.atEnd && start == end
	lines := fitLines(window(l.lines, start, h), w, h)
	if pg.TabBar != nil {
		lines = append(lines, p.c.Styles.Dim.Render(strings.Repeat("─", w)))
		lines = append(lines, bar...)
	}
	if pg.Download != nil {
		lines = append(lines, p.download(pg.Download, w))
	}
	return lines
}

// layoutBody lays out the page and its tabBar's lines: a custom tabBar's
// elements (its targets after the page's), else app.json's list on one
// line.
func (p *Phone) layoutBody(pg *engine.PageView, w int) (pageLayout, []string) {
	l := p.c.Styles.layoutPage(pg.Elements, w, p.button)
	switch tb := pg.TabBar; {
	case tb == nil:
		return l, nil
	case tb.Custom:
		lines := p.c.Styles.layoutTabBar(tb.Elements, w, p.button, &l)
		for i, line := range lines {
			lines[i] = fit(line, w)
		}
		return l, lines
	default:
		return l, []string{p.tabBar(tb, w)}
	}
}

// download is one line: the version, a bar and the percentage.
func (p *Phone) download(d *engine.Progress, w int) string {
	head := " ↓ " + d.Version + " "
	tail := fmt.Sprintf(" %3.0f%% ", d.Fraction()*100)
	p.bar.Width = max(w-ansi.StringWidth(head)-ansi.StringWidth(tail), 1)
	return fit(head+p.bar.ViewAs(d.Fraction())+tail, w)
}

// scrollTo returns the h lines of lines that show line at, starting from
// the top when they can.
func scrollTo(lines []string, at, h int) []string {
	return window(lines, scrollStart(len(lines), at, h), h)
}

// scrollStart is the first of n lines shown h at a time so that line at
// shows, 0 when it can.
func scrollStart(n, at, h int) int {
	if n <= h || at < h {
		return 0
	}
	return min(at-h+1, n-h)
}

// window is the h lines of lines from start, or fewer at the end.
func window(lines []string, start, h int) []string {
	return lines[start:min(start+h, len(lines))]
}
