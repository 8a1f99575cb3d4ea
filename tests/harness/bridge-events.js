// The event stream of both page-side bridges (bridge-client.js, bridge-client-message.js), which
// bridgeScript() (bridge-dispatch.ts) puts in the same scope: main's events come from
// /bridge/events to every subscriber, as window.cuecard.subscribe gives them in the app.
/* global EventSource -- browser script */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the bridge scripts it is installed with
function bridgeEvents() {
  var listeners = new Set();
  var source = new EventSource('/bridge/events');
  source.onmessage = function (message) {
    var event = JSON.parse(message.data);
    listeners.forEach(function (listener) {
      listener(event);
    });
  };
  return function subscribe(listener) {
    listeners.add(listener);
    return function () {
      listeners.delete(listener);
    };
  };
}
