// Every tick of the interval loops for ever: each callback holds the
// world's goroutine until the runtime interrupts it.
Page({
  onLoad() {
    setInterval(function () {
      while (true) {}
    }, 10)
  }
})
