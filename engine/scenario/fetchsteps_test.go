package scenario

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseFetchSteps(t *testing.T) {
	src := `app demo ../apps/demo
fetch-url demo https://x.example/api
prefetch-url demo cloud://env/pre
gray demo https://x.example/gray 0
tester demo u1
data https://x.example/api text "{{token}}"
data https://x.example/big bytes 300000
data https://x.example/bin binary 64
data https://x.example/down status 500
pull-fetch demo
clear-fetch demo
expect fetched demo "{{token}}"
fetch-url demo
fetch-url demo "https://x.example/api"
gray demo https://x.example/gray 101
tester demo
data https://x.example/api json "x"
data https://x.example/api text unquoted
data https://x.example/api bytes -1
data https://x.example/api status many
data "https://x.example/api" text "x"
pull-fetch
clear-fetch demo extra
expect fetched demo unquoted
`
	wantProblems(t, src, []string{
		"t.tape:13: fetch-url: usage: fetch-url APPID URL",
		"t.tape:14: fetch-url: URL must not be quoted",
		`t.tape:15: gray: PERCENT must be a whole number from 0 to 100, got "101"`,
		"t.tape:16: tester: usage: tester APPID USER",
		`t.tape:17: data: unknown kind "json" (want text, bytes, binary or status)`,
		"t.tape:18: data: TEMPLATE must be a double-quoted string",
		`t.tape:19: data: N must be a whole number from 0 to`,
		`t.tape:20: data: CODE must be a whole number from 0 to`,
		"t.tape:21: data: URL must not be quoted",
		"t.tape:22: pull-fetch: usage: pull-fetch APPID",
		"t.tape:23: clear-fetch: usage: clear-fetch APPID",
		"t.tape:24: expect: TEXT must be a double-quoted string",
	})
}

// expect fetched reads the current phone's periodic cache: with none, or
// with other data, the step fails and says what it found.
func TestExpectFetchedFails(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.tape")
	abs, _ := filepath.Abs("../../assets/apps/weather")
	for _, tc := range []struct{ src, want string }{
		{"expect fetched weather \"晴\"\n", `:2: expected the periodic data of weather to contain "晴", got no data`},
		{"fetch-url weather https://x.example/a\ndata https://x.example/a text \"雨\"\npull-fetch weather\nexpect fetched weather \"晴\"\n",
			`:5: expected the periodic data of weather to contain "晴", got "雨"`},
	} {
		if err := os.WriteFile(file, []byte("app weather "+abs+"\n"+tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, failure := runScript(t, file); failure != file+tc.want {
			t.Errorf("failure = %q, want %q", failure, file+tc.want)
		}
	}
}
