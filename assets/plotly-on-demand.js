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
 * Drawing. dcc.Graph calls Plotly.react for every graph of a page in the same task: on the
 * overview the regions chart took 140 ms to draw, then the trend and share charts another
 * 140 ms before the browser could paint any of them (docs/BENCHMARKS.md); on a phone each
 * chart cost 0.4-0.5 s of main thread. Here a chart is drawn when it is within 400 px of the
 * viewport (one further down waits until the reader scrolls towards it), and each draw after
 * the first in a task waits for the next frame; the promise dcc.Graph waits on settles when
 * its chart is drawn.
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

  function paced(react, self, args) {
    if (!drawing) {
      drawing = true;
      nextFrame(drainOne);
      return react.apply(self, args);
    }
    return new Promise(function (resolve, reject) {
      queue.push({ draw: function () { return react.apply(self, args); }, resolve: resolve, reject: reject });
    });
  }

  // Charts waiting to come near the viewport: graph div -> {args, settle: [[resolve, reject]]}.
  var waiting = new Map();
  var nearObserver = null;

  function near(element) {
    var box = element.getBoundingClientRect();
    var margin = parseInt(NEAR, 10);
    return box.bottom >= -margin && box.top <= window.innerHeight + margin;
  }

  function drawWhenNear(react, self, gd, args) {
    // Only a site chart's first drawing waits: a drawn chart follows its filters at once, and
    // the admin's preview charts (not in a .chart-box) draw at once.
    var boxed = gd && gd.closest && gd.closest(".chart-box");
    var drawn = gd && gd.classList && gd.classList.contains("js-plotly-plot");
    if (!("IntersectionObserver" in window) || !boxed || drawn || near(gd)) {
      return paced(react, self, args);
    }
    if (!nearObserver) {
      nearObserver = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          var job = entry.isIntersecting && waiting.get(entry.target);
          if (!job) { return; }
          waiting.delete(entry.target);
          nearObserver.unobserve(entry.target);
          Promise.resolve(paced(react, self, job.args)).then(
            function (value) { job.settle.forEach(function (s) { s[0](value); }); },
            function (error) { job.settle.forEach(function (s) { s[1](error); }); }
          );
        });
      }, { rootMargin: NEAR + " 0px " + NEAR + " 0px" });
    }
    return new Promise(function (resolve, reject) {
      var job = waiting.get(gd);
      if (job) {
        job.args = args;  // a newer figure for a chart not drawn yet: draw only that one
      } else {
        job = { args: args, settle: [] };
        waiting.set(gd, job);
        nearObserver.observe(gd);
      }
      job.settle.push([resolve, reject]);
    });
  }

  function pace(Plotly) {
    if (!Plotly || Plotly.__paced) { return Plotly; }
    var react = Plotly.react;
    Plotly.react = function (gd) {
      return drawWhenNear(react, this, gd, arguments);
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
