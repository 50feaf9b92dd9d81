package miniapp

import (
	"os"
	"reflect"
	"slices"
	"testing"

	"miniphone/engine/compile"
)

// The projects in testdata are written as DevTools users write them; the
// scenarios in engine/scenario/testdata/projects run them on a phone.

func loadTestdata(t *testing.T, name string) *Project {
	t.Helper()
	p, err := Load(os.DirFS("testdata/" + name))
	if err != nil {
		t.Fatalf("Load(%s): %v", name, err)
	}
	return p
}

func TestTypeScriptProject(t *testing.T) {
	p := loadTestdata(t, "typescript")
	for route, want := range map[string]string{"app": "app.ts", "pages/index/index": "pages/index/index.ts"} {
		if got, ok := p.Script(route); !ok || got != want {
			t.Errorf("Script(%q) = %q, %v; want %q", route, got, ok, want)
		}
	}
	if _, ok := p.Program("typings/index.d.ts"); ok {
		t.Error("a declaration file was compiled as a script")
	}
	if got := p.PageTitle("pages/index/index"); got != "购物车" {
		t.Errorf("PageTitle = %q, want the page json's", got)
	}
	if p.Title() != "TS 应用" {
		t.Errorf("Title = %q, want app.json window's", p.Title())
	}
}

func TestPageTitleFallsBackToTheWindow(t *testing.T) {
	p := loadTestdata(t, "esm")
	if got := p.PageTitle("pages/index/index"); got != "ES 模块" {
		t.Errorf("PageTitle = %q, want app.json window's", got)
	}
	m := validProject()
	m["pages/index/index.json"].Data = []byte(`{"navigationBarTitleText": ""}`)
	p, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.PageTitle("pages/index/index"); got != "" {
		t.Errorf("an empty page title is a title: got %q", got)
	}
}

func TestSubpackageProject(t *testing.T) {
	p := loadTestdata(t, "subpackages")
	want := []string{"pages/index/index", "packageA/pages/cat/cat", "packageB/dog/dog"}
	if !slices.Equal(p.Pages, want) || !slices.Equal(p.AppJSON.Pages, want[:1]) {
		t.Errorf("Pages %q, app.json pages %q", p.Pages, p.AppJSON.Pages)
	}
	subs := p.AppJSON.Subpackages
	if len(subs) != 2 || subs[0].Root != "packageA" || subs[0].Name != "cats" || subs[1].Root != "packageB" || !subs[1].Independent {
		t.Errorf("subpackages %+v", subs)
	}
	if p.Home() != "pages/index/index" || p.PageTitle("packageA/pages/cat/cat") != "猫的分包" {
		t.Errorf("Home %q, cat's title %q", p.Home(), p.PageTitle("packageA/pages/cat/cat"))
	}
	if _, err := p.Resolve("packageB/dog/dog.js", "../../utils/shared", false); err == nil {
		t.Error("an independent subpackage reached the main package")
	}
}

func TestEntryPagePath(t *testing.T) {
	m := validProject()
	m["app.json"].Data = []byte(`{"pages": ["pages/index/index", "pages/logs/index"], "entryPagePath": "pages/logs/index"}`)
	p, err := Load(m)
	if err != nil || p.Home() != "pages/logs/index" {
		t.Fatalf("Home = %v, %v", p, err)
	}
	m["app.json"].Data = []byte("{\"pages\": [\"pages/index/index\"],\n\"entryPagePath\": \"pages/nope\"}")
	want := []string{`app.json:2: entryPagePath "pages/nope" is not a page of the project`}
	if got := loadProblems(t, m); !reflect.DeepEqual(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}

// A known key of the wrong type is refused at its line, in app.json, a
// page's json and a component's; keys miniphone does not know are not.
func TestBadConfigProject(t *testing.T) {
	want := []string{
		"app.json:4: window.navigationBarTitleText must be a string, not a number",
		"app.json:5: window.enablePullDownRefresh must be a boolean, not a string",
		"app.json:9: tabBar.list[0].text must be a string, not a boolean",
		`app.json:10: tabBar.list[1].pagePath "pages/gone/index" is not one of pages`,
		`app.json:13: resolveAlias["@/*"]: key and path must both end with /* or neither`,
		"app.json:14: lazyCodeLoading must be a string, not a boolean",
		"app.json:15: subpackages must be an array, not an object",
		"components/card/card.json:2: component must be a boolean, not a string",
		"pages/index/index.json:2: navigationBarTitleText must be a string, not an array",
		`pages/index/index.json:5: usingComponents["broken"] must be a string, not a number`,
	}
	if got := loadProblems(t, os.DirFS("testdata/badconfig")); !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n got %q\nwant %q", got, want)
	}
}

