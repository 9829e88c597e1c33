/*
 * The map page's client-side callbacks (dashboard/pages/map.py names them with ClientsideFunction).
 *
 * syncUrl: the view's state in the address bar (history.replaceState), so a copied link reopens it.
 * requestPanel / showPanel: a search (Enter or a result button), a table button or a map click
 * asks for the panel; the next panel drawn within a few seconds is scrolled into view (phones:
 * it sits below the map), and after a search or a button its heading takes the keyboard focus.
 *
 * The municipality table is plain HTML (a static section, dashboard/components/map_search.py):
 * its "Select" buttons carry the unit's key in data-map-select, and one listener here sets the
 * page's selection from it with dash_clientside.set_props, which runs the panel's callback.
 */
(function () {
  "use strict";
  var ns = (window.dash_clientside = window.dash_clientside || {});
  ns.map = {
    syncUrl: function (metric, period, division, selected) {
        const params = new URLSearchParams(window.location.search);
        ["from", "to", "per_month"].forEach((name) => params.delete(name));
        if (metric) { params.set("metric", metric); }
        if (period) { params.set("period", period); }
        if (division) { params.set("division", division); }
        if (selected) { params.set("m", selected); } else { params.delete("m"); }
        const url = window.location.pathname + "?" + params.toString();
        window.history.replaceState(window.history.state, "", url);
        return url;
    },
    requestPanel: function (submit, results, click) {
        // A result button that was only just drawn fires with no clicks: no request.
        const fired = (dash_clientside.callback_context.triggered || []).filter(
            (t) => t.value && t.prop_id && t.prop_id !== "."
        );
        if (!fired.length) { return window.dash_clientside.no_update; }
        const focus = fired.some((t) => !t.prop_id.startsWith("map-graph"));
        window.mapPanelRequest = {focus: focus, at: Date.now()};
        return fired.map((t) => t.prop_id).join(" ");
    },
    showPanel: function (children) {
        const request = window.mapPanelRequest;
        const heading = document.getElementById("map-panel-title");
        if (!request || !heading || Date.now() - request.at > 10000) {
            return window.dash_clientside.no_update;
        }
        window.mapPanelRequest = null;
        const panel = document.getElementById("map-panel-region");
        const top = panel.getBoundingClientRect().top;
        if (top < 0 || top > window.innerHeight * 0.6) {
            panel.scrollIntoView({block: "start"});
        }
        if (request.focus) { heading.focus({preventScroll: true}); }
        return Date.now();
    }
  };

  document.addEventListener("click", function (event) {
    // A table button, or a municipality on the map's picture (dashboard/figures/facade_map.py).
    var button = event.target.closest ? event.target.closest("[data-map-select]") : null;
    if (!button || !ns.set_props) { return; }
    // As with a click on Plotly's map, a tap on the picture leaves the focus where it is.
    window.mapPanelRequest = {focus: button.tagName === "BUTTON", at: Date.now()};
    ns.set_props("map-via", {data: null});
    ns.set_props("map-selected", {data: button.getAttribute("data-map-select")});
  });
})();
