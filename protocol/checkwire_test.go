package protocol

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
		FetchTag: "3f2a9c0d11e4b7aa",
	}
	odd := full
	odd.AppID = "quote\" back\\ <tag> & 中文 \x00\x1f\x7f é \u2028"
	odd.MinBase = ""
	for _, c := range []CheckResponse{{}, full, odd, {AppID: "demo", MinBase: "3"}} {
		want, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("AppendJSON\n got %s\nwant %s", got, want)
		}
	}
}
