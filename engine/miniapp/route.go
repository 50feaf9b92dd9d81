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
	switch {
	case route == "":
		return "page route is empty"
	case strings.HasPrefix(route, "/"):
		return fmt.Sprintf("page %q must not start with /", route)
	case slices.Contains(strings.Split(route, "/"), ".."):
		return fmt.Sprintf("page %q must not contain ..", route)
	case path.Ext(route) != "":
		return fmt.Sprintf("page %q must not have a file extension", route)
	case !fs.ValidPath(route):
		return fmt.Sprintf("page %q is not a clean relative path", route)
	}
	return ""
}
