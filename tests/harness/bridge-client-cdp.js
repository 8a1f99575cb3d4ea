// Installed in the page (as an init script) by tests/harness/cdp-bridge.ts, for the overlay
// bench: the same window.cuecard and window.cuecardLibrary as bridge-client.js, but each call
// leaves the page through a DevTools-protocol binding (Runtime.addBinding) and its answer comes
// back by Runtime.evaluate: one message each way, as close to Electron's ipcRenderer.invoke as
// Chromium allows without Electron. Events (subscribe) still come from /bridge/events.
/* global window, performance, EventSource, __BINDING__, __ANSWER__, __CHANNEL_KEYS__, __LIBRARY_CHANNEL_KEYS__ -- browser script; the placeholders are filled in when installed */
(function () {
  'use strict';
  var binding = window[__BINDING__];
  if (typeof binding !== 'function') return;
  var pending = new Map();
  var nextId = 0;
  var page = window.location.pathname === '/library.html' ? 'library' : 'overlay';
  function send(target, key, request) {
    // Marks for the overlay bench's per-keystroke breakdown: request sent, answer delivered (with main's own time).
    var query = request && typeof request.query === 'string' ? request.query : null;
    var id = (nextId += 1);
    performance.mark('cuecard:bridge-sent', { detail: { key: key, query: query } });
    return new Promise(function (resolve) {
      pending.set(id, { resolve: resolve, key: key, query: query });
      binding(JSON.stringify({ id: id, target: target, page: page, key: key, request: request === undefined ? null : request }));
    });
  }
  Object.defineProperty(window, __ANSWER__, {
    value: function (id, answer, mainMs) {
      var call = pending.get(id);
      if (!call) return;
      pending.delete(id);
      performance.mark('cuecard:bridge-answered', { detail: { key: call.key, query: call.query, mainMs: mainMs } });
      call.resolve(answer);
    },
  });
  var api = {};
  __CHANNEL_KEYS__.forEach(function (key) {
    api[key] = function (request) {
      return send('overlay', key, request);
    };
  });
  var listeners = new Set();
  var source = new EventSource('/bridge/events');
  source.onmessage = function (message) {
    var event = JSON.parse(message.data);
    listeners.forEach(function (listener) {
      listener(event);
    });
  };
  api.subscribe = function (listener) {
    listeners.add(listener);
    return function () {
      listeners.delete(listener);
    };
  };
  Object.defineProperty(window, 'cuecard', { value: Object.freeze(api), enumerable: true });
  var library = {};
  __LIBRARY_CHANNEL_KEYS__.forEach(function (key) {
    library[key] = function (request) {
      return send('library', key, request);
    };
  });
  Object.defineProperty(window, 'cuecardLibrary', { value: Object.freeze(library), enumerable: true });
})();
