package resolve

import (
	"testing"
)

// pkgOf is a package of the given files; package.json files are readable.
func pkgOf(files map[string]string, alias map[string]string, subs ...Subpackage) *Package {
	return &Package{
		Has: func(p string) bool { _, ok := files[p]; return ok && p != "" },
		ReadFile: func(p string) ([]byte, bool) {
			s, ok := files[p]
			return []byte(s), ok
		},
		Alias:       alias,
		Subpackages: subs,
	}
}

func TestResolve(t *testing.T) {
	files := map[string]string{
		"app.js": "", "config.js": "", "utils/util.js": "", "utils/auth.js": "", "utils/new/util.js": "",
		"lib/index.ts": "", "lib/shop.ts": "", "pages/index/index.ts": "", "pages/index/helper.js": "",
		"pages/index/utils/util.js": "",
		// An npm package at the root, one nearer the page, and a scoped one.
		"miniprogram_npm/apifm-wxapi/index.js":         "",
		"miniprogram_npm/wxbarcode/package.json":       `{"main": "./dist/barcode.js"}`,
		"miniprogram_npm/wxbarcode/dist/barcode.js":    "",
		"miniprogram_npm/broken/package.json":          `{"main": 3}`,
		"miniprogram_npm/broken/index.js":              "",
		"miniprogram_npm/@vant/weapp/dialog/dialog.js": "",
		"miniprogram_npm/@vant/weapp/index.js":         "",
		"pages/miniprogram_npm/apifm-wxapi/index.js":   "",
		"miniprogram_npm/a/index.js":                   "",
		"miniprogram_npm/a/miniprogram_npm/b/index.js": "",
		"miniprogram_npm/b/index.js":                   "",
		"src/x.js":                                     "",
	}
	pkg := pkgOf(files, map[string]string{"@/*": "/*", "~lib/*": "lib/*", "conf": "/config.js", "@utils/*": "/utils/new/*"})
	tests := []struct {
		from, name, want string
	}{
		{"app.js", "./utils/util", "utils/util.js"},
		{"app.js", "./utils/util.js", "utils/util.js"},
		{"app.js", "utils/auth", "utils/auth.js"},
		{"app.js", "config", "config.js"},
		{"app.js", "./lib", "lib/index.ts"},
		{"app.js", "./lib/shop", "lib/shop.ts"},
		{"app.js", "./lib/shop.js", "lib/shop.ts"},
		{"pages/index/index.ts", "./helper", "pages/index/helper.js"},
		{"pages/index/index.ts", "../../utils/util", "utils/util.js"},
		{"pages/index/index.ts", "/utils/auth", "utils/auth.js"},
		{"pages/index/index.ts", "//utils/auth", "utils/auth.js"},
		{"pages/index/index.ts", "/../utils/util", "utils/util.js"},
		// A leading slash is from the folder first, as in WeChat.
		{"pages/index/index.ts", "/utils/util.js", "pages/index/utils/util.js"},
		{"lib/shop.ts", "/index", "lib/index.ts"},
		{"lib/shop.ts", "/config", "config.js"},
		// Bare names: relative first, then npm, then the package root.
		{"utils/auth.js", "util.js", "utils/util.js"},
		{"pages/index/index.ts", "utils/util", "pages/index/utils/util.js"},
		{"pages/index/index.ts", "utils/auth", "utils/auth.js"},
		{"pages/index/index.ts", "apifm-wxapi", "pages/miniprogram_npm/apifm-wxapi/index.js"},
		{"app.js", "apifm-wxapi", "miniprogram_npm/apifm-wxapi/index.js"},
		{"pages/index/index.ts", "wxbarcode", "miniprogram_npm/wxbarcode/dist/barcode.js"},
		{"app.js", "broken", "miniprogram_npm/broken/index.js"},
		{"pages/index/index.ts", "@vant/weapp/dialog/dialog", "miniprogram_npm/@vant/weapp/dialog/dialog.js"},
		{"pages/index/index.ts", "@vant/weapp", "miniprogram_npm/@vant/weapp/index.js"},
		{"miniprogram_npm/a/index.js", "b", "miniprogram_npm/a/miniprogram_npm/b/index.js"},
		{"app.js", "b", "miniprogram_npm/b/index.js"},
		// resolveAlias: the longest key wins; the path is from the root.
		{"pages/index/index.ts", "@/utils/util", "utils/util.js"},
		{"pages/index/index.ts", "@utils/util", "utils/new/util.js"},
		{"pages/index/index.ts", "~lib/shop", "lib/shop.ts"},
		{"pages/index/index.ts", "conf", "config.js"},
	}
	for _, tt := range tests {
		got, err := pkg.Resolve(tt.from, tt.name, false)
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", tt.from, tt.name, got, err, tt.want)
		}
	}
}

