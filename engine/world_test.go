package engine

import (
	"strings"
	"testing"
)

// A phone's name and user are words of transcript lines and scenario
// steps: one with a space is refused, naming the field, and nothing is
// added or changed.
func TestPhoneNamesAreOneWord(t *testing.T) {
	w := NewWorld(Config{})
	if _, err := w.AddPhone(PhoneConfig{Name: "my phone"}); err == nil || !strings.Contains(err.Error(), `name "my phone": one word`) {
		t.Errorf("a name with a space: %v", err)
	}
	if _, ok := w.Phone("my phone"); ok {
		t.Error("the refused phone was added")
	}
	p, err := w.AddPhone(PhoneConfig{Name: "p1", User: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Configure(PhoneConfig{User: "张 三", Client: "x"}); err == nil || !strings.Contains(err.Error(), `user "张 三": one word`) || !strings.Contains(err.Error(), "client") {
		t.Errorf("a user with a space, and a bad client: %v", err)
	}
	if p.user != "张三" {
		t.Errorf("the refused user was taken: %q", p.user)
	}
}
