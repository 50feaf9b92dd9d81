package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"

	"miniphone/engine/jsrt"
	"miniphone/engine/netsim"
	"miniphone/engine/wxapi"
	"miniphone/protocol"
)

// defaultRequestTimeout is wx.request's timeout when the call sets none.
const defaultRequestTimeout = 60 * time.Second

// maxRequestBody bounds what a script sends, as the link bounds what
// comes back.
const maxRequestBody = 8 << 20

// requestMethods are the methods wx.request takes. CONNECT is one of them
// on WeChat; a tunnel means nothing to a fake developer server.
var requestMethods = []string{"OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE"}

func addRequestAPIs(h handlers) {
	h["request"] = wxapi.TaskFunc((*wxAPIs).request)
}

// outgoing is a wx.request as the phone sends it.
type outgoing struct {
	method, url  string // url: what the app asked for, with data as query for a GET
	header       http.Header
	body         []byte
	timeout      time.Duration
	json, buffer bool // dataType json; responseType arraybuffer
}

// request is wx.request: the app's URL is answered by the fake developer
// server, through the platform, and the time it takes on the phone's
// network is charged to the phone's clock. It returns a RequestTask.
func (a *wxAPIs) request(opts *goja.Object, reply jsrt.Reply) goja.Value {
	inst := a.inst
	var headerListeners listeners
	var abort func()
	task := a.vm.NewObject()
	_ = task.Set("abort", func() {
		if abort != nil {
			abort()
		}
	})
	_ = task.Set("onHeadersReceived", headerListeners.on)
	_ = task.Set("offHeadersReceived", headerListeners.off)
	_ = task.Set("onChunkReceived", func(goja.Value) {})
	_ = task.Set("offChunkReceived", func(goja.Value) {})

	out, err := a.outgoing(opts)
	if err != nil {
		reply(nil, err)
		return task
	}
	r, w := inst.r, inst.r.p.w
	inst.Log("request", out.method+" "+out.url)
	res := w.link.Do(r.p.network, netsim.Request{
		Method: out.method,
		URL:    w.server + "/dev/request?url=" + url.QueryEscape(out.url),
		Header: out.header,
		Body:   out.body,
	})
	wait := res.Duration
	if errors.Is(res.Err, netsim.ErrTimeout) || wait > out.timeout {
		wait, res = out.timeout, netsim.Result{Err: errors.New("timeout")}
	}
	done := false
	ev := w.clock.After(wait, func() {
		if done || !inst.alive {
			return
		}
		done = true
		a.answer(out, res, &headerListeners, reply)
	})
	abort = func() {
		if done {
			return
		}
		done = true
		w.clock.Cancel(ev)
		inst.Log("request.abort", out.url)
		reply(nil, errors.New("abort"))
	}
	return task
}

// answer delivers a response to the app: its headers to the task's
// listeners, then the success callback. Any HTTP status is a success, as
// on WeChat; only a request that got no answer fails.
func (a *wxAPIs) answer(out outgoing, res netsim.Result, headerListeners *listeners, reply jsrt.Reply) {
	inst := a.inst
	if res.Err != nil {
		inst.Log("request.fail", out.url+": "+res.Err.Error())
		reply(nil, res.Err)
		return
	}
	header := map[string]any{}
	for k, vs := range res.Header {
		if !strings.HasPrefix(k, "X-Miniphone-") {
			header[k] = strings.Join(vs, ",")
		}
	}
	// The server's Date is the host's clock; a script that reads it must
	// see the phone's, or a replay would differ.
	if _, ok := header["Date"]; ok {
		header["Date"] = inst.r.p.w.Now().UTC().Format(http.TimeFormat)
	}
	detail := fmt.Sprintf("%d %s %s (%d bytes)", res.Status, out.method, out.url, len(res.Body))
	if res.Header.Get(protocol.UnconfiguredHeader) != "" {
		key, _, _ := strings.Cut(out.url, "?")
		detail += fmt.Sprintf(`: nothing answers there; give it an answer with the scenario step `+
			`request %s json "…" (or text, status, session), or with the console's request form`, key)
	}
	inst.Log("request.done", detail)
	if len(*headerListeners) > 0 {
		inst.Defer(func() {
			arg := a.rt.Value(map[string]any{"header": header, "statusCode": res.Status, "cookies": []any{}})
			headerListeners.call(a.rt, "RequestTask.onHeadersReceived", arg)
		})
	}
	reply(map[string]any{
		"data":       a.responseData(out, res.Body),
		"statusCode": res.Status,
		"header":     header,
		"cookies":    []any{},
	}, nil)
}

// responseData is the body as the app asked for it: an ArrayBuffer, the
// parsed JSON, or (dataType other than json, or a body that is not JSON)
// the text.
func (a *wxAPIs) responseData(out outgoing, body []byte) goja.Value {
	if out.buffer {
		return a.vm.ToValue(a.vm.NewArrayBuffer(body))
	}
	if out.json {
		if v, err := a.parseJSON(body); err == nil {
			return v
		}
	}
	return a.vm.ToValue(string(body))
}

// parseJSON is JSON.parse done in Go: the objects keep the order of their
// keys in the text, as JSON.parse keeps it.
func (a *wxAPIs) parseJSON(body []byte) (goja.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	v, err := a.jsonValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("more than one JSON value")
	}
	return v, nil
}

