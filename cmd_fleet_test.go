package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fleetCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = realMain(append([]string{"fleet"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestFleetCommand(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "curve.csv")
	code, out, errOut := fleetCmd("--phones", "3000", "--days", "3", "--seed", "5",
		"--variant", "no-periodic=periodic:off", "--variant", "tenth=rollout:10", "--csv", csv)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{
		"3000 phones × 3 days, seed 5",
		"no-periodic              rollout 100%, no 24-hour check",
		"coverage: % of the phones opening the app that run the new version",
		"base: coverage by path, stacked",
		"tenth: coverage by path, stacked",
		"最差情况下",
		"CSV: " + csv,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); !strings.HasPrefix(string(data), "variant,hour,") || lines != 1+3*72 {
		t.Errorf("the CSV has %d lines:\n%.200s", lines, data)
	}
}

// A bad flag is an error that says which, exit status 2, and nothing
// written.
func TestFleetRefusesBadFlags(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "curve.csv")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--phones", "0"}, "phones: 0, want 1 to 10000000"},
		{[]string{"--phones", "10000001"}, "phones"},
		{[]string{"--days", "91"}, "days: 91"},
		{[]string{"--mix", "daily=50"}, "--mix: the shares add up to 50%"},
		{[]string{"--mix", "hourly=100"}, `unknown name "hourly"`},
		{[]string{"--networks", "5g=100"}, `--networks: "5g=100": unknown name "5g"`},
		{[]string{"--old-clients", "101"}, "--old-clients: 101"},
		{[]string{"--rollout", "-1"}, "--rollout: -1"},
		{[]string{"--package-kb", "0"}, "--package-kb: 0"},
		{[]string{"--variant", "x"}, "--variant"},
		{[]string{"--variant", "x=rollout:200"}, "not a percentage"},
		{[]string{"--variant", "base=periodic:off"}, `variant "base" is named twice`},
		{[]string{"--phones", "many"}, "invalid value"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"--csv", filepath.Join(dir, "missing", "c.csv")}, "no such folder"},
	} {
		args := tc.args
		if args[0] != "--csv" {
			args = append(args, "--csv", csv)
		}
		code, out, errOut := fleetCmd(args...)
		if code != exitBadArgs || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q", tc.args, code, out, errOut, tc.want)
		}
		if _, err := os.Stat(csv); !os.IsNotExist(err) {
			t.Fatalf("%v: the CSV was written", tc.args)
		}
	}
}

func TestFleetHelp(t *testing.T) {
	code, _, errOut := fleetCmd("-h")
	if code != exitOK {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"usage: miniphone fleet", "weekly  about 1 visit a week", "periodic:on|off", "-old-clients PCT"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the help lacks %q:\n%s", want, errOut)
		}
	}
}
