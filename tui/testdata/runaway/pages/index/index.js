// Every tick of the interval loops for ever: each callback holds the
// world's goroutine until the runtime interrupts it. Ticks are half a
// minute apart, so the phone never sees three overruns within a minute
// and keeps the app: only the user can stop it.
Page({
  onLoad() {
    setInterval(function () {
      while (true) {}
    }, 30000)
  }
})
