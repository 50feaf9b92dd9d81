package miniapp

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"testing/fstest"
)

// Ignored counts what a project has that miniphone does not draw or run.
// None of it refuses a project; the counts tell the developer what the
// terminal leaves out, without a line per file.
type Ignored struct {
	StyleSheets int // .wxss, and the .scss/.less/... that DevTools' plugins compile to it
	Images      int
	Media       int // audio, video and fonts
	Canvases    int // <canvas> elements in the WXML
	// SkylinePages is how many pages ask for the Skyline renderer (all of
	// them when app.json does); they are drawn as any other page.
	SkylinePages int
	Workers      bool
}

// extKinds sorts the files miniphone does not use by what they are.
var extKinds = map[string]string{}

func init() {
	for kind, exts := range map[string][]string{
		"style": {".wxss", ".css", ".scss", ".sass", ".less", ".styl"},
		"image": {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".ico"},
		"media": {".mp3", ".wav", ".aac", ".m4a", ".mp4", ".mov", ".ttf", ".otf", ".woff", ".woff2", ".eot"},
	} {
		for _, ext := range exts {
			extKinds[ext] = kind
		}
	}
}

// canvasTag finds a canvas element's opening tag.
var canvasTag = regexp.MustCompile(`<canvas[\s/>]`)

// wxmlComment is cut before counting, so that a commented-out canvas does
// not count.
var wxmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)

func survey(files fstest.MapFS, app *AppJSON, routes []string, pages map[string]PageJSON) Ignored {
	var ig Ignored
	for p, f := range files {
		switch ext := strings.ToLower(path.Ext(p)); {
		case extKinds[ext] == "style":
			ig.StyleSheets++
		case extKinds[ext] == "image":
			ig.Images++
		case extKinds[ext] == "media":
			ig.Media++
		case ext == ".wxml":
			ig.Canvases += len(canvasTag.FindAll(wxmlComment.ReplaceAll(f.Data, nil), -1))
		}
	}
	for _, route := range routes {
		r := pages[route].Renderer
		if r == "skyline" || r == "" && app.Renderer == "skyline" {
			ig.SkylinePages++
		}
	}
	ig.Workers = app.Workers != nil
	return ig
}

// String is the summary a transcript shows, "" when nothing was ignored.
func (ig Ignored) String() string {
	var parts []string
	add := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(ig.StyleSheets, "style sheet", "style sheets")
	add(ig.Images, "image", "images")
	add(ig.Media, "audio, video or font file", "audio, video and font files")
	add(ig.Canvases, "canvas", "canvases")
	if ig.SkylinePages > 0 {
		parts = append(parts, fmt.Sprintf("the Skyline renderer of %d %s (drawn as WebView)", ig.SkylinePages, plural(ig.SkylinePages, "page", "pages")))
	}
	if ig.Workers {
		parts = append(parts, "workers (not run)")
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
