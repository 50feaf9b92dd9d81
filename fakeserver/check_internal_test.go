package fakeserver

import (
	"encoding/json"
	"testing"
)

// The hand-written encoder of the check answer must agree with
// encoding/json byte for byte, so that the struct tags stay the contract.
func TestCheckResponseEncodesAsJSONWould(t *testing.T) {
	full := CheckResponse{
		AppID: "demo", Version: "1.2.0", HasUpdate: true, PackageURL: "/cdn/demo/1.2.0.zip",
		SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Size: 1 << 40,
		MinVersion: "1.0.0", MinBase: "2.8.0", PreferLocal: true, BelowMinVersion: true, BaseTooLow: true,
	}
	odd := full
	odd.AppID = "quote\" back\\ <tag> & 中文 \x00\x1f\x7f é \u2028"
	odd.MinBase = ""
	for _, c := range []CheckResponse{{}, full, odd, {AppID: "demo", MinBase: "3"}} {
		want, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.appendJSON(nil); string(got) != string(want) {
			t.Errorf("appendJSON\n got %s\nwant %s", got, want)
		}
	}
}

func TestParseCheckQuery(t *testing.T) {
	tests := []struct {
		raw  string
		want checkQuery
		err  bool
	}{
		{"appid=demo&version=1.0.0&user=u1&base=3.6.0&client=8.0.50", checkQuery{"demo", "1.0.0", "u1", "3.6.0"}, false},
		{"user=%E5%BC%A0+%E4%B8%89&appid=a&appid=b", checkQuery{appid: "a", user: "张 三"}, false},
		{"appid&version=&=x&&", checkQuery{}, false},
		{"user=%zz", checkQuery{}, true},
		{"client=%zz&appid=x", checkQuery{appid: "x"}, false}, // ignored parameters are not decoded
	}
	for _, tt := range tests {
		got, err := parseCheckQuery(tt.raw)
		if (err != nil) != tt.err || err == nil && got != tt.want {
			t.Errorf("parseCheckQuery(%q) = %+v, %v; want %+v (error %v)", tt.raw, got, err, tt.want, tt.err)
		}
	}
}
