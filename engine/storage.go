package engine

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"unicode/utf16"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/wxapi"
)

// WeChat's limits on an app's storage, as its client enforces them (the
// Android client's JsApiSetStorage and JsApiStorageHelper): one entry, key
// and data together, at most 1 MB, else "fail:entry size limit reached";
// all of an app's entries at most 10 MB, else "fail:quota reached". The
// client measures with Java's String.length, so sizes here are UTF-16 code
// units, JavaScript's length too: a Chinese character counts one, not the
// three bytes it takes in UTF-8. Data counts as the JSON text kept.
const (
	maxStorageEntry = 1 << 20
	maxStorageTotal = 10 << 20
)

// The reasons a storage call fails, after "api:fail " in its errMsg as in
// all our APIs' (WeChat's client writes "fail:" for the two limits).
var (
	errEntryTooBig  = errors.New("entry size limit reached")
	errStorageFull  = errors.New("quota reached")
	errStorageCycle = errors.New("data contains a cycle")
	errEmptyKey     = errors.New("parameter error: key should not be empty")
	errNoData       = errors.New("data not found")
)

// storage is one app's wx storage on its phone: the record's entries, as
// JSON text, and what they weigh against the quota.
//
// The record keeps only the entries, so the weight is counted again when
// an instance starts. That is sound because only the running instance
// writes to its record's storage, and an instance is gone before the next
// one starts.
type storage struct {
	entries map[string]string
	used    int
}

func newStorage(entries map[string]string) *storage {
	s := &storage{entries: entries}
	for key, text := range entries {
		s.used += entrySize(key, text)
	}
	return s
}

func entrySize(key, text string) int { return utf16Len(key) + utf16Len(text) }

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// set keeps text under key unless the entry or the app's storage would
// pass its limit; a refused set changes nothing.
func (s *storage) set(key, text string) error {
	size := entrySize(key, text)
	if size > maxStorageEntry {
		return errEntryTooBig
	}
	used := s.used + size
	if old, ok := s.entries[key]; ok {
		used -= entrySize(key, old)
	}
	if used > maxStorageTotal {
		return errStorageFull
	}
	s.entries[key] = text
	s.used = used
	return nil
}

func (s *storage) remove(key string) {
	if old, ok := s.entries[key]; ok {
		s.used -= entrySize(key, old)
		delete(s.entries, key)
	}
}

func (s *storage) clear() {
	clear(s.entries)
	s.used = 0
}

// info is what getStorageInfo answers; WeChat gives sizes in KB.
func (s *storage) info() map[string]any {
	var keys []any
	for _, k := range slices.Sorted(maps.Keys(s.entries)) {
		keys = append(keys, k)
	}
	return map[string]any{
		"keys":        keys,
		"currentSize": (s.used + 1023) / 1024,
		"limitSize":   maxStorageTotal / 1024,
	}
}

// addStorageAPIs: storage, sync and async.
func addStorageAPIs(h handlers) {
	h["setStorageSync"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func(key, data goja.Value) {
			a.throwIf("setStorageSync", a.setStorage(key, data))
		}
	})
	h["getStorageSync"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func(key goja.Value) goja.Value {
			v, err := a.getStorage(key)
			if errors.Is(err, errNoData) {
				return a.vm.ToValue("")
			}
			a.throwIf("getStorageSync", err)
			return v
		}
	})
	h["removeStorageSync"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func(key goja.Value) {
			a.throwIf("removeStorageSync", a.removeStorage(key))
		}
	})
	h["clearStorageSync"] = wxapi.SyncFunc(func(a *wxAPIs) any { return a.storage.clear })
	h["getStorageInfoSync"] = wxapi.SyncFunc(func(a *wxAPIs) any {
		return func() goja.Value { return a.rt.Value(a.storage.info()) }
	})

	h["setStorage"] = wxapi.AsyncFunc(func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		reply(nil, a.setStorage(opts.Get("key"), opts.Get("data")))
	})
	h["getStorage"] = wxapi.AsyncFunc(func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		v, err := a.getStorage(opts.Get("key"))
		if err != nil {
			reply(nil, err)
			return
		}
		reply(map[string]any{"data": v}, nil)
	})
	h["removeStorage"] = wxapi.AsyncFunc(func(a *wxAPIs, opts *goja.Object, reply jsrt.Reply) {
		reply(nil, a.removeStorage(opts.Get("key")))
	})
	h["clearStorage"] = wxapi.AsyncFunc(func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		a.storage.clear()
		reply(nil, nil)
	})
	h["getStorageInfo"] = wxapi.AsyncFunc(func(a *wxAPIs, _ *goja.Object, reply jsrt.Reply) {
		reply(a.storage.info(), nil)
	})
}

