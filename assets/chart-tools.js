// PNG and SVG downloads for the labelled buttons under each chart (see
// dashboard/components/chart_tools.py). The chart is redrawn off-screen from its own data and
// layout with its title above and its caption (unit, source, release) below, so a saved image
// carries its provenance. Nothing is fetched: Plotly renders the image in the browser.
(function () {
  "use strict";

  function plotIn(id) {
    var host = document.getElementById(id);
    if (!host) { return null; }
    return host.classList.contains("js-plotly-plot") ? host : host.querySelector(".js-plotly-plot");
  }

  function save(url, filename) {
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function drawn(id) {
    // A chart still showing the server's picture is drawn by Plotly first
    // (assets/plotly-on-demand.js).
    var plot = plotIn(id);
    if (plot && plot.data) { return Promise.resolve(plot); }
    return window.chartsOnDemand ? window.chartsOnDemand.draw(id) : Promise.resolve(null);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.chart-image-button") : null;
    if (!button || !window.Plotly) { return; }
    button.disabled = true;
    drawn(button.getAttribute("data-graph")).then(function (plot) {
      if (plot && plot.data) { render(button, plot); } else { button.disabled = false; }
    });
  });

  function render(button, plot) {
    var format = button.getAttribute("data-format") === "svg" ? "svg" : "png";
    var layout = JSON.parse(JSON.stringify(plot.layout || {}));
    var margin = layout.margin || {};
    var top = (margin.t || 0) + 56;
    var bottom = (margin.b || 0) + 48;
    var width = 1200;
    var height = Math.max(480, (plot._fullLayout ? plot._fullLayout.height : 480) + 104);
    layout.width = width;
    layout.height = height;
    layout.autosize = false;
    layout.margin = Object.assign({}, margin, {t: top, b: bottom});
    layout.title = {
      text: button.getAttribute("data-title"),
      x: 0.01, xanchor: "left", xref: "paper", y: 1, yanchor: "top", yref: "container",
      pad: {t: 12}, font: {size: 18},
    };
    layout.annotations = (layout.annotations || []).concat([{
      text: button.getAttribute("data-caption"), showarrow: false, align: "left",
      xref: "paper", x: 0, xanchor: "left", yref: "paper", y: 0, yanchor: "top",
      yshift: -(bottom - 20), font: {size: 12, color: "#495057"},
    }]);
    window.Plotly.toImage({data: plot.data, layout: layout, config: {staticPlot: true}},
                          {format: format, width: width, height: height})
      .then(function (url) { save(url, button.getAttribute("data-filename") + "." + format); })
      .catch(function (error) { console.warn("chart image failed", error); })
      .then(function () { button.disabled = false; });
  }
})();
