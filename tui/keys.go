package tui

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key of the TUI, in one place. A key may mean different
// things in different places (enter opens an app, taps a button, answers a
// modal); each meaning is its own binding so that the help a component
// shows names exactly what the key does there.
type KeyMap struct {
	// Anywhere, unless a form is open.
	Quit, Help, FocusPhone, FocusConsole, FocusLog key.Binding
	PrevPhone, NextPhone                           key.Binding
	Record, Expect                                 key.Binding

	// Time.
	Pause, Faster, Slower           key.Binding
	Jump1h, Jump12h, Jump1d, Jump7d key.Binding

	// The phone: home screen and page.
	Up, Down, NextButton, PrevButton key.Binding
	Open, Tap, Leave                 key.Binding
	Back, NextTab, Adjust, TypeText  key.Binding
	PageDownPhone, PageUpPhone       key.Binding
	// On an input every printable key is text: its footer shows these
	// instead of keys that would be typed.
	EraseText, ConfirmText, QuitTyping key.Binding
	Kill, MemoryWarning, Network       key.Binding
	SimulateUpdate, SimulateFailure    key.Binding
	PullFetch, ClearFetch              key.Binding
	AddPhone, EditPhone                key.Binding

	// A modal on the phone.
	Choose, Answer, CancelModal key.Binding

	// The platform console.
	PublishPatch, PublishMinor, Rollback, Rollout key.Binding
	MinVersion, MinBase, PreferLocal              key.Binding
	NextFault, PrevFault                          key.Binding
	FetchURL, PrefetchURL, Gray, Tester, DevData  key.Binding
	DevRequest, Fleet                             key.Binding

	// The fleet view.
	CloseFleet key.Binding

	// The timeline, and keeping the world (--state).
	Timeline, JumpNext, CloseTimeline, SaveState key.Binding

	// The event log.
	ScrollUp, ScrollDown, PageUp, PageDown, Top, Bottom key.Binding
	ScrollLeft, ScrollRight                             key.Binding
	FilterPhone, FilterApp, ClearFilter                 key.Binding
	Search, NextMatch, PrevMatch, FilterKind, SaveLog   key.Binding

	// A form.
	Submit, CancelForm, NextField, PrevField, ClearField key.Binding

	// Closing the help.
	CloseHelp key.Binding

	// Playing a scenario (miniphone play).
	PlayNext, PlayRun, PlayBack, PlayFaster, PlaySlower key.Binding
}