func TestResolveFailures(t *testing.T) {
	pkg := pkgOf(map[string]string{"app.js": "", "utils/a.js": "", "app.json": ""}, nil)
	tests := []struct {
		from, name, want string
	}{
		{"app.js", "", "empty module name"},
		{"app.js", "../secret", `"../secret" is outside the mini-program package`},
		{"utils/a.js", "./../../secret", `"./../../secret" is outside the mini-program package`},
		{"utils/a.js", "../../x", `"../../x" is outside the mini-program package`},
		{"utils/a.js", "x/../../../y", `"x/../../../y" is outside the mini-program package`},
		{"app.js", "./nope", `"./nope" is not defined: the package has no nope(.js|.ts|/index.js|/index.ts)`},
		{"app.js", "./app.json", `"./app.json" is not defined: the package has no app.json(.js|.ts|/index.js|/index.ts)`},
		{"utils/a.js", "/nope.js", `"/nope.js" is not defined: the package has no nope.js(.js|.ts|/index.js|/index.ts)`},
		{"utils/a.js", "lodash", `"lodash" is not defined: the package has no utils/lodash(.js|.ts|/index.js|/index.ts), miniprogram_npm/lodash in utils or a folder above it, lodash(.js|.ts|/index.js|/index.ts)`},
	}
	for _, tt := range tests {
		got, err := pkg.Resolve(tt.from, tt.name, false)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want error %s", tt.from, tt.name, got, err, tt.want)
		}
	}
}

func TestSubpackages(t *testing.T) {
	files := map[string]string{
		"app.js": "", "utils/u.js": "",
		"packageA/pages/cat.js": "", "packageA/util.js": "",
		"packageB/pages/dog.js": "", "packageB/util.js": "",
		"indie/pages/solo.js": "", "indie/util.js": "",
		"packageAB/x.js": "",
	}
	pkg := pkgOf(files, map[string]string{"@b/*": "/packageB/*"},
		Subpackage{Root: "packageA"}, Subpackage{Root: "packageB"}, Subpackage{Root: "indie", Independent: true})
	tests := []struct {
		from, name string
		async      bool
		want       string // the error, or the path after "ok "
	}{
		{"packageA/pages/cat.js", "../util", false, "ok packageA/util.js"},
		{"packageA/pages/cat.js", "/utils/u", false, "ok utils/u.js"},
		{"app.js", "./packageAB/x", false, "ok packageAB/x.js"},
		{"app.js", "./packageA/util", false, `"./packageA/util" is in subpackage packageA, which the main package cannot require synchronously: use require.async`},
		{"app.js", "./packageA/util", true, "ok packageA/util.js"},
		{"packageA/pages/cat.js", "@b/util", false, `"@b/util" is in subpackage packageB, which subpackage packageA cannot require synchronously: use require.async`},
		{"packageA/pages/cat.js", "../../packageB/util", true, "ok packageB/util.js"},
		{"indie/pages/solo.js", "../util", false, "ok indie/util.js"},
		{"indie/pages/solo.js", "/utils/u", false, `"/utils/u" is in the main package, which the independent subpackage indie runs without`},
		{"indie/pages/solo.js", "/utils/u", true, `"/utils/u" is in the main package, which the independent subpackage indie runs without`},
		{"indie/pages/solo.js", "/packageA/util", true, "ok packageA/util.js"},
		{"app.js", "./indie/util", false, `"./indie/util" is in subpackage indie, which the main package cannot require synchronously: use require.async`},
	}
	for _, tt := range tests {
		got, err := pkg.Resolve(tt.from, tt.name, tt.async)
		res := "ok " + got
		if err != nil {
			res = err.Error()
		}
		if res != tt.want {
			t.Errorf("Resolve(%q, %q, async %v)\n got %s\nwant %s", tt.from, tt.name, tt.async, res, tt.want)
		}
	}
}

func TestCheckAlias(t *testing.T) {
	tests := []struct{ key, value, want string }{
		{"@/*", "/*", ""},
		{"~/utils/*", "utils/*", ""},
		{"conf", "/config.js", ""},
		{"@/*", "/src", "key and path must both end with /* or neither"},
		{"@", "/src/*", "key and path must both end with /* or neither"},
		{"@/*/x/*", "/*/x/*", "* may only end the key and the path, after a /"},
		{"a*", "b*", "* may only end the key and the path, after a /"},
		{"@/*", "./src/*", "the path is from the package root and must not start with . or .."},
		{"", "/x", "must map a non-empty name to a non-empty path"},
	}
	for _, tt := range tests {
		if got := CheckAlias(tt.key, tt.value); got != tt.want {
			t.Errorf("CheckAlias(%q, %q) = %q, want %q", tt.key, tt.value, got, tt.want)
		}
	}
}

// Resolve looks at the package once per question: every phone requires
// the same modules of a package that never changes.
func TestResolveRemembers(t *testing.T) {
	looks := 0
	pkg := pkgOf(map[string]string{"utils/util.js": "", "miniprogram_npm/x/package.json": `{"main": "lib.js"}`, "miniprogram_npm/x/lib.js": ""}, nil)
	has := pkg.Has
	pkg.Has = func(p string) bool { looks++; return has(p) }
	for range 3 {
		for _, name := range []string{"../utils/util", "x", "missing"} {
			_, _ = pkg.Resolve("pages/index/index.js", name, false)
		}
	}
	first := looks
	for range 3 {
		for _, name := range []string{"../utils/util", "x", "missing"} {
			_, _ = pkg.Resolve("pages/index/index.js", name, false)
		}
	}
	if looks != first {
		t.Errorf("the package was looked at %d more times for questions already answered", looks-first)
	}
	got, err := pkg.Resolve("pages/index/index.js", "x", false)
	if got != "miniprogram_npm/x/lib.js" || err != nil {
		t.Errorf("a remembered answer changed: %q, %v", got, err)
	}
}
