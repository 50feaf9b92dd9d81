package tui

import (
	"fmt"
	"strings"

	"miniphone/engine"
	"miniphone/engine/tape"
)

// addPhoneForm asks for a new phone; n numbers its suggested name. The
// empty user means "the phone's name", as in PhoneConfig.
func addPhoneForm(c *Common, n int) *Form {
	return newForm(c, "Add a phone", []field{
		{"name", fmt.Sprintf("phone%d", n)},
		{"user", ""},
		{"client", engine.LatestClient},
		{"base library", engine.LatestBase},
		{"network", "wifi"},
		{"os", engine.Android},
	}, func(v []string) {
		c.Backend.addPhone(phoneConfig(v[0], v[1:]))
	})
}

// editPhoneForm changes a phone's user, versions and network.
func editPhoneForm(c *Common, ps engine.PhoneSnapshot) *Form {
	return newForm(c, "Edit "+ps.Name, []field{
		{"user", ps.User},
		{"client", ps.Client},
		{"base library", ps.Base},
		{"network", ps.Network},
		{"os", ps.OS},
	}, func(v []string) {
		cfg := phoneConfig(ps.Name, v)
		// The scenario's phone step sets up again only the default phone:
		// the edit of another is recorded as a comment, not replayed.
		c.Backend.onPhone(ps.Name, tape.Phone(cfg), func(p *engine.Phone) error { return p.Configure(cfg) })
	})
}

// phoneConfig reads the user, client, base, network and os fields.
func phoneConfig(name string, v []string) engine.PhoneConfig {
	t := strings.TrimSpace
	return engine.PhoneConfig{Name: t(name), User: t(v[0]), Client: t(v[1]), Base: t(v[2]), Network: t(v[3]), OS: t(v[4])}
}
