package miniapp

// The configuration of a project, as DevTools reads it: each struct is
// both what miniphone keeps and the schema a file is checked against
// (engine/jsondoc): a known key whose value has the wrong type is a
// problem at its line; keys not named here are ignored.

// AppJSON is app.json.
type AppJSON struct {
	Pages         []string `json:"pages"`
	EntryPagePath string   `json:"entryPagePath"`
	Window        Window   `json:"window"`
	TabBar        *TabBar  `json:"tabBar"`
	// Subpackages are those of "subpackages" and of the older spelling
	// "subPackages", which WeChat still reads.
	Subpackages     []Subpackage      `json:"subpackages"`
	SubPackagesOld  []Subpackage      `json:"subPackages"`
	ResolveAlias    map[string]string `json:"resolveAlias"`
	UsingComponents map[string]string `json:"usingComponents"`
	Plugins         map[string]Plugin `json:"plugins"`
	// lazyCodeLoading ("requiredComponents") changes when code is
	// injected, not what it does; miniphone runs code as it is required.
	LazyCodeLoading    string `json:"lazyCodeLoading"`
	Renderer           string `json:"renderer"` // "webview" or "skyline"; both are drawn alike
	ComponentFramework string `json:"componentFramework"`
	Style              string `json:"style"`
	SitemapLocation    string `json:"sitemapLocation"`
	// Workers is a folder, or {"path", "isSubpackage"}; workers are not run.
	Workers any  `json:"workers"`
	Debug   bool `json:"debug"`
}

// Window is app.json's window: the defaults of every page.
type Window struct {
	NavigationBarTitleText       string  `json:"navigationBarTitleText"`
	NavigationStyle              string  `json:"navigationStyle"` // "custom" hides the navigation bar
	NavigationBarBackgroundColor string  `json:"navigationBarBackgroundColor"`
	NavigationBarTextStyle       string  `json:"navigationBarTextStyle"`
	BackgroundColor              string  `json:"backgroundColor"`
	BackgroundTextStyle          string  `json:"backgroundTextStyle"`
	EnablePullDownRefresh        bool    `json:"enablePullDownRefresh"`
	OnReachBottomDistance        float64 `json:"onReachBottomDistance"`
	PageOrientation              string  `json:"pageOrientation"`
	RestartStrategy              string  `json:"restartStrategy"`
}

// TabBar is app.json's tabBar.
type TabBar struct {
	Custom          bool      `json:"custom"` // a custom-tab-bar component draws it
	Color           string    `json:"color"`
	SelectedColor   string    `json:"selectedColor"`
	BackgroundColor string    `json:"backgroundColor"`
	BorderStyle     string    `json:"borderStyle"`
	Position        string    `json:"position"`
	List            []TabItem `json:"list"`
}

// TabItem is one tab.
type TabItem struct {
	PagePath         string `json:"pagePath"`
	Text             string `json:"text"`
	IconPath         string `json:"iconPath"`
	SelectedIconPath string `json:"selectedIconPath"`
}

// Subpackage is a folder of pages WeChat downloads when one of them is
// first opened; its pages are addressed as Root + "/" + page.
type Subpackage struct {
	Root        string            `json:"root"`
	Name        string            `json:"name"`
	Pages       []string          `json:"pages"`
	Independent bool              `json:"independent"` // runs without the main package
	Plugins     map[string]Plugin `json:"plugins"`
}

// Plugin is a plugin the project uses; its components render as their
// children.
type Plugin struct {
	Version  string `json:"version"`
	Provider string `json:"provider"`
}

// PageJSON is a page's or a component's .json. A page's window keys sit at
// its top level and override app.json's window.
type PageJSON struct {
	// NavigationBarTitleText is nil when the page does not set it.
	NavigationBarTitleText       *string           `json:"navigationBarTitleText"`
	NavigationStyle              string            `json:"navigationStyle"`
	NavigationBarBackgroundColor string            `json:"navigationBarBackgroundColor"`
	NavigationBarTextStyle       string            `json:"navigationBarTextStyle"`
	BackgroundColor              string            `json:"backgroundColor"`
	EnablePullDownRefresh        bool              `json:"enablePullDownRefresh"`
	DisableScroll                bool              `json:"disableScroll"`
	RestartStrategy              string            `json:"restartStrategy"`
	Renderer                     string            `json:"renderer"`
	UsingComponents              map[string]string `json:"usingComponents"`
	Component                    bool              `json:"component"`
	StyleIsolation               string            `json:"styleIsolation"`
	ComponentPlaceholder         map[string]string `json:"componentPlaceholder"`
	// ComponentGenerics values are true or {"default": path}.
	ComponentGenerics map[string]any `json:"componentGenerics"`
}
