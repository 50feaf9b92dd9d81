package fakeserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// The media types of request and answer bodies.
const (
	jsonType    = "application/json"
	packageType = "application/zip"
)

// maxJSONBody bounds an admin request body; the largest legitimate one is a
// text template for the data server.
const maxJSONBody = 1 << 20

// refusal is an error with the HTTP status to answer it with and a message
// meant for a person: a bad request, or a fault the console injected.
type refusal struct {
	status int
	msg    string
}

func (e *refusal) Error() string { return e.msg }

func refuse(status int, format string, args ...any) error {
	return &refusal{status: status, msg: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return refuse(http.StatusBadRequest, format, args...)
}

func notFound(format string, args ...any) error {
	return refuse(http.StatusNotFound, format, args...)
}

func conflict(format string, args ...any) error {
	return refuse(http.StatusConflict, format, args...)
}

// errorBody is the JSON of every refusal and failure.
type errorBody struct {
	Error string `json:"error"`
}

// apiFunc handles a JSON endpoint: it returns the value to answer with, or
// an error. Handlers validate everything before they mutate, so an error
// always means that nothing changed.
type apiFunc func(r *http.Request) (any, error)

// public serves an apiFunc to anyone.
func public(fn apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := fn(r)
		if err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// writeError answers with the refusal's status, or 500 for anything else
// (a bug: handlers only return refusals).
func writeError(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	if r, ok := errors.AsType[*refusal](err); ok {
		status = r.status
	}
	addNote(w, err.Error())
	writeJSON(w, status, errorBody{Error: err.Error()})
}

// writeJSON encodes before writing the header, so that an encoding failure
// can still become a 500. Unlike writeBody it leaves Content-Length to
// net/http, which sets it on small answers by itself and streams large ones.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(errorBody{Error: err.Error()})
	}
	w.Header().Set("Content-Type", jsonType)
	w.WriteHeader(status)
	w.Write(body)
}

// decodeBody reads exactly one JSON object into dst, refusing unknown
// fields so that a misspelt setting is an error rather than silently
// ignored.
func decodeBody(r *http.Request, dst any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxJSONBody+1))
	if err != nil {
		return badRequest("reading the body: %v", err)
	}
	if len(body) > maxJSONBody {
		return refuse(http.StatusRequestEntityTooLarge, "body is larger than %d bytes", maxJSONBody)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return badRequest("body is not the expected JSON: %v", err)
	}
	if len(bytes.TrimSpace(body[dec.InputOffset():])) > 0 {
		return badRequest("body has more than one JSON value")
	}
	return nil
}