// DefaultKeyMap returns the TUI's keys.
func DefaultKeyMap() *KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return &KeyMap{
		Quit:         b("q/ctrl+c", "quit", "q", "ctrl+c"),
		Help:         b("?", "all keys", "?"),
		FocusPhone:   b("1", "phone", "1"),
		FocusConsole: b("2", "console", "2"),
		FocusLog:     b("3", "log", "3"),
		PrevPhone:    b("[", "prev phone", "["),
		NextPhone:    b("]", "next phone", "]"),
		Record:       b("ctrl+r", "record on/off", "ctrl+r"),
		Expect:       b("E", "record an expectation", "E"),

		Pause:   b("space", "pause/run", " "),
		Faster:  b("+", "faster", "+", "="),
		Slower:  b("-", "slower", "-", "_"),
		Jump1h:  b("h", "+1h", "h"),
		Jump12h: b("H", "+12h", "H"),
		Jump1d:  b("d", "+1d", "d"),
		Jump7d:  b("w", "+7d", "w"),

		Up:              b("↑/k", "up", "up", "k"),
		Down:            b("↓/j", "down", "down", "j"),
		NextButton:      b("tab/↓", "next button", "tab", "down", "j"),
		PrevButton:      b("shift+tab/↑", "prev button", "shift+tab", "up", "k"),
		Open:            b("enter", "open", "enter"),
		Tap:             b("enter", "tap", "enter"),
		Leave:           b("esc", "home (◎)", "esc"),
		Back:            b("b/⌫", "back", "b", "backspace"),
		NextTab:         b("t", "next tab", "t"),
		PageDownPhone:   b("pgdn", "scroll page down", "pgdown"),
		PageUpPhone:     b("pgup", "scroll page up", "pgup"),
		Adjust:          b("←/→", "picker/slider/swiper", "left", "right"),
		TypeText:        b("a-z…", "type into an input", ""), // no keys: on an input every printable key is text
		EraseText:       b("⌫", "erase", ""),
		ConfirmText:     b("enter", "confirm", ""),
		QuitTyping:      b("ctrl+c", "quit", "ctrl+c"),
		Kill:            b("x", "kill app", "x"),
		MemoryWarning:   b("m", "memory warning", "m"),
		Network:         b("n", "network", "n"),
		SimulateUpdate:  b("u", "simulate update", "u"),
		SimulateFailure: b("U", "simulate failed update", "U"),
		PullFetch:       b("f", "pull periodic data now", "f"),
		ClearFetch:      b("c", "clear fetch cache", "c"),
		AddPhone:        b("a", "add phone", "a"),
		EditPhone:       b("e", "edit phone", "e"),

		Choose:      b("←/→/tab", "choose", "left", "right", "tab", "shift+tab"),
		Answer:      b("enter", "answer", "enter"),
		CancelModal: b("esc", "cancel", "esc"),

		PublishPatch: b("p", "publish patch", "p"),
		PublishMinor: b("P", "publish minor", "P"),
		Rollback:     b("r", "roll back", "r"),
		Rollout:      b("o", "rollout %", "o"),
		MinVersion:   b("v", "min version", "v"),
		MinBase:      b("b", "min base lib", "b"),
		PreferLocal:  b("l", "prefer local", "l"),
		NextFault:    b("→/enter", "next fault", "right", "enter"),
		PrevFault:    b("←", "prev fault", "left"),
		FetchURL:     b("f", "data URL", "f"),
		PrefetchURL:  b("F", "pre-fetch URL", "F"),
		Gray:         b("g", "gray URL %", "g"),
		Tester:       b("t", "add tester", "t"),
		DevData:      b("a", "dev server answer", "a"),
		DevRequest:   b("R", "wx.request answer", "R"),
		Fleet:        b("s", "fleet curve", "s"),

		CloseFleet: b("esc", "close", "esc"),

		Timeline:      b("T", "timeline", "T"),
		JumpNext:      b("enter/n", "timeline: next event", "enter", "n"),
		CloseTimeline: b("esc/T", "close", "esc", "T"),
		SaveState:     b("S", "save (--state)", "S"),

		ScrollUp:    b("↑/k", "up", "up", "k"),
		ScrollDown:  b("↓/j", "down", "down", "j"),
		PageUp:      b("pgup", "page up", "pgup", "b"),
		PageDown:    b("pgdn", "page down", "pgdown", "f"),
		Top:         b("g", "top", "g", "home"),
		Bottom:      b("G", "bottom (follow)", "G", "end"),
		ScrollLeft:  b("←", "scroll left", "left"),
		ScrollRight: b("→", "read long lines", "right"),
		FilterPhone: b("p", "filter phone", "p"),
		FilterApp:   b("a", "filter app", "a"),
		ClearFilter: b("c", "clear filters", "c"),
		Search:      b("/", "search", "/"),
		NextMatch:   b("n", "next match", "n"),
		PrevMatch:   b("N", "previous match", "N"),
		FilterKind:  b("K", "filter kind", "K"),
		SaveLog:     b("W", "save transcript", "W"),

		Submit:     b("enter", "apply", "enter"),
		CancelForm: b("esc", "cancel", "esc"),
		NextField:  b("tab/↓", "next field", "tab", "down"),
		PrevField:  b("shift+tab/↑", "prev field", "shift+tab", "up"),
		ClearField: b("ctrl+u", "clear field", "ctrl+u"),

		CloseHelp: b("esc/?", "close", "esc", "?"),

		PlayNext:   b("n", "next step", "n"),
		PlayRun:    b("space", "run/pause", " "),
		PlayBack:   b("p", "step back", "p"),
		PlayFaster: b("+", "shorter delay", "+", "="),
		PlaySlower: b("-", "longer delay", "-", "_"),
	}
}

// globalKeys are the keys every footer ends with.
func (k *KeyMap) globalKeys() []key.Binding {
	return []key.Binding{k.Pause, k.Jump1h, k.Help, k.Quit}
}

// timeKeys are the keys of the clock, for the full help.
func (k *KeyMap) timeKeys() []key.Binding {
	return []key.Binding{k.Pause, k.Faster, k.Slower, k.Jump1h, k.Jump12h, k.Jump1d, k.Jump7d, k.Timeline, k.SaveState}
}

// windowKeys are the keys that move between panels and phones.
func (k *KeyMap) windowKeys() []key.Binding {
	return []key.Binding{k.FocusPhone, k.FocusConsole, k.FocusLog, k.PrevPhone, k.NextPhone, k.Help, k.Quit}
}

// recordKeys are the keys of the recorder.
func (k *KeyMap) recordKeys() []key.Binding {
	return []key.Binding{k.Record, k.Expect}
}

// formKeys are the keys of a form.
func (k *KeyMap) formKeys() []key.Binding {
	return []key.Binding{k.NextField, k.PrevField, k.ClearField, k.Submit, k.CancelForm}
}