// throwIf fails a sync API as the base library does: it throws an Error
// whose message is the errMsg the async form would give.
func (a *wxAPIs) throwIf(api string, err error) {
	if err != nil {
		panic(a.rt.NewError(api + ":fail " + err.Error()))
	}
}

func (a *wxAPIs) setStorage(key, data goja.Value) error {
	k, err := storageKey(key)
	if err != nil {
		return err
	}
	if k.Length() == 0 {
		return errEmptyKey
	}
	// Measured before anything is copied out of the script: a 100 MB key
	// or string is refused on its length alone.
	room := maxStorageEntry - k.Length()
	if room < 0 {
		return errEntryTooBig
	}
	text, err := a.encode(data, room)
	if err != nil {
		return err
	}
	return a.storage.set(k.String(), text)
}

func (a *wxAPIs) getStorage(key goja.Value) (goja.Value, error) {
	k, err := storageKey(key)
	if err != nil {
		return nil, err
	}
	text, ok := a.storage.entries[k.String()]
	if !ok {
		return nil, errNoData
	}
	// parseJSON keeps the keys in the order the app stored them, as
	// JSON.parse does.
	v, err := a.parseJSON([]byte(text))
	if err != nil {
		// Cannot happen: set keeps only what JSON.stringify wrote.
		return nil, errNoData
	}
	return v, nil
}

func (a *wxAPIs) removeStorage(key goja.Value) error {
	k, err := storageKey(key)
	if err != nil {
		return err
	}
	a.storage.remove(k.String())
	return nil
}

// encode is JSON.stringify(data), which is how the base library stores
// data, except that it gives up with errEntryTooBig as soon as the strings
// in data pass room characters: a huge string is refused on its length,
// not after being copied into JSON. What the script's own code throws on
// the way (a toJSON, a getter) passes through as it was, and so does an
// interrupt.
func (a *wxAPIs) encode(data goja.Value, room int) (string, error) {
	if data == nil {
		data = goja.Undefined()
	}
	// JSON.stringify calls the replacer with each value before it writes
	// it, strings included, so none is copied once room has run out.
	replacer := a.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		v := call.Argument(1)
		if s, ok := v.(goja.String); ok {
			if room -= s.Length(); room < 0 {
				panic(a.vm.NewGoError(errEntryTooBig))
			}
		}
		return v
	})
	text, err := a.stringify(goja.Undefined(), data, replacer)
	var exc *goja.Exception
	switch {
	case errors.Is(err, errEntryTooBig):
		return "", errEntryTooBig
	case errors.As(err, &exc) && isCycle(exc):
		return "", errStorageCycle
	case err != nil:
		panic(err)
	case goja.IsUndefined(text):
		// Data JSON has no text for (undefined, a function) reads back
		// as null.
		return "null", nil
	}
	return text.String(), nil
}

// isCycle tells goja's refusal of a cyclic value, which says only this,
// from what the script threw itself.
func isCycle(exc *goja.Exception) bool {
	obj, ok := exc.Value().(*goja.Object)
	if !ok {
		return false
	}
	msg := obj.Get("message")
	return msg != nil && msg.String() == "Converting circular structure to JSON"
}

// storageKey reads a key argument: WeChat takes only strings.
func storageKey(v goja.Value) (goja.String, error) {
	if s, ok := v.(goja.String); ok {
		return s, nil
	}
	return nil, fmt.Errorf("parameter error: parameter.key should be String instead of %s;", typeName(v))
}

// typeName names v's type as WeChat's parameter errors do, after
// Object.prototype.toString.
func typeName(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "Undefined"
	case goja.IsNull(v):
		return "Null"
	case goja.IsNumber(v):
		return "Number"
	case goja.IsBigInt(v):
		return "BigInt"
	}
	switch v := v.(type) {
	case *goja.Object:
		return v.ClassName()
	case *goja.Symbol:
		return "Symbol"
	case goja.String:
		return "String"
	}
	return "Boolean"
}
