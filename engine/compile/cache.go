package compile

import (
	"container/list"
	"crypto/sha256"
	"sync"

	"github.com/dop251/goja"
)

// Shared is the cache every phone, the platform and the loader of the
// process share by default.
var Shared = NewCache(DefaultCacheBytes)

// DefaultCacheBytes bounds Shared by the source bytes it holds: several
// packages at WeChat's own limit of 2 MiB, with room for a few versions of
// each.
const DefaultCacheBytes = 64 << 20

// Cache keeps compiled scripts by a digest of their path and content. A
// goja.Program is not tied to a runtime, so one compiled script serves
// every runtime that runs it, at the same time included. It is safe for
// concurrent use; two callers asking for the same script at once compile
// it once.
type Cache struct {
	mu      sync.Mutex
	limit   int
	size    int
	entries map[digest]*entry
	lru     list.List // of digest, most recently used first
	stats   Stats
}

// Stats counts what a cache did.
type Stats struct {
	Compiles int // scripts compiled: each one missed the cache
	Hits     int
}

type digest [sha256.Size]byte

type entry struct {
	ready chan struct{} // closed once prg and err are set
	prg   *goja.Program
	err   error
	size  int
	elem  *list.Element
}

// NewCache returns a cache that drops its least recently used scripts when
// the source bytes it holds pass limit.
func NewCache(limit int) *Cache {
	return &Cache{limit: limit, entries: map[digest]*entry{}}
}

// Script compiles the script at path p with content src, or returns what
// an earlier call compiled from the same path and content. A script that
// does not compile fails with an *Error, and that answer is kept too.
//
// Running the program yields the module function
// (exports, require, module, __filename, __dirname).
func (c *Cache) Script(p string, src []byte) (*goja.Program, error) {
	key := keyOf(p, src)
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.stats.Hits++
		if e.elem != nil {
			c.lru.MoveToFront(e.elem)
		}
		c.mu.Unlock()
		<-e.ready
		return e.prg, e.err
	}
	e := &entry{ready: make(chan struct{}), size: len(src)}
	c.entries[key] = e
	c.stats.Compiles++
	c.mu.Unlock()

	e.prg, e.err = script(p, src)
	close(e.ready)

	c.mu.Lock()
	e.elem = c.lru.PushFront(key)
	c.size += e.size
	for c.size > c.limit && c.lru.Len() > 1 {
		oldest := c.lru.Back()
		k := c.lru.Remove(oldest).(digest)
		c.size -= c.entries[k].size
		delete(c.entries, k)
	}
	c.mu.Unlock()
	return e.prg, e.err
}

// Stats reports what the cache has done so far.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// keyOf digests the path with the content: the path names the program in
// stack traces and its extension chooses the language.
func keyOf(p string, src []byte) digest {
	h := sha256.New()
	h.Write([]byte(p))
	h.Write([]byte{0})
	h.Write(src)
	var d digest
	h.Sum(d[:0])
	return d
}
