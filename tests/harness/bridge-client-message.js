// Installed in the page (as an init script) by the overlay bench's message bridges: the same
// window.cuecard and window.cuecardLibrary as bridge-client.js, but each call is one message out
// and its answer one message back, as Electron's ipcRenderer.invoke is, instead of an HTTP
// request and response. __TRANSPORT__ 'ws': a WebSocket to the harness (/bridge/socket,
// harness-server.ts); 'cdp': a DevTools-protocol binding (Runtime.addBinding), answered by
// Runtime.evaluate (cdp-bridge.ts). Events (subscribe) still come from /bridge/events.
/* global window, performance, bridgeEvents, WebSocket, __TRANSPORT__, __BINDING__, __ANSWER__, __CHANNEL_KEYS__, __LIBRARY_CHANNEL_KEYS__ -- browser script; the placeholders are filled in when installed */
(function () {
  'use strict';
  var pending = new Map();
  var nextId = 0;
  var page = window.location.pathname === '/library.html' ? 'library' : 'overlay';
  var post;
  function deliver(id, answer, mainMs) {
    var call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    performance.mark('cuecard:bridge-answered', { detail: { key: call.key, query: call.query, mainMs: mainMs } });
    call.resolve(answer);
  }
  if (__TRANSPORT__ === 'cdp') {
    var binding = window[__BINDING__];
    if (typeof binding !== 'function') return;
    post = function (text) {
      binding(text);
    };
    Object.defineProperty(window, __ANSWER__, { value: deliver });
  } else {
    var socket = new WebSocket(window.location.origin.replace(/^http/, 'ws') + '/bridge/socket');
    var unsent = [];
    socket.onopen = function () {
      unsent.forEach(function (text) {
        socket.send(text);
      });
      unsent = null;
    };
    socket.onmessage = function (message) {
      var reply = JSON.parse(message.data);
      deliver(reply.id, reply.answer, reply.mainMs);
    };
    socket.onclose = function () {
      pending.forEach(function (call) {
        call.reject(new Error('The harness bridge closed.'));
      });
      pending.clear();
    };
    post = function (text) {
      if (unsent) unsent.push(text);
      else socket.send(text);
    };
  }
  function send(target, key, request) {
    // Marks for the overlay bench's per-keystroke breakdown: request sent, answer delivered (with main's own time).
    var query = request && typeof request.query === 'string' ? request.query : null;
    var id = (nextId += 1);
    performance.mark('cuecard:bridge-sent', { detail: { key: key, query: query } });
    return new Promise(function (resolve, reject) {
      pending.set(id, { resolve: resolve, reject: reject, key: key, query: query });
      post(JSON.stringify({ id: id, target: target, page: page, key: key, request: request === undefined ? null : request }));
    });
  }
  var api = {};
  __CHANNEL_KEYS__.forEach(function (key) {
    api[key] = function (request) {
      return send('overlay', key, request);
    };
  });
  api.subscribe = bridgeEvents();
  Object.defineProperty(window, 'cuecard', { value: Object.freeze(api), enumerable: true });
  var library = {};
  __LIBRARY_CHANNEL_KEYS__.forEach(function (key) {
    library[key] = function (request) {
      return send('library', key, request);
    };
  });
  Object.defineProperty(window, 'cuecardLibrary', { value: Object.freeze(library), enumerable: true });
})();
