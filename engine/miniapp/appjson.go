package miniapp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

const appJSONPath = "app.json"

// pageEntry is a route listed in app.json with the line it is on, so that
// problems with the page point at the entry to fix.
type pageEntry struct {
	route string
	line  int
}

// appJSONReader reads app.json token by token, rather than with one
// json.Unmarshal, to know the line of each value it complains about.
type appJSONReader struct {
	data     []byte
	dec      *json.Decoder
	app      AppJSON
	entries  []pageEntry
	problems []Problem
}

// parseAppJSON reads app.json and returns what it could read with every
// problem found.
func parseAppJSON(data []byte) (AppJSON, []pageEntry, []Problem) {
	r := &appJSONReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	if err := r.read(); err != nil {
		r.problemAt(r.dec.InputOffset(), "invalid JSON: "+err.Error())
	}
	r.app.Pages = make([]string, len(r.entries))
	for i, e := range r.entries {
		r.app.Pages[i] = e.route
	}
	return r.app, r.entries, r.problems
}

// read checks the syntax of the whole file first: json.Unmarshal reports
// the offset of a syntax error in the file, where a Decoder's offsets are
// relative to the value it was reading. The token walk after it then meets
// only well-formed JSON, so its errors are not expected.
func (r *appJSONReader) read() error {
	if err := json.Unmarshal(r.data, new(json.RawMessage)); err != nil {
		r.syntaxError(err)
		return nil
	}
	tok, err := r.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		r.problems = append(r.problems, Problem{appJSONPath, r.valueLine(0), "must be a JSON object"})
		return nil
	}
	sawPages := false
	for r.dec.More() {
		key, err := r.dec.Token()
		if err != nil {
			return err
		}
		var raw json.RawMessage
		if err := r.dec.Decode(&raw); err != nil {
			return err
		}
		start := int(r.dec.InputOffset()) - len(raw)
		switch key {
		case "pages":
			sawPages = true
			if err := r.pages(raw, start); err != nil {
				return err
			}
		case "window":
			r.window(raw, r.valueLine(start))
		}
	}
	if !sawPages {
		r.problems = append(r.problems, Problem{appJSONPath, 1, "pages is missing"})
	}
	return nil
}

// pages reads the pages array, which starts at byte start of the file.
func (r *appJSONReader) pages(raw json.RawMessage, start int) error {
	line := r.valueLine(start)
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil || list == nil {
		r.problems = append(r.problems, Problem{appJSONPath, line, "pages must be an array of page routes"})
		return nil
	}
	if len(list) == 0 {
		r.problems = append(r.problems, Problem{appJSONPath, line, "pages is empty; list at least the home page"})
		return nil
	}
	// A decoder over the array alone gives each element's offset.
	r.entries = nil
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // [
		return err
	}
	for i := 0; dec.More(); i++ {
		var elem json.RawMessage
		if err := dec.Decode(&elem); err != nil {
			return err
		}
		elemLine := r.valueLine(start + int(dec.InputOffset()) - len(elem))
		var v any
		if err := json.Unmarshal(elem, &v); err != nil {
			return err
		}
		route, ok := v.(string)
		if !ok {
			r.problems = append(r.problems, Problem{appJSONPath, elemLine, fmt.Sprintf("pages[%d] must be a string, not %s", i, jsonKind(v))})
			continue
		}
		r.entries = append(r.entries, pageEntry{route, elemLine})
	}
	return nil
}

func (r *appJSONReader) window(raw json.RawMessage, line int) {
	err := json.Unmarshal(raw, &r.app.Window)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := "window"
		if te.Field != "" {
			field += "." + te.Field
		}
		r.problems = append(r.problems, Problem{appJSONPath, line, fmt.Sprintf("%s must be %s, not %s", field, goTypeAsJSON(te.Type), te.Value)})
	}
}

// goTypeAsJSON names a Go type by the JSON value that decodes into it.
func goTypeAsJSON(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// jsonKind names the kind of a decoded JSON value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a string"
}

// syntaxError reports malformed JSON at the line of the offending byte.
func (r *appJSONReader) syntaxError(err error) {
	off := int64(len(bytes.TrimRight(r.data, " \t\r\n"))) // for errors that have no offset
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, the offending one included; at the
		// end of input it would point past trailing blank lines.
		off = min(off, se.Offset)
	}
	r.problemAt(off-1, "invalid JSON: "+err.Error())
}

// problemAt reports msg at the line of byte off.
func (r *appJSONReader) problemAt(off int64, msg string) {
	r.problems = append(r.problems, Problem{appJSONPath, r.lineOf(int(off)), msg})
}

// valueLine is the line of the value that starts at or after off, past any
// whitespace and separators before it.
func (r *appJSONReader) valueLine(off int) int {
	for off < len(r.data) && bytes.IndexByte([]byte(" \t\r\n,:"), r.data[off]) >= 0 {
		off++
	}
	return r.lineOf(off)
}

// lineOf is the 1-based line of byte off.
func (r *appJSONReader) lineOf(off int) int {
	off = max(0, min(off, len(r.data)))
	return 1 + bytes.Count(r.data[:off], []byte("\n"))
}
