package engine

import (
	"reflect"
	"strings"
	"testing"
)

// A field added to what a phone keeps, without a place in WorldState,
// would be lost across runs with --state. This lists the fields Save and
// Restore know of (saved, or left out on purpose: what lives only with a
// running app or a splash screen, and a moment's restart budget), and
// fails when one of these records grows a field: give it a place in
// WorldState, Save and Restore, then add it here.
func TestSaveKnowsEveryField(t *testing.T) {
	for _, tt := range []struct {
		of    any
		known string
	}{
		{Phone{}, "w name user client base network os apps foreground launching retrying launchGen system warnings periodic fetcher clipboard"},
		{appRecord{}, "p appid state inst storage installed pending flight used lastUse known periodicNewer simulate suspendEv destroyEv restarts fetch account exit"},
		{fetchState{}, "token hasToken cache lastSuccess succeeded configured inFlight routes"},
		{fetchCache{}, "data at path query scene"},
		{account{}, "loggedIn loginAt auth"},
		{platformInfo{}, "minBase minVersion preferLocal"},
		{flight{}, "r history watchers progress simulated due"},
		{download{}, "r f info url chunk body stream quarter"},
		{exitRecord{}, "route query strategy state leftMs"},
		{fetchJob{}, "kind pulled started path query scene"},
	} {
		var fields []string
		typ := reflect.TypeOf(tt.of)
		for i := range typ.NumField() {
			fields = append(fields, typ.Field(i).Name)
		}
		if got := strings.Join(fields, " "); got != tt.known {
			t.Errorf("%s has the fields\n  %s\nSave knows\n  %s", typ.Name(), got, tt.known)
		}
	}
}
