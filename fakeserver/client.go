package fakeserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Client drives a platform's admin API over HTTP: the scenario runner, the
// TUI console and "miniphone --server URL" use it.
type Client struct {
	base  string
	token string
	hc    *http.Client
}

// APIError is a refusal or failure reported by the platform.
type APIError struct {
	Status  int
	Message string // the platform's own explanation
}

func (e *APIError) Error() string { return e.Message }

// NewClient returns a client for the platform at baseURL. token is the
// admin token ("" for a loopback platform); hc nil means http.DefaultClient.
func NewClient(baseURL, token string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimSuffix(baseURL, "/"), token: token, hc: hc}
}

// RegisterApp registers a mini-program; personal marks a personal-entity app.
func (c *Client) RegisterApp(ctx context.Context, appid string, personal bool) (AppState, error) {
	return c.appCall(ctx, "/admin/apps", registerRequest{AppID: appid, Personal: personal})
}

// Publish uploads a package (built by archive.Build) as a new version and
// makes it live for everyone.
func (c *Client) Publish(ctx context.Context, appid, version string, pkg []byte) (AppState, error) {
	var st AppState
	path := appPath(appid, "versions") + "?version=" + url.QueryEscape(version)
	err := c.do(ctx, http.MethodPost, path, packageType, bytes.NewReader(pkg), &st)
	return st, err
}

// Rollback makes one of the 5 latest versions live again.
func (c *Client) Rollback(ctx context.Context, appid, version string) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "rollback"), versionRequest{Version: &version})
}

// SetRollout sets the percentage of phones that get the live version;
// testersFirst gives it to the app's testers whatever the percentage.
func (c *Client) SetRollout(ctx context.Context, appid string, percent int, testersFirst bool) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "rollout"), rolloutRequest{Percent: &percent, TestersFirst: testersFirst})
}

// SetPhase pauses, resumes or reverts the phased release under way.
func (c *Client) SetPhase(ctx context.Context, appid, action string) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "phase"), phaseRequest{Action: action})
}

// SetMinVersion sets the minimum usable version; "" clears it.
func (c *Client) SetMinVersion(ctx context.Context, appid, version string) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "min-version"), versionRequest{Version: &version})
}

// SetMinBase sets the minimum base library; "" clears it.
func (c *Client) SetMinBase(ctx context.Context, appid, version string) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "min-base"), versionRequest{Version: &version})
}

// SetPreferLocal turns "prefer the local version" on or off.
func (c *Client) SetPreferLocal(ctx context.Context, appid string, on bool) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "prefer-local"), onRequest{On: &on})
}

// SetFetchURL sets the periodic data URL.
func (c *Client) SetFetchURL(ctx context.Context, appid, dataURL string) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "fetch-url"), urlRequest{URL: dataURL})
}

// SetPrefetchURL sets the pre-fetch URL.
func (c *Client) SetPrefetchURL(ctx context.Context, appid, dataURL string) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "prefetch-url"), urlRequest{URL: dataURL})
}

// SetGray sets the gray data URL and raises its ratio.
func (c *Client) SetGray(ctx context.Context, appid, grayURL string, percent int) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "gray"), grayRequest{URL: grayURL, Percent: &percent})
}

// AddTester adds a user who always gets the gray data URL.
func (c *Client) AddTester(ctx context.Context, appid, user string) (AppState, error) {
	return c.appCall(ctx, appPath(appid, "tester"), testerRequest{User: user})
}

// SetFault sets the fault of a step: check, cdn or data.
func (c *Client) SetFault(ctx context.Context, step, fault string) error {
	return c.post(ctx, "/admin/faults", faultRequest{Step: step, Fault: fault}, nil)
}

// SetData sets what the fake developer server answers at d.URL. Only the
// field that d.Kind uses is sent.
func (c *Client) SetData(ctx context.Context, d DataConfig) error {
	req := dataRequest{URL: d.URL, Kind: d.Kind}
	switch dataKinds[d.Kind] {
	case "template":
		req.Template = &d.Template
	case "n":
		req.N = &d.N
	case "code":
		req.Code = &d.Code
	}
	return c.post(ctx, "/admin/data", req, nil)
}

// SetRequest sets what the fake developer server answers to wx.request at
// r.URL. Only the field that r.Kind uses is sent.
func (c *Client) SetRequest(ctx context.Context, r RequestConfig) error {
	req := requestRequest{URL: r.URL, Kind: r.Kind}
	switch requestKinds[r.Kind] {
	case "body":
		req.Body = &r.Body
	case "code":
		req.Code = &r.Code
	}
	return c.post(ctx, "/admin/request", req, nil)
}

// State returns everything the platform knows.
func (c *Client) State(ctx context.Context) (State, error) {
	var st State
	err := c.do(ctx, http.MethodGet, "/admin/state", "", nil, &st)
	return st, err
}

// Log returns the logged requests after sequence number since, oldest first.
func (c *Client) Log(ctx context.Context, since int64) ([]LogEntry, error) {
	var page LogPage
	err := c.do(ctx, http.MethodGet, "/admin/log?since="+strconv.FormatInt(since, 10), "", nil, &page)
	return page.Entries, err
}

func appPath(appid, setting string) string {
	return "/admin/apps/" + url.PathEscape(appid) + "/" + setting
}

func (c *Client) appCall(ctx context.Context, path string, in any) (AppState, error) {
	var st AppState
	err := c.post(ctx, path, in, &st)
	return st, err
}

func (c *Client) post(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return c.do(ctx, http.MethodPost, path, jsonType, bytes.NewReader(body), out)
}

// do sends one request and decodes the answer into out (if not nil), or
// turns the platform's JSON error into an *APIError.
func (c *Client) do(ctx context.Context, method, path, contentType string, body io.Reader, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 400 {
		var e errorBody
		if json.Unmarshal(data, &e) != nil || e.Error == "" {
			e.Error = fmt.Sprintf("%s %s: %s", method, path, resp.Status)
		}
		return &APIError{Status: resp.StatusCode, Message: e.Error}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s %s: decoding the answer: %w", method, path, err)
	}
	return nil
}
