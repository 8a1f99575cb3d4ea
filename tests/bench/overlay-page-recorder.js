// Installed in the overlay bench's pages before the app loads (tests/bench/overlay-bench.ts): it
// keeps every keydown timestamp and every performance mark in the page, so no figure depends on
// when the driver gets to look, and answers the driver's one question per keystroke with a
// promise (no polling in the page: a predicate run every animation frame is renderer work the
// app does not do, and each poll would be one more round trip through the driver's event loop).
/* global window, performance, PerformanceObserver -- browser script */
(function () {
  'use strict';
  var bench = { keydowns: [], marks: [], waiters: [] };
  window.__bench = bench;
  window.addEventListener(
    'keydown',
    function (event) {
      bench.keydowns.push(event.timeStamp);
    },
    true,
  );
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) {
      bench.marks.push({ name: entry.name, t: entry.startTime, detail: entry.detail });
    });
    bench.waiters = bench.waiters.filter(function (waiter) {
      var value = waiter.check();
      if (value) waiter.resolve(value);
      return !value;
    });
  }).observe({ type: 'mark' });
  function wait(check) {
    var value = check();
    if (value) return Promise.resolve(value);
    return new Promise(function (resolve) {
      bench.waiters.push({ check: check, resolve: resolve });
    });
  }
  bench.markCount = function () {
    return bench.marks.length;
  };
  // The last keystroke's trace (ms from its keydown) once the results for `prefix` are painted:
  // the first mark of each kind for that query after the keydown.
  bench.painted = function (prefix) {
    var keydown = bench.keydowns[bench.keydowns.length - 1];
    return wait(function () {
      var first = {};
      for (var i = bench.marks.length - 1; i >= 0 && bench.marks[i].t >= keydown; i -= 1) {
        var mark = bench.marks[i];
        if (mark.detail && mark.detail.query === prefix) first[mark.name] = mark;
      }
      var painted = first['cuecard:results-painted'];
      if (!painted) return null;
      var sent = first['cuecard:bridge-sent'];
      var answered = first['cuecard:bridge-answered'];
      var committed = first['cuecard:results-committed'];
      var mainMs = answered && answered.detail && typeof answered.detail.mainMs === 'number' ? answered.detail.mainMs : null;
      return {
        ms: painted.t - keydown,
        sent: sent ? sent.t - keydown : null,
        answered: answered ? answered.t - keydown : null,
        mainMs: mainMs,
        committed: committed ? committed.t - keydown : null,
      };
    });
  };
  // Hotkey → first painted frame of the shown overlay (`at`: the harness's wall clock when the hotkey fired).
  bench.shown = function (from) {
    return wait(function () {
      for (var i = from; i < bench.marks.length; i += 1) {
        var mark = bench.marks[i];
        if (mark.name === 'cuecard:shown-painted') return { ms: performance.timeOrigin + mark.t - mark.detail.at };
      }
      return null;
    });
  };
})();
