worker.onMessage(function () {})
