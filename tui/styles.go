package tui

import (
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles are every style the TUI uses, built once: View code only calls
// Render on them. Under an ASCII colour profile (tests, NO_COLOR) the
// colours vanish and the text alone must still say everything, which is
// why focus and selection also have a glyph (▸, a thick border).
type Styles struct {
	Header, HeaderClock, HeaderDim lipgloss.Style

	Border, BorderFocused           lipgloss.Style
	PanelTitle, PanelTitleFocused   lipgloss.Style
	Dim, Bold, Selected, Error, OK  lipgloss.Style
	Notice, NoticeError             lipgloss.Style
	StatusBar, NavBar, Capsule      lipgloss.Style
	Button, ButtonFocused           lipgloss.Style
	ModalTitle, ModalButton         lipgloss.Style
	ModalButtonFocused, ModalBorder lipgloss.Style
	Toast                           lipgloss.Style
	FormLabel, FormLabelFocused     lipgloss.Style
	Cursor                          lipgloss.Style
	HelpKey, HelpDesc, HelpSection  lipgloss.Style

	// Event log lines, by what kind of event they show.
	LogTime, LogError, LogUpdate, LogLifecycle, LogPlatform lipgloss.Style

	// ChartColor: charts tell their series apart by colour. Without
	// colours they do it by the character each series is drawn with.
	ChartColor bool
}

// DefaultStyles builds the TUI's styles.
func DefaultStyles() *Styles {
	s := lipgloss.NewStyle
	accent := lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#07C160"} // WeChat green
	warn := lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#E3B341"}
	red := lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#FF6B6B"}
	blue := lipgloss.AdaptiveColor{Light: "#0969DA", Dark: "#58A6FF"}
	dim := lipgloss.AdaptiveColor{Light: "#6E7781", Dark: "#8B949E"}
	return &Styles{
		Header:      s().Bold(true).Foreground(accent),
		HeaderClock: s().Bold(true),
		HeaderDim:   s().Foreground(dim),

		Border:        s().Foreground(dim),
		BorderFocused: s().Foreground(accent),
		PanelTitle:    s().Foreground(dim),
		// The panel that takes the keys stands out at a glance: the same
		// letter means another thing in another panel.
		PanelTitleFocused: s().Bold(true).Reverse(true).Foreground(accent),
		Dim:               s().Foreground(dim),
		Bold:              s().Bold(true),
		Selected:          s().Reverse(true),
		Error:             s().Foreground(red),
		OK:                s().Foreground(accent),
		Notice:            s().Foreground(warn),
		NoticeError:       s().Bold(true).Foreground(red),

		StatusBar: s().Foreground(dim),
		NavBar:    s().Bold(true),
		Capsule:   s().Foreground(dim),

		Button:        s().Foreground(accent),
		ButtonFocused: s().Reverse(true).Foreground(accent),

		ModalTitle:         s().Bold(true),
		ModalButton:        s().Foreground(dim),
		ModalButtonFocused: s().Bold(true).Reverse(true).Foreground(accent),
		ModalBorder:        s().Foreground(warn),
		Toast:              s().Bold(true),

		FormLabel:        s().Foreground(dim),
		FormLabelFocused: s().Bold(true).Foreground(accent),
		Cursor:           s().Bold(true).Foreground(accent),

		HelpKey:     s().Bold(true).Foreground(accent),
		HelpDesc:    s().Foreground(dim),
		HelpSection: s().Bold(true).Underline(true),

		LogTime:      s().Foreground(dim),
		LogError:     s().Foreground(red),
		LogUpdate:    s().Foreground(warn),
		LogLifecycle: s().Foreground(accent),
		LogPlatform:  s().Foreground(blue),

		ChartColor: lipgloss.ColorProfile() != termenv.Ascii,
	}
}

// newBar is the TUI's progress bar; its callers write the percentage
// where they have room for it.
func newBar() progress.Model {
	return progress.New(progress.WithSolidFill("#07C160"), progress.WithoutPercentage(),
		progress.WithFillCharacters('█', '░'))
}
