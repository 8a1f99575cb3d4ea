// Served to the page as /harness/bridge.js by the test harness only. It stands in for the
// preload: the same named functions as window.cuecard in the app, forwarded over loopback HTTP
// to the real main-process services, which validate them exactly as the IPC handlers do.
/* global window, fetch, performance, requestAnimationFrame, EventSource, bridgeEvents, __CHANNEL_KEYS__, __LIBRARY_CHANNEL_KEYS__ -- browser script; the placeholders are filled in when served */
(function () {
  'use strict';
  // The overlay bench may have installed the DevTools-protocol bridge (cdp-bridge.ts) already.
  if (window.cuecard) return;
  // The "bridge idle" signal e2e tests wait on instead of a fixed sleep: how many times the page
  // called each function, and idle(), which resolves once no call is in flight and the page has
  // rendered since the last answer came back (two animation frames in which nothing started or
  // ended: React commits the answer's update in a task before the second frame).
  var calls = {};
  var inFlight = 0;
  var changes = 0;
  function tracked(name, call) {
    calls[name] = (calls[name] || 0) + 1;
    inFlight += 1;
    changes += 1;
    var done = function () {
      inFlight -= 1;
      changes += 1;
    };
    var promise = call();
    promise.then(done, done);
    return promise;
  }
  function idle() {
    return new Promise(function (resolve) {
      (function check() {
        var seen = changes;
        requestAnimationFrame(function () {
          requestAnimationFrame(function () {
            if (inFlight === 0 && changes === seen) resolve({ calls: Object.assign({}, calls) });
            else check();
          });
        });
      })();
    });
  }
  Object.defineProperty(window, '__cuecardBridge', { value: Object.freeze({ idle: idle }) });
  var keys = __CHANNEL_KEYS__;
  var api = {};
  keys.forEach(function (key) {
    api[key] = function (request) {
      return tracked(key, function () {
        return post(key, request);
      });
    };
  });
  function post(key, request) {
    // Marks for the overlay bench's per-keystroke breakdown: request sent, answer parsed (with main's own time).
    var query = request && typeof request.query === 'string' ? request.query : null;
    performance.mark('cuecard:bridge-sent', { detail: { key: key, query: query } });
    return fetch('/bridge/' + key, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request === undefined ? null : request),
    }).then(function (response) {
      var timing = /main;dur=([\d.]+)/.exec(response.headers.get('server-timing') || '');
      return response.json().then(function (answer) {
        performance.mark('cuecard:bridge-answered', { detail: { key: key, query: query, mainMs: timing ? Number(timing[1]) : null } });
        return answer;
      });
    });
  }
  api.subscribe = bridgeEvents();
  Object.defineProperty(window, 'cuecard', { value: Object.freeze(api), enumerable: true });
  // The Library's channels (window.cuecardLibrary), sent with the page they come from: main
  // answers them only to /library.html, as it checks the sender frame's URL in the app.
  var page = window.location.pathname === '/library.html' ? 'library' : 'overlay';
  var library = {};
  __LIBRARY_CHANNEL_KEYS__.forEach(function (key) {
    library[key] = function (request) {
      return tracked('library.' + key, function () {
        return fetch('/bridge/library/' + key, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-harness-page': page },
          body: JSON.stringify(request === undefined ? null : request),
        }).then(function (response) {
          return response.json();
        });
      });
    };
  });
  // Main's live refresh events, over their own stream (opened by the first subscriber: main polls only while one is open).
  var libraryListeners = new Set();
  var librarySource = null;
  library.subscribe = function (listener) {
    libraryListeners.add(listener);
    if (librarySource === null) {
      librarySource = new EventSource('/bridge/library/events');
      librarySource.onmessage = function (message) {
        var event = JSON.parse(message.data);
        libraryListeners.forEach(function (l) {
          l(event);
        });
      };
    }
    return function () {
      libraryListeners.delete(listener);
    };
  };
  Object.defineProperty(window, 'cuecardLibrary', { value: Object.freeze(library), enumerable: true });
})();
