/*
 * Plotly.js on demand: loaded when a chart nears the viewport, and drawn one chart per task.
 *
 * Loading. The Plotly bundle is 0.36 MB compressed and took 0.4-0.7 s of a phone's main thread
 * to evaluate (Lighthouse, 4x CPU slowdown) on every page, charts or not. Dash does not load it
 * as a page script (dashboard/dash_internals.py leaves it out of the assets); dcc.Graph asks
 * for it by reading window.Plotly when a graph first renders, and waits on whatever it finds
 * there if that is truthy. Until Plotly is here, window.Plotly is a promise that settles when
 * the bundle has loaded, and the bundle is requested once a chart's box (.chart-box, reserved
 * at its final size by the server so nothing moves when it draws) is within 400 px of the
 * viewport. A page without charts never asks; a chart below the fold costs nothing until the
 * reader scrolls towards it. The address (fingerprinted, cached for a year) is in
 * <meta name="plotly-bundle">, written by dashboard/web/index_page.py.
 *
 * Pacing. dcc.Graph calls Plotly.react for every graph of a page in the same task: on the
 * overview the regions chart took 140 ms to draw, then the trend and share charts another
 * 140 ms before the browser could paint any of them (docs/BENCHMARKS.md). Here each
 * Plotly.react call after the first in a task waits for the next frame; calls keep their order,
 * and the promise dcc.Graph waits on settles when its chart is drawn.
 */
(function () {
  "use strict";
  var NEAR = "400px";
  var current;          // Plotly, once its bundle has run
  var arrived = null;   // the promise handed out while it has not
  var settle;           // resolves `arrived`
  var requested = false;
  var observer = null;

  // ---- pacing -------------------------------------------------------------------------
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

  // ---- loading ------------------------------------------------------------------------
  function bundleUrl() {
    var meta = document.querySelector('meta[name="plotly-bundle"]');
    return meta ? meta.getAttribute("content") : "/assets/vendor/plotly-custom.min.js";
  }

  function request() {
    if (requested) { return; }
    requested = true;
    if (observer) { observer.disconnect(); observer = null; }
    var script = document.createElement("script");
    script.src = bundleUrl();
    script.async = true;
    script.onerror = function () { requested = false; };  // a later chart may try again
    document.head.appendChild(script);
  }

  function watchChartBoxes() {
    // Runs after the graph that asked has been committed to the page (a frame later).
    if (requested) { return; }
    var boxes = document.querySelectorAll(".chart-box");
    if (!boxes.length || !("IntersectionObserver" in window)) { request(); return; }
    if (!observer) {
      observer = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i += 1) {
          if (entries[i].isIntersecting) { request(); return; }
        }
      }, { rootMargin: NEAR + " 0px " + NEAR + " 0px" });
    }
    for (var i = 0; i < boxes.length; i += 1) { observer.observe(boxes[i]); }
  }

  function whenLoaded() {
    if (!arrived) {
      arrived = new Promise(function (resolve) { settle = resolve; });
    }
    if (!requested) { window.requestAnimationFrame(watchChartBoxes); }
    return arrived;
  }

  Object.defineProperty(window, "Plotly", {
    configurable: true,
    get: function () { return current || whenLoaded(); },
    set: function (value) {
      current = pace(value);
      if (settle && current) { settle(current); }
    }
  });
})();
