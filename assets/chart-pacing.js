/*
 * Draw one chart per task, so the first chart on a page shows without waiting for the others.
 *
 * dcc.Graph calls Plotly.react for every graph of a page in the same task: on the overview the
 * regions chart took 140 ms to draw, then the trend and share charts another 140 ms before the
 * browser could paint any of them (docs/BENCHMARKS.md). Here each Plotly.react call after the
 * first in a task waits for the next frame; calls keep their order, and the promise dcc.Graph
 * waits on settles when its chart is drawn. Plotly is wrapped when it is defined, whichever
 * script loads first.
 */
(function () {
  "use strict";
  var queue = [];
  var drawing = false;

  function nextFrame(run) {
    // After a frame has been rendered (rAF), in a new task (setTimeout).
    window.requestAnimationFrame(function () { window.setTimeout(run, 0); });
  }

  function drainOne() {
    var job = queue.shift();
    if (!job) { drawing = false; return; }
    nextFrame(function () {
      var result;
      try { result = job.draw(); } catch (error) { job.reject(error); drainOne(); return; }
      job.resolve(result);
      drainOne();
    });
  }

  function pace(Plotly) {
    if (!Plotly || Plotly.__paced) { return Plotly; }
    var react = Plotly.react;
    Plotly.react = function () {
      var self = this;
      var args = arguments;
      if (!drawing) {
        drawing = true;
        nextFrame(drainOne);
        return react.apply(self, args);
      }
      return new Promise(function (resolve, reject) {
        queue.push({ draw: function () { return react.apply(self, args); }, resolve: resolve, reject: reject });
      });
    };
    Plotly.__paced = true;
    return Plotly;
  }

  if (window.Plotly) {
    pace(window.Plotly);
  } else {
    var current;
    Object.defineProperty(window, "Plotly", {
      configurable: true,
      get: function () { return current; },
      set: function (value) { current = pace(value); }
    });
  }
})();
