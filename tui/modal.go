package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"miniphone/engine"
)

// modalBox draws a wx.showModal (or a system modal) as WeChat lays it out:
// title, content, then the answers side by side, cancel on the left. It is
// w cells wide; the focused answer is marked with ▸ so that it shows
// without colour too.
func (s *Styles) modalBox(m *engine.ModalView, confirm bool, w int) []string {
	iw := w - 2
	var body []string
	if m.Title != "" {
		body = append(body, center(s.ModalTitle.Render(m.Title), iw))
	}
	if m.Content != "" {
		body = append(body, "")
		for _, l := range wrap(m.Content, iw-2) { // w-4: see modalTextWidth
			body = append(body, center(l, iw))
		}
	}
	body = append(body, "")

	b := roundBorder
	edge := s.ModalBorder
	out := []string{edge.Render(b.TopLeft + strings.Repeat(b.Top, iw) + b.TopRight)}
	for _, l := range body {
		out = append(out, edge.Render(b.Left)+fit(l, iw)+edge.Render(b.Right))
	}
	ok := s.answer(orDefault(m.ConfirmText, "确定"), confirm)
	if !m.ShowCancel {
		return append(out,
			edge.Render(b.MiddleLeft+strings.Repeat(b.Top, iw)+b.MiddleRight),
			edge.Render(b.Left)+center(ok, iw)+edge.Render(b.Right),
			edge.Render(b.BottomLeft+strings.Repeat(b.Bottom, iw)+b.BottomRight))
	}
	lw := (iw - 1) / 2
	rw := iw - 1 - lw
	cancel := s.answer(orDefault(m.CancelText, "取消"), !confirm)
	return append(out,
		edge.Render(b.MiddleLeft+strings.Repeat(b.Top, lw)+b.MiddleTop+strings.Repeat(b.Top, rw)+b.MiddleRight),
		edge.Render(b.Left)+center(cancel, lw)+edge.Render(b.Left)+center(ok, rw)+edge.Render(b.Right),
		edge.Render(b.BottomLeft+strings.Repeat(b.Bottom, lw)+b.MiddleBottom+strings.Repeat(b.Bottom, rw)+b.BottomRight))
}

// sheetBox draws a wx.showActionSheet as WeChat lays it out: its alert
// text, the items one a line, then cancel apart. It is w cells wide; the
// item'th line (len(Items) for cancel) is focused.
func (s *Styles) sheetBox(m *engine.ModalView, item, w int) []string {
	iw := w - 2
	b := roundBorder
	edge := s.ModalBorder
	rule := edge.Render(b.MiddleLeft + strings.Repeat(b.Top, iw) + b.MiddleRight)
	row := func(l string) string { return edge.Render(b.Left) + fit(l, iw) + edge.Render(b.Right) }
	out := []string{edge.Render(b.TopLeft + strings.Repeat(b.Top, iw) + b.TopRight)}
	if m.Title != "" {
		for _, l := range wrap(m.Title, iw-2) {
			out = append(out, row(center(s.Dim.Render(l), iw)))
		}
		out = append(out, rule)
	}
	for i, label := range m.Items {
		out = append(out, row(center(s.answer(label, i == item), iw)))
	}
	return append(out, rule,
		row(center(s.answer(orDefault(m.CancelText, "取消"), item == len(m.Items)), iw)),
		edge.Render(b.BottomLeft+strings.Repeat(b.Bottom, iw)+b.BottomRight))
}

func (s *Styles) answer(label string, focused bool) string {
	if focused {
		return s.ModalButtonFocused.Render("▸ " + label)
	}
	return s.ModalButton.Render("  " + label)
}

// toastIcons are the icons of wx.showToast, as glyphs.
var toastIcons = map[string]string{"success": "✓ ", "error": "✗ ", "loading": "◌ "}

// toastBox draws wx.showToast or wx.showLoading, at most maxWidth wide.
func (s *Styles) toastBox(t *engine.ToastView, maxWidth int) []string {
	icon := toastIcons[t.Icon]
	if t.Loading {
		icon = toastIcons["loading"]
	}
	text := " " + icon + t.Title + " "
	w := min(ansi.StringWidth(text), maxWidth-2)
	return frame(roundBorder, s.Border, "", []string{s.Toast.Render(clip(text, w))}, w+2, 3) // a cut title ends in …
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
