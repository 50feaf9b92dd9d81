package engine

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxapi"
)

// addUIAPIs: modals, toasts, the action sheet, the navigation bar, the
// share menu, and the phone's clipboard, vibrator and image viewer.
func addUIAPIs(h handlers) {
	h["showModal"] = wxapi.AsyncFunc((*wxAPIs).showModal)
	h["showToast"] = wxapi.AsyncFunc((*wxAPIs).showToast)
	h["showLoading"] = wxapi.AsyncFunc((*wxAPIs).showLoading)
	h["hideToast"] = wxapi.AsyncFunc(hideToast(false))
	h["hideLoading"] = wxapi.AsyncFunc(hideToast(true))
	h["showActionSheet"] = wxapi.AsyncFunc((*wxAPIs).showActionSheet)
	h["setNavigationBarTitle"] = wxapi.AsyncFunc((*wxAPIs).setNavigationBarTitle)
	h["setNavigationBarColor"] = wxapi.AsyncFunc((*wxAPIs).setNavigationBarColor)
	h["showNavigationBarLoading"] = wxapi.AsyncFunc(navigationBarLoading(true))
	h["hideNavigationBarLoading"] = wxapi.AsyncFunc(navigationBarLoading(false))
	h["showShareMenu"] = wxapi.AsyncFunc(shareMenu(true))
	h["hideShareMenu"] = wxapi.AsyncFunc(shareMenu(false))
	h["setClipboardData"] = wxapi.AsyncFunc((*wxAPIs).setClipboard)
	h["getClipboardData"] = wxapi.AsyncFunc(func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		reply(map[string]any{"data": a.inst.r.p.clipboard}, nil)
	})
	h["vibrateShort"] = wxapi.AsyncFunc(vibrate("short"))
	h["vibrateLong"] = wxapi.AsyncFunc(vibrate("long"))
	h["previewImage"] = wxapi.AsyncFunc((*wxAPIs).previewImage)
}

func (a *wxAPIs) showModal(opts *goja.Object, reply jsrt.Reply) {
	v := ModalView{
		Title:       str(opts, "title", ""),
		Content:     str(opts, "content", ""),
		ShowCancel:  boolean(opts, "showCancel", true),
		CancelText:  str(opts, "cancelText", "取消"),
		ConfirmText: str(opts, "confirmText", "确定"),
	}
	a.inst.showModal(&modal{view: v, reply: func(confirm bool) {
		reply(map[string]any{"confirm": confirm, "cancel": !confirm}, nil)
	}})
}

func (a *wxAPIs) showToast(opts *goja.Object, reply jsrt.Reply) {
	t := &ToastView{Title: str(opts, "title", ""), Icon: str(opts, "icon", "success")}
	a.inst.setToast(t, millis(opts, "duration", a.inst.r.p.w.settings.ToastDuration))
	a.inst.Log("toast", t.Title)
	reply(nil, nil)
}

func (a *wxAPIs) showLoading(opts *goja.Object, reply jsrt.Reply) {
	t := &ToastView{Title: str(opts, "title", ""), Icon: "loading", Loading: true}
	a.inst.setToast(t, 0)
	a.inst.Log("loading", t.Title)
	reply(nil, nil)
}

// hideToast closes a toast or a loading overlay; each closes only its own
// kind, as on WeChat.
func hideToast(loading bool) asyncAPI {
	return func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		if t := a.inst.toast; t != nil && t.Loading == loading {
			a.inst.setToast(nil, 0)
		}
		reply(nil, nil)
	}
}

// maxSheetItems is the most items an action sheet takes.
const maxSheetItems = 6

// showActionSheet opens a list the user answers like a modal: an item
// (success with its tapIndex) or cancel (fail "cancel").
func (a *wxAPIs) showActionSheet(opts *goja.Object, reply jsrt.Reply) {
	items, err := stringList(opts.Get("itemList"), "itemList", maxSheetItems)
	if err != nil {
		reply(nil, err)
		return
	}
	v := ModalView{Title: str(opts, "alertText", ""), Items: items, ShowCancel: true, CancelText: "取消"}
	a.inst.showModal(&modal{view: v, pick: func(i int) {
		if i < 0 {
			reply(nil, errors.New("cancel"))
			return
		}
		reply(map[string]any{"tapIndex": i}, nil)
	}})
}

// stringList reads a non-empty array of at most most strings, as the base
// library checks it. The length is checked first: a script can make an
// empty array four billion long.
func stringList(v goja.Value, name string, most int64) ([]string, error) {
	obj, ok := v.(*goja.Object)
	if !ok || obj.ClassName() != "Array" {
		return nil, fmt.Errorf("parameter error: parameter.%s should be Array instead of %s;", name, typeName(v))
	}
	n := obj.Get("length").ToInteger()
	switch {
	case n == 0:
		return nil, fmt.Errorf("parameter error: parameter.%s should not be empty", name)
	case n > most:
		return nil, fmt.Errorf("parameter error: parameter.%s should not be longer than %d", name, most)
	}
	var out []string
	for i := range n {
		item := obj.Get(fmt.Sprint(i))
		if _, ok := item.(goja.String); !ok {
			return nil, fmt.Errorf("parameter error: parameter.%s[%d] should be String instead of %s;", name, i, typeName(item))
		}
		out = append(out, item.String())
	}
	return out, nil
}

