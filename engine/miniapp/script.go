package miniapp

import (
	"runtime"
	"sync"
	"testing/fstest"

	"github.com/dop251/goja"

	"miniphone/engine/compile"
)

type compiled struct {
	prg *goja.Program
	err error
}

// compileAll compiles the scripts at paths on every core: a cold load of a
// large project is mostly compiling, and each script compiles alone.
func compileAll(cache *compile.Cache, paths []string, files fstest.MapFS) []compiled {
	out := make([]compiled, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i].prg, out[i].err = cache.Script(paths[i], files[paths[i]].Data)
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
