package engine

import (
	"slices"
	"time"

	"miniphone/engine/wxml"
)

// Snapshot is an immutable picture of the world for a front end. It shares
// nothing mutable with the engine, so it can cross goroutines freely.
type Snapshot struct {
	Elapsed time.Duration // virtual time since the world started
	Now     time.Time     // the phones' wall clock (world epoch + Elapsed)
	Seed    int64
	Phones  []PhoneSnapshot
	Next    []Upcoming // the next due events of interest, earliest first
	Events  int        // how many transcript events exist (read them with World.Transcript)
}

// Upcoming names a future event, for "periodic check in 3h12m".
type Upcoming struct {
	Phone string
	AppID string
	What  string
	In    time.Duration
}

// Screen is what a phone shows.
type Screen int

const (
	ScreenHome   Screen = iota // the list of mini-programs
	ScreenSplash               // a cold start in progress (maybe a synchronous update)
	ScreenPage                 // a mini-program page in the foreground
)

// PhoneSnapshot is one phone as its user sees it.
type PhoneSnapshot struct {
	Name    string
	User    string
	Client  string // WeChat client version
	Base    string // base library version
	Network string // wifi, 4g, 3g, 2g, offline
	OS      string // android or ios
	Screen  Screen
	Apps    []AppSummary // the home screen, in registration order
	Page    *PageView    // when Screen == ScreenPage
	Splash  *SplashView  // when Screen == ScreenSplash
	// SystemModal is a modal of WeChat itself (not of a mini-program), such
	// as the refusal to open an app that needs a newer base library.
	SystemModal *ModalView
}

// AppSummary is one mini-program as the home screen lists it.
type AppSummary struct {
	AppID   string
	Title   string
	State   State
	Version string // installed version ("" if never downloaded)
	Pending string // downloaded version waiting for the next cold start
}

// PageView is the foreground mini-program.
type PageView struct {
	AppID string
	Title string // navigation bar title: the page's wx.setNavigationBarTitle, else app.json's
	// NavFront and NavBackground are the navigation bar's colours from
	// wx.setNavigationBarColor ("" when the page set none); NavLoading
	// its loading indicator.
	NavFront, NavBackground string
	NavLoading              bool
	Version                 string
	Route                   string // e.g. pages/index/index
	Depth                   int    // pages on the stack
	Elements                []wxml.Element
	Modal                   *ModalView
	Toast                   *ToastView
	Download                *Progress   // a background package download of this app, if any
	NavHidden               bool        // navigationStyle custom: the page draws its own bar
	TabBar                  *TabBarView // on a page of app.json's tabBar
}

// SplashView is a cold start that has not reached its first page yet.
type SplashView struct {
	AppID    string
	Title    string
	Message  string
	Download *Progress
}

// ModalView is an open wx.showModal (or system modal), or an open
// wx.showActionSheet: its Items, and Title its alertText.
type ModalView struct {
	Title       string
	Content     string
	ShowCancel  bool
	CancelText  string
	ConfirmText string
	Items       []string // an action sheet's; nil for a modal
}

// Equal reports whether two views show the same modal.
func (m ModalView) Equal(o ModalView) bool {
	return m.Title == o.Title && m.Content == o.Content && m.ShowCancel == o.ShowCancel &&
		m.CancelText == o.CancelText && m.ConfirmText == o.ConfirmText && slices.Equal(m.Items, o.Items)
}

// ToastView is a toast or a loading overlay.
type ToastView struct {
	Title   string
	Icon    string // success, error, loading, none
	Loading bool   // wx.showLoading rather than wx.showToast
}

// Progress is a package download under way.
type Progress struct {
	Version string
	Done    int64
	Total   int64
}

// Fraction is Done/Total in [0,1].
func (p Progress) Fraction() float64 {
	if p.Total <= 0 {
		return 0
	}
	return min(1, float64(p.Done)/float64(p.Total))
}