// stringParam reads a string option, as the base library checks it.
func stringParam(opts *goja.Object, name string) (string, error) {
	v := opts.Get(name)
	if _, ok := v.(goja.String); !ok {
		return "", fmt.Errorf("parameter error: parameter.%s should be String instead of %s;", name, typeName(v))
	}
	return v.String(), nil
}

// navBar is what a page's script set on its navigation bar.
type navBar struct {
	title       string
	titled      bool
	front, back string
	loading     bool
	refreshing  bool // a pull-down refresh shows, until stopPullDownRefresh
}

// bar is the navigation bar of the page on top, or an error when the app
// has no page yet (a call from App.onLaunch).
func (inst *instance) bar() (*navBar, error) {
	p := inst.top()
	if p == nil {
		return nil, errors.New("no page is open")
	}
	b, ok := inst.bars[p]
	if !ok {
		b = &navBar{}
		inst.bars[p] = b
	}
	return b, nil
}

func (a *wxAPIs) setNavigationBarTitle(opts *goja.Object, reply jsrt.Reply) {
	title, err := stringParam(opts, "title")
	if err != nil {
		reply(nil, err)
		return
	}
	b, err := a.inst.bar()
	if err != nil {
		reply(nil, err)
		return
	}
	b.title, b.titled = title, true
	a.inst.Log("title", fmt.Sprintf("%q", title))
	reply(nil, nil)
}

var hexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)

// setNavigationBarColor takes the two colours WeChat allows for the title
// and any background colour.
func (a *wxAPIs) setNavigationBarColor(opts *goja.Object, reply jsrt.Reply) {
	front, back := str(opts, "frontColor", ""), str(opts, "backgroundColor", "")
	switch {
	case front != "#ffffff" && front != "#000000":
		reply(nil, fmt.Errorf("invalid frontColor %q: it should be #ffffff or #000000", front))
		return
	case !hexColor.MatchString(back):
		reply(nil, fmt.Errorf("invalid backgroundColor %q", back))
		return
	}
	b, err := a.inst.bar()
	if err != nil {
		reply(nil, err)
		return
	}
	b.front, b.back = front, strings.ToLower(back)
	a.inst.Log("nav-color", front+" "+b.back)
	reply(nil, nil)
}

func navigationBarLoading(on bool) asyncAPI {
	return func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		b, err := a.inst.bar()
		if err == nil {
			b.loading = on
		}
		reply(nil, err)
	}
}

// shareMenu shows or hides the share items of the capsule's menu for the
// page on top.
func shareMenu(shown bool) asyncAPI {
	return func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		// Nothing draws the capsule's menu: the page must exist, and the
		// transcript says what the user would see.
		if _, err := a.inst.bar(); err != nil {
			reply(nil, err)
			return
		}
		state := "hidden"
		if shown {
			state = "shown"
		}
		a.inst.Log("share-menu", state)
		reply(nil, nil)
	}
}

// setClipboard keeps the text on the phone, where every app reads it, and
// shows WeChat's toast.
func (a *wxAPIs) setClipboard(opts *goja.Object, reply jsrt.Reply) {
	data, err := stringParam(opts, "data")
	if err != nil {
		reply(nil, err)
		return
	}
	a.inst.r.p.clipboard = data
	a.inst.Log("clipboard", fmt.Sprintf("%d characters", utf8.RuneCountInString(data)))
	a.inst.setToast(&ToastView{Title: "内容已复制", Icon: "success"}, a.inst.r.p.w.settings.ToastDuration)
	reply(nil, nil)
}

func vibrate(length string) asyncAPI {
	return func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		detail := length
		if t := str(opts, "type", ""); t != "" && length == "short" {
			detail += " " + t
		}
		a.inst.Log("vibrate", detail)
		reply(nil, nil)
	}
}

// maxPreviewImages bounds the list of a preview, far above any gallery.
const maxPreviewImages = 10_000

// previewImage is the full-screen image viewer; miniphone draws no images,
// so the transcript says which one the user would see.
func (a *wxAPIs) previewImage(opts *goja.Object, reply jsrt.Reply) {
	urls, err := stringList(opts.Get("urls"), "urls", maxPreviewImages)
	if err != nil {
		reply(nil, err)
		return
	}
	current := str(opts, "current", urls[0])
	at := 1
	for i, u := range urls {
		if u == current {
			at = i + 1
		}
	}
	a.inst.Log("preview-image", fmt.Sprintf("%s (%d of %d)", current, at, len(urls)))
	reply(nil, nil)
}
