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
 * Pictures first. A chart whose box holds the server's picture of its figure (.chart-facade-box,
 * dashboard/figures/facade.py) needs no Plotly to be read: it is drawn when the reader reaches
 * for it (the pointer over it, a touch) or once a filter has changed a figure of the page
 * (charts.figuresChanged, a client-side callback of the page). Only boxes without a picture
 * load the bundle by coming near the viewport.
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

  // ---- charts with a picture ----------------------------------------------------------
  var reached = new Set();      // graph ids the reader has reached for (first view: "fv-" off)
  var figuresChanged = false;   // a filter has changed a figure: every chart draws
  var forReader = new Map();    // graph div -> {react, self, args, settle} waiting for the reader

  function graphId(box) {
    var graph = box && box.querySelector(".dash-graph");
    return graph ? graph.id.replace(/^fv-/, "") : "";
  }

  function hasPicture(box) {
    return !!(box && box.querySelector(".chart-facade-box"));
  }

  function waitsForReader(box) {
    return !figuresChanged && hasPicture(box) && !reached.has(graphId(box));
  }

  function releaseReaderJobs() {
    forReader.forEach(function (job, gd) {
      if (waitsForReader(gd.closest(".chart-box"))) { return; }
      forReader.delete(gd);
      Promise.resolve(drawWhenNear(job.react, job.self, gd, job.args)).then(
        function (value) { job.settle.forEach(function (s) { s[0](value); }); },
        function (error) { job.settle.forEach(function (s) { s[1](error); }); }
      );
    });
  }

  function onReader(event) {
    var box = event.target && event.target.closest && event.target.closest(".chart-box");
    if (!box || !hasPicture(box) || reached.has(graphId(box))) { return; }
    // The map's picture answers taps itself (a municipality is selected, assets/map-page.js);
    // drawing Plotly's map under the finger would move the map before the tap lands. The
    // pointer resting on it (hover) or a new figure still brings Plotly's map.
    if (box.querySelector("[data-map-select]") && event.pointerType !== "mouse") { return; }
    reached.add(graphId(box));
    request();
    releaseReaderJobs();
  }
  ["pointerover", "pointerdown", "touchstart", "focusin"].forEach(function (type) {
    document.addEventListener(type, onReader, { capture: true, passive: true });
  });

  function waitForReader(react, self, gd, args) {
    return new Promise(function (resolve, reject) {
      var job = forReader.get(gd);
      if (job) { job.args = args; } else {
        job = { react: react, self: self, args: args, settle: [] };
        forReader.set(gd, job);
      }
      job.settle.push([resolve, reject]);
    });
  }

  // For the chart tools (assets/chart-tools.js): an image is rendered from Plotly's chart, so
  // a button under a chart still showing its picture has Plotly draw it first.
  window.chartsOnDemand = {
    draw: function (id) {
      reached.add(id);
      request();
      releaseReaderJobs();
      return new Promise(function (resolve) {
        var tries = 0;
        (function check() {
          var host = document.getElementById(id);
          var plot = host && (host.classList.contains("js-plotly-plot") ? host
            : host.querySelector(".js-plotly-plot"));
          if (plot && plot.data && plot._fullLayout) { resolve(plot); return; }
          tries += 1;
          if (tries > 300) { resolve(null); return; }  // 30 s: the bundle did not come
          window.setTimeout(check, 100);
        })();
      });
    }
  };

  var ns = (window.dash_clientside = window.dash_clientside || {});
  ns.charts = {
    figuresChanged: function () {
      // A filter's answer: the pictures show the first view's figures, so Plotly takes over.
      figuresChanged = true;
      request();
      releaseReaderJobs();
      return window.dash_clientside.no_update;
    }
  };

  function drawWhenNear(react, self, gd, args) {
    // Only a site chart's first drawing waits: a drawn chart follows its filters at once, and
    // the admin's preview charts (not in a .chart-box) draw at once.
    var boxed = gd && gd.closest && gd.closest(".chart-box");
    var drawn = gd && gd.classList && gd.classList.contains("js-plotly-plot");
    if (boxed && !drawn && waitsForReader(boxed)) {
      return waitForReader(react, self, gd, args);
    }
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
    var all = document.querySelectorAll(".chart-box");
    var boxes = Array.prototype.filter.call(all, function (b) { return !waitsForReader(b); });
    if (!all.length || !("IntersectionObserver" in window)) { request(); return; }
    if (!boxes.length) { return; }  // only pictures: the reader or a filter asks for Plotly
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
