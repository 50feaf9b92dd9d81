package engine

import (
	"miniphone/engine/jsrt"
	"miniphone/engine/wxml"
)

// loadImages fires the load event of the images page p shows, once, after
// the page is ready, as a phone does when their files have been read: a
// start page that moves on from its image's bindload then does so. The
// terminal decodes no image, so the event's width and height are 0.
// Images that a later setData adds get no load event.
func (inst *instance) loadImages(p *jsrt.Page) {
	if inst.top() != p {
		return // the page was left or covered before its images loaded
	}
	var images []wxml.Element
	walk(inst.elements(), nil, func(f found) bool {
		if f.e.Tag == "image" && f.e.Target != nil {
			images = append(images, f.e)
		}
		return true
	})
	for _, img := range images {
		inst.dispatchEvent(img, "load", map[string]any{"width": 0, "height": 0})
	}
}