// maxJSONDepth bounds the nesting of a response, which would otherwise
// decide the depth of the Go stack.
const maxJSONDepth = 1000

func (a *wxAPIs) jsonValue(dec *json.Decoder, depth int) (goja.Value, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("JSON nested deeper than %d", maxJSONDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			var items []any
			for dec.More() {
				v, err := a.jsonValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				items = append(items, v)
			}
			_, err := dec.Token()
			return a.vm.NewArray(items...), err
		}
		obj := a.vm.NewObject()
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := a.jsonValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			// Defined, not set: "__proto__" is a key like any other here.
			_ = obj.DefineDataProperty(key.(string), v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
		_, err := dec.Token()
		return obj, err
	case json.Number:
		f, _ := strconv.ParseFloat(string(t), 64)
		return a.vm.ToValue(f), nil
	case nil:
		return goja.Null(), nil
	}
	return a.vm.ToValue(tok), nil
}

// outgoing reads a call's options as the base library does, refusing what
// it refuses.
func (a *wxAPIs) outgoing(opts *goja.Object) (outgoing, error) {
	raw, err := stringParam(opts, "url")
	if err != nil {
		return outgoing{}, err
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return outgoing{}, fmt.Errorf("invalid url %q", raw)
	}
	out := outgoing{
		method:  strings.ToUpper(str(opts, "method", "GET")),
		url:     raw,
		header:  http.Header{},
		timeout: millis(opts, "timeout", defaultRequestTimeout),
		json:    str(opts, "dataType", "json") == "json",
		buffer:  str(opts, "responseType", "text") == "arraybuffer",
	}
	if out.method == "CONNECT" {
		return outgoing{}, fmt.Errorf("method CONNECT %w", wxapi.ErrNotEmulated)
	}
	if !slices.Contains(requestMethods, out.method) {
		return outgoing{}, fmt.Errorf("parameter error: parameter.method should be one of %s", strings.Join(requestMethods, ", "))
	}
	if out.timeout <= 0 {
		out.timeout = defaultRequestTimeout
	}
	if h, ok := opts.Get("header").(*goja.Object); ok {
		for _, k := range h.Keys() {
			out.header.Set(k, h.Get(k).String())
		}
	}
	if out.header.Get("Content-Type") == "" {
		out.header.Set("Content-Type", "application/json")
	}
	// WeChat's own Referer, which the app cannot change: it names the app
	// and its version to the developer server.
	out.header.Set("Referer", fmt.Sprintf("https://servicewechat.com/%s/%s/page-frame.html", a.inst.r.appid, a.inst.pkg.version))
	out.header.Set(protocol.TimeHeader, strconv.FormatInt(a.inst.r.p.w.Now().UnixMilli(), 10))
	data := opts.Get("data")
	if jsrt.IsAbsent(data) {
		return out, nil
	}
	if out.method == "GET" {
		q, err := a.queryOf(data)
		if err != nil {
			return outgoing{}, err
		}
		if q != "" {
			sep := "?"
			if strings.Contains(out.url, "?") {
				sep = "&"
			}
			out.url += sep + q
		}
		return out, nil
	}
	out.body, err = a.bodyOf(data, out.header.Get("Content-Type"))
	return out, err
}

var errBodyTooBig = fmt.Errorf("request body larger than %d bytes", maxRequestBody)

// bodyOf is the body for data: an ArrayBuffer's bytes, a string as it is,
// an object as JSON, or as a form when the Content-Type says so.
func (a *wxAPIs) bodyOf(data goja.Value, contentType string) ([]byte, error) {
	if b, ok := data.Export().(goja.ArrayBuffer); ok {
		if len(b.Bytes()) > maxRequestBody {
			return nil, errBodyTooBig
		}
		return bytes.Clone(b.Bytes()), nil
	}
	if _, ok := data.(*goja.Object); ok && strings.Contains(contentType, "application/x-www-form-urlencoded") {
		q, err := a.queryOf(data)
		return []byte(q), err
	}
	return a.text(data)
}

// text is a string as it is, or anything else as JSON, bounded.
func (a *wxAPIs) text(v goja.Value) ([]byte, error) {
	if s, ok := v.(goja.String); ok {
		if s.Length() > maxRequestBody {
			return nil, errBodyTooBig
		}
		return []byte(s.String()), nil
	}
	text, err := a.encode(v, maxRequestBody)
	if errors.Is(err, errEntryTooBig) {
		return nil, errBodyTooBig
	}
	return []byte(text), err
}

// queryOf writes an object's fields as key=value pairs, in the object's
// order (objects among the values as JSON); a string is taken as it is.
func (a *wxAPIs) queryOf(data goja.Value) (string, error) {
	obj, ok := data.(*goja.Object)
	if !ok {
		b, err := a.text(data)
		return string(b), err
	}
	var parts []string
	size := 0
	for _, k := range obj.Keys() {
		v := obj.Get(k)
		if v == nil || goja.IsUndefined(v) {
			continue
		}
		var b []byte
		var err error
		if _, isObj := v.(*goja.Object); isObj {
			b, err = a.text(v)
		} else {
			b = []byte(v.String())
		}
		if err != nil {
			return "", err
		}
		part := url.QueryEscape(k) + "=" + url.QueryEscape(string(b))
		if size += len(part) + 1; size > maxRequestBody {
			return "", errBodyTooBig
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, "&"), nil
}
