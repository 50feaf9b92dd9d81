package scenario

import "testing"

func TestParseRequestSteps(t *testing.T) {
	src := `request https://a.example/goods json "{\"n\":[1,2]}"
request https://a.example/hello text "你好"
request https://a.example/down status 503
request https://a.example/login session
request http://localhost:8080/api json "[]"
request https://a.example/goods json "{nope"
request https://a.example/goods json unquoted
request https://a.example/goods xml "<a/>"
request https://a.example/goods status many
request https://a.example/goods session extra
request https://a.example/goods text
request "https://a.example/goods" text "x"
request ftp://a.example/goods text "x"
request https://a.example/goods?page=1 text "x"
request https://a.example/goods
request https://a.example/goods "json" "{}"
`
	wantProblems(t, src, []string{
		"t.tape:6: request: BODY is not JSON: invalid character 'n'",
		"t.tape:7: request: BODY must be a double-quoted string",
		`t.tape:8: request: unknown kind "xml" (want json, text, status or session)`,
		`t.tape:9: request: CODE must be a whole number from 0 to`,
		"t.tape:10: request: usage: request URL json",
		"t.tape:11: request: usage: request URL json",
		"t.tape:12: request: URL must not be quoted",
		`t.tape:13: request: URL "ftp://a.example/goods" must be https://HOST/PATH or http://HOST/PATH`,
		`t.tape:14: request: URL "https://a.example/goods?page=1" must not have a query or fragment`,
		"t.tape:15: request: usage: request URL json",
		"t.tape:16: request: usage: request URL json",
	})
}
