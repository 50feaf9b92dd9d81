package miniapp

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// validProject is a small, correct project; tests change a copy of it.
func validProject() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"app.json": file(`{
  "pages": [
    "pages/index/index",
    "pages/logs/index"
  ],
  "window": {"navigationBarTitleText": "演示"},
  "tabBar": {"list": []}
}`),
		"app.js":                 file("App({ onLaunch() {} })\n"),
		"utils/util.js":          file("module.exports = { twice: (n) => n * 2 }\n"),
		"pages/index/index.js":   file("const util = require('../../utils/util.js')\nPage({ data: { n: util.twice(2) } })\n"),
		"pages/index/index.wxml": file("<view>{{n}}</view>\n<button bindtap=\"go\">Go</button>\n"),
		"pages/index/index.json": file("{}"),
		"pages/logs/index.js":    file("Page({})\n"),
		"pages/logs/index.wxml":  file("<view>logs</view>\n"),
		".git/config":            file("[core]"),
		".hidden.js":             file("this is not javascript ((("),
		"pages/.DS_Store":        file("\x00\x01"),
	}
}

func TestLoadValidProject(t *testing.T) {
	p, err := Load(validProject())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	wantPages := []string{"pages/index/index", "pages/logs/index"}
	if !reflect.DeepEqual(p.Pages, wantPages) || !reflect.DeepEqual(p.AppJSON.Pages, wantPages) {
		t.Errorf("Pages = %q, AppJSON.Pages = %q, want %q", p.Pages, p.AppJSON.Pages, wantPages)
	}
	if p.Title() != "演示" {
		t.Errorf("Title = %q", p.Title())
	}
	for _, path := range []string{"app.js", "utils/util.js", "pages/index/index.js", "pages/logs/index.js"} {
		if _, ok := p.Program(path); !ok {
			t.Errorf("Program(%q) missing", path)
		}
	}
	if _, ok := p.Program(".hidden.js"); ok {
		t.Error("a hidden file was compiled")
	}
	root, ok := p.Page("pages/index/index")
	if !ok || len(root.Children) != 2 || root.Children[1].Tag != "button" {
		t.Errorf("Page(pages/index/index) = %v, %v", root, ok)
	}
	if _, ok := p.Page("pages/missing/index"); ok {
		t.Error("Page of an unlisted route")
	}
	var files []string
	fs.WalkDir(p.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	wantFiles := []string{"app.js", "app.json", "pages/index/index.js", "pages/index/index.json",
		"pages/index/index.wxml", "pages/logs/index.js", "pages/logs/index.wxml", "utils/util.js"}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("Files\n got %q\nwant %q", files, wantFiles)
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   []string
	}{
		{"app.json missing", func(m fstest.MapFS) { delete(m, "app.json") },
			[]string{"app.json: file is missing"}},
		{"app.json malformed", setFile("app.json", "{\n  \"pages\": [\n    \"pages/index/index\",\n  ]\n}"),
			[]string{"app.json:4: invalid JSON: invalid character ']' looking for beginning of value"}},
		{"app.json truncated", setFile("app.json", "{\n  \"pages\": [\n    \"pages/index/index\"\n\n"),
			[]string{"app.json:3: invalid JSON: unexpected end of JSON input"}},
		{"app.json string broken by a newline", setFile("app.json", "{\"pages\": [\"pages/index/index\"],\n\"window\": {\"navigationBarTitleText\": \"a\nb\"}}"),
			[]string{"app.json:2: invalid JSON: invalid character '\\n' in string literal"}},
		{"app.json trailing data", setFile("app.json", "{\"pages\": [\"pages/index/index\"]}\n}"),
			[]string{"app.json:2: invalid JSON: invalid character '}' after top-level value"}},
		{"app.json not an object", setFile("app.json", "\n[\"pages/index/index\"]"),
			[]string{"app.json:2: must be a JSON object"}},
		{"pages missing", setFile("app.json", `{"window": {}}`),
			[]string{"app.json:1: pages is missing"}},
		{"pages empty", setFile("app.json", "{\n  \"pages\": []\n}"),
			[]string{"app.json:2: pages is empty; list at least the home page"}},
		{"pages not an array", setFile("app.json", "{\n  \"pages\": \"pages/index/index\"\n}"),
			[]string{"app.json:2: pages must be an array, not a string"}},
		{"page not a string", setFile("app.json", "{\"pages\": [\n  \"pages/index/index\",\n  42,\n  {\"path\": \"x\"}\n]}"),
			[]string{"app.json:3: pages[1] must be a string, not a number", "app.json:4: pages[2] must be a string, not an object"}},
		{"window title not a string", setFile("app.json", "{\"pages\": [\"pages/index/index\"],\n \"window\": {\"navigationBarTitleText\": 1}}"),
			[]string{"app.json:2: window.navigationBarTitleText must be a string, not a number"}},
		{"page with ..", setFile("app.json", "{\"pages\": [\n\"pages/../index\"]}"),
			[]string{`app.json:2: page "pages/../index" must not contain ..`}},
		{"page with leading slash", setFile("app.json", "{\"pages\": [\n\"/pages/index/index\"]}"),
			[]string{`app.json:2: page "/pages/index/index" must not start with /`}},
		{"page with extension", setFile("app.json", "{\"pages\": [\n\"pages/index/index.js\"]}"),
			[]string{`app.json:2: page "pages/index/index.js" must not have a file extension`}},
		{"page empty", setFile("app.json", "{\"pages\": [\n\"\"]}"),
			[]string{`app.json:2: page route is empty`}},
		{"page not clean", setFile("app.json", "{\"pages\": [\n\"pages//index\"]}"),
			[]string{`app.json:2: page "pages//index" is not a clean relative path`}},
		{"page js missing", func(m fstest.MapFS) { delete(m, "pages/logs/index.js") },
			[]string{`app.json:4: page "pages/logs/index": pages/logs/index.js (or .ts) is missing`}},
		{"page wxml missing", func(m fstest.MapFS) { delete(m, "pages/index/index.wxml") },
			[]string{`app.json:3: page "pages/index/index": pages/index/index.wxml is missing`}},
		{"app.js missing", func(m fstest.MapFS) { delete(m, "app.js") },
			[]string{"app.js: file is missing (a project needs app.js or app.ts)"}},
		{"wxml parse error", setFile("pages/logs/index.wxml", "<view>\n  <text>logs</view>\n"),
			[]string{"pages/logs/index.wxml:2: mismatched close tag </view>: <text> opened on line 2 is still open"}},
		{"wxml error in a template, not a page", setFile("templates/card.wxml", "<template name=\"card\">\n  {{price +}}\n</template>\n"),
			[]string{`templates/card.wxml:2: bad expression "{{price +}}": unexpected end of expression`}},
		{"wxml error in a component", setFile("components/tag/tag.wxml", "<view wx:else>x</view>"),
			[]string{"components/tag/tag.wxml:1: wx:else without a preceding wx:if"}},
		{"import of a missing file", setFile("pages/logs/index.wxml", "<view>logs</view>\n<import src=\"/templates/gone.wxml\"/>\n"),
			[]string{`pages/logs/index.wxml:2: <import src="/templates/gone.wxml">: templates/gone.wxml does not exist`}},
		{"wxs syntax error", func(m fstest.MapFS) {
			setFile("pages/logs/index.wxml", "<wxs module=\"u\" src=\"../../utils/u.wxs\"/>\n")(m)
			setFile("utils/u.wxs", "module.exports = {\n  a: ,\n}")(m)
		}, []string{"utils/u.wxs:2: wxs: Unexpected token ,"}},
		{"js syntax error", setFile("utils/util.js", "// helpers\n\nconst k = 2\nconst twice = (n) => n * k +;\nmodule.exports = { twice }\n"),
			[]string{`utils/util.js:4:29: SyntaxError: Unexpected ";"`}},
		{"js syntax error in an unlisted file", setFile("lib/x.js", "let a = 1\nlet a = 2\n"),
			[]string{`lib/x.js:2:5: SyntaxError: The symbol "a" has already been declared`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validProject()
			tt.change(m)
			got := loadProblems(t, m)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLoadReportsAllProblemsTogether(t *testing.T) {
	m := validProject()
	m["app.json"].Data = []byte("{\"pages\": [\n\"pages/index/index\",\n\"pages/gone/index\",\n\"/abs\"]}")
	delete(m, "app.js")
	m["pages/index/index.wxml"].Data = []byte("<view wx:else>x</view>")
	m["pages/index/index.js"].Data = []byte("Page({\n")
	want := []string{
		"app.js: file is missing (a project needs app.js or app.ts)",
		`app.json:3: page "pages/gone/index": pages/gone/index.js (or .ts) is missing`,
		`app.json:3: page "pages/gone/index": pages/gone/index.wxml is missing`,
		`app.json:4: page "/abs" must not start with /`,
		"pages/index/index.js:1: SyntaxError: Expected identifier but found end of file",
		"pages/index/index.wxml:1: wx:else without a preceding wx:if",
	}
	got := loadProblems(t, m)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
	_, err := Load(m)
	if err.Error() != strings.Join(want, "\n") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestLoadBounds(t *testing.T) {
	tooMany := validProject()
	for i := range maxFiles {
		tooMany[fmt.Sprintf("assets/%d/%d.png", i%10, i)] = &fstest.MapFile{}
	}
	tooBig := validProject()
	tooBig["big.txt"] = &fstest.MapFile{Data: make([]byte, maxBytes)}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"too many files", tooMany, ".: project has more than 2000 files"},
		{"too large", tooBig, ".: project is larger than 4194304 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadProblems(t, tt.fsys)
			if !reflect.DeepEqual(got, []string{tt.want}) {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
		})
	}
	// Hidden files do not count against the bounds.
	hidden := validProject()
	hidden[".git/objects/pack"] = &fstest.MapFile{Data: make([]byte, maxBytes)}
	if _, err := Load(hidden); err != nil {
		t.Errorf("hidden files counted: %v", err)
	}
}

func TestLoadSkipsSymlinks(t *testing.T) {
	m := validProject()
	m["pages/link.js"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}
	p, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(p.Files, "pages/link.js"); err == nil {
		t.Error("a symlink was copied into the project")
	}
}

func TestLoadKeepsASnapshot(t *testing.T) {
	m := validProject()
	p, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	m["app.js"].Data = []byte("changed")
	m["utils/util.js"].Data[0] = 'X'
	if data, _ := fs.ReadFile(p.Files, "app.js"); string(data) == "changed" {
		t.Error("Files follows a file replaced after Load")
	}
	if data, _ := fs.ReadFile(p.Files, "utils/util.js"); data[0] == 'X' {
		t.Error("Files shares bytes with the file system it read")
	}
}

func setFile(path, content string) func(fstest.MapFS) {
	return func(m fstest.MapFS) { m[path] = &fstest.MapFile{Data: []byte(content)} }
}

// loadProblems loads fsys, which must fail, and returns its problems as
// strings.
func loadProblems(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	p, err := Load(fsys)
	if err == nil {
		t.Fatalf("Load succeeded with pages %q", p.Pages)
	}
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("error %T %v, want *LoadError", err, err)
	}
	got := make([]string, len(le.Problems))
	for i, p := range le.Problems {
		got[i] = p.String()
	}
	return got
}
