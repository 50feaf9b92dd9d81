package miniapp

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// checkRoute returns why a page route from app.json is not a usable
// project-relative path without extension, or "" when it is.
func checkRoute(route string) string {
	if route == "" {
		return "page route is empty"
	}
	return checkPath("page", route)
}

// checkPath is checkRoute for any folder or route app.json names, what
// saying which.
func checkPath(what, p string) string {
	switch {
	case strings.HasPrefix(p, "/"):
		return fmt.Sprintf("%s %q must not start with /", what, p)
	case slices.Contains(strings.Split(p, "/"), ".."):
		return fmt.Sprintf("%s %q must not contain ..", what, p)
	case path.Ext(p) != "":
		return fmt.Sprintf("%s %q must not have a file extension", what, p)
	case !fs.ValidPath(p):
		return fmt.Sprintf("%s %q is not a clean relative path", what, p)
	}
	return ""
}
