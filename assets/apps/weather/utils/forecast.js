// rows turns a body from the developer server into one line per city: a
// JSON array of {city, weather, temp}, or plain text with one forecast per
// line or per ';' (a scenario's template is a single line).
function rows(body) {
  var text = String(body).trim()
  if (text.charAt(0) === '[') {
    try {
      return JSON.parse(text).map(function (f) {
        return [f.city, f.weather, f.temp].join(' ')
      })
    } catch (e) {
      // Not JSON after all: show it as text.
    }
  }
  return text.split(/[\n;]/).map(function (s) { return s.trim() }).filter(function (s) { return s !== '' })
}

// stamp writes a timeStamp (ms) as China time, MM-DD HH:mm. It uses the
// UTC getters on a shifted date so that it does not depend on the
// timezone of the machine running the emulator.
function stamp(ms) {
  var d = new Date(ms + 8 * 3600 * 1000)
  function two(n) { return (n < 10 ? '0' : '') + n }
  return two(d.getUTCMonth() + 1) + '-' + two(d.getUTCDate()) + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes())
}

module.exports = { rows: rows, stamp: stamp }
