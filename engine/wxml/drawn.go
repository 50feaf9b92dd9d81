package wxml

import (
	"fmt"
	"strings"
)

// ControlLine is the line that draws the control e in its present state:
// its attributes as the page set them, or as the user changed them.
func ControlLine(e Element) string {
	switch e.Tag {
	case "navigator":
		return e.Text + " ›"
	case "input", "textarea":
		mark := "✎ "
		if e.Tag == "textarea" {
			mark = "¶ "
		}
		v := AttrString(e, "value")
		switch {
		case v == "":
			return mark + "(" + e.Text + ")"
		case e.Attrs["password"] == true || AttrString(e, "type") == "password":
			return mark + strings.Repeat("•", len([]rune(v)))
		}
		return mark + v
	case "checkbox":
		return mark(truthy(e.Attrs["checked"]), "☑ ", "☐ ") + e.Text
	case "radio":
		return mark(truthy(e.Attrs["checked"]), "◉ ", "○ ") + e.Text
	case "switch":
		return mark(truthy(e.Attrs["checked"]), "■ on ", "□ off ") + e.Text
	case "picker":
		line := e.Text + " ▾"
		if opt := PickerOption(e); opt != "" && !strings.Contains(e.Text, opt) {
			line = e.Text + " ‹" + opt + "› ▾"
		}
		return strings.TrimSpace(line)
	case "slider":
		lo, hi := AttrNumber(e, "min", 0), AttrNumber(e, "max", 100)
		v := AttrNumber(e, "value", lo)
		at := 0
		if hi > lo {
			at = int((min(max(v, lo), hi) - lo) / (hi - lo) * 10)
		}
		return strings.TrimSpace(fmt.Sprintf("%s ├%s●%s┤ %g", e.Text, strings.Repeat("─", at), strings.Repeat("─", 10-at), v))
	case "swiper":
		if len(e.Children) == 0 {
			return "‹ 0/0 ›"
		}
		return fmt.Sprintf("‹ %d/%d ›", SwiperCurrent(e)+1, len(e.Children))
	}
	return e.Text
}

func mark(on bool, yes, no string) string {
	if on {
		return yes
	}
	return no
}

// AttrString is the attribute name of e as text ("" when absent).
func AttrString(e Element, name string) string {
	if v, ok := e.Attrs[name]; ok {
		return display(v)
	}
	return ""
}

// AttrNumber is the attribute name of e as a number, def when absent or
// not a number.
func AttrNumber(e Element, name string, def float64) float64 {
	v, ok := e.Attrs[name]
	if !ok {
		return def
	}
	n := toNumber(v)
	if n != n { // NaN
		return def
	}
	return n
}

// PickerOptions are the options of a selector picker as shown: range's
// items, or each item's range-key.
func PickerOptions(e Element) []string {
	var out []string
	key := AttrString(e, "range-key")
	forEach(e.Attrs["range"], func(_, item any) bool {
		if m, ok := item.(map[string]any); ok && key != "" {
			item = normalize(m[key])
		}
		out = append(out, display(item))
		return true
	})
	return out
}

// PickerOption is the option a selector picker has selected, "" when it
// has none; a date or time picker's value.
func PickerOption(e Element) string {
	if mode := AttrString(e, "mode"); mode != "" && mode != "selector" {
		return AttrString(e, "value")
	}
	opts := PickerOptions(e)
	i := int(AttrNumber(e, "value", 0))
	if i < 0 || i >= len(opts) {
		return ""
	}
	return opts[i]
}

// SwiperCurrent is the index of the item a swiper shows.
func SwiperCurrent(e Element) int {
	return min(max(int(AttrNumber(e, "current", 0)), 0), max(len(e.Children)-1, 0))
}
