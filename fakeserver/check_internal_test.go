package fakeserver

import "testing"

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
