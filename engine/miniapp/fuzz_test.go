package miniapp

import (
	"errors"
	"testing"
)

func FuzzLoadAppJSON(f *testing.F) {
	for _, s := range []string{
		`{"pages": ["pages/index/index"]}`,
		`{"pages": ["pages/index/index", "pages/logs/index"], "window": {"navigationBarTitleText": "标题"}}`,
		"{\n\"pages\": [\n\"pages/index/index\",\n]\n}",
		`{"pages": []}`,
		`{"pages": [1, null, {}, []]}`,
		`{"pages": ["../x", "/x", "x.js", "", "a//b"]}`,
		`{"window": 3}`,
		`[]`,
		`{"pages": ["pages/index/index"]} {}`,
		`{"pages": ["pages/index/index"], "pages": ["pages/logs/index"]}`,
		"",
		`{"pages": ["pages/\u0000"]}`,
		`{"pages": ["pages/index/index"], "subpackages": [{"root": "pages", "pages": ["logs/index"]}]}`,
		`{"pages": ["pages/index/index"], "subPackages": [{"root": "/a/", "pages": ["b", 1]}, 2], "subpackages": null}`,
		`{"pages": ["pages/index/index"], "tabBar": {"list": [{"pagePath": "pages/index/index"}, 3, {"text": 1}]}}`,
		`{"pages": ["pages/index/index"], "resolveAlias": {"@/*": "/*", "x": 1, "*": "*"}, "entryPagePath": "pages/logs/index"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, appJSON []byte) {
		m := validProject()
		m["app.json"].Data = appJSON
		p, err := Load(m)
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) == 0 {
				t.Fatalf("error %v (%T) is not a *LoadError with problems", err, err)
			}
			return
		}
		if len(p.Pages) == 0 {
			t.Fatal("loaded a project without pages")
		}
		for _, route := range p.Pages {
			if _, ok := p.Page(route); !ok {
				t.Errorf("page %q has no WXML", route)
			}
			if _, ok := p.Program(route + ".js"); !ok {
				t.Errorf("page %q has no script", route)
			}
		}
	})
}