func TestIgnoredSummary(t *testing.T) {
	p := loadTestdata(t, "ignored")
	want := Ignored{StyleSheets: 3, Images: 2, Media: 1, Canvases: 1, SkylinePages: 1, Workers: true}
	if got := p.Ignored(); got != want {
		t.Errorf("Ignored = %+v, want %+v", got, want)
	}
	if got, want := p.Ignored().String(), "3 style sheets, 2 images, 1 audio, video or font file, 1 canvas, "+
		"the Skyline renderer of 1 page (drawn as WebView), workers (not run)"; got != want {
		t.Errorf("summary\n got %q\nwant %q", got, want)
	}
	if s := loadTestdata(t, "esm").Ignored().String(); s != "" {
		t.Errorf("a project with nothing left out has the summary %q", s)
	}
}

// Every phone that installs a package, and the platform that checked it,
// share its compiled scripts: loading it again compiles nothing.
func TestLoadSharesCompiledScripts(t *testing.T) {
	cache := compile.NewCache(compile.DefaultCacheBytes)
	first, err := LoadWith(os.DirFS("testdata/typescript"), cache)
	if err != nil {
		t.Fatal(err)
	}
	compiled := cache.Stats().Compiles
	if compiled != 3 {
		t.Errorf("compiled %d scripts, want 3 (app.ts, a page, a util)", compiled)
	}
	second, err := LoadWith(os.DirFS("testdata/typescript"), cache)
	if err != nil {
		t.Fatal(err)
	}
	if got := cache.Stats().Compiles; got != compiled {
		t.Errorf("a second load compiled %d scripts more", got-compiled)
	}
	a, _ := first.Program("app.ts")
	b, _ := second.Program("app.ts")
	if a != b {
		t.Error("the two loads hold different programs for app.ts")
	}
}

func TestSubpackageProblems(t *testing.T) {
	tests := []struct{ appJSON, want string }{
		{`{"pages": ["pages/index/index", "pkg/x"],
"subpackages": [{"root": "pkg", "pages": ["y"]}]}`, `app.json:1: page "pkg/x" is in the folder of subpackage "pkg": list it in that subpackage`},
		{`{"pages": ["pages/index/index"],
"subpackages": [{"pages": ["y"]}]}`, "app.json:2: subpackages[0]: root is missing"},
		{`{"pages": ["pages/index/index"], "subpackages": [
{"root": "../up", "pages": []}]}`, `app.json:2: subpackages[0]: root "../up" must not contain ..`},
		{`{"pages": ["pages/index/index"], "subpackages": [{"root": "a", "pages": []},
{"root": "a/b", "pages": []}]}`, `app.json:2: subpackages[1]: root "a/b" overlaps subpackage "a"`},
		{`{"pages": ["pages/index/index"], "subpackages": [{"root": "a", "pages": [
"/abs"]}]}`, `app.json:2: page "/abs" must not start with /`},
	}
	for _, tt := range tests {
		m := validProject()
		m["app.json"].Data = []byte(tt.appJSON)
		if got := loadProblems(t, m); !slices.Contains(got, tt.want) {
			t.Errorf("problems %q, want %q among them", got, tt.want)
		}
	}
}
