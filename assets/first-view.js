/*
 * Hand over from the first view (static HTML sent with the page, dashboard/web/first_view.py)
 * to the page Dash draws behind it, in the frame where Dash's page is ready.
 *
 * Ready: the page's content is in Dash's page container, no component is loading, and the page
 * has not changed for a moment (the callbacks that run on load, such as the one closing filter
 * panels on phones, have done their work). Charts drawing inside their reserved boxes do not
 * hold the hand-over back. If Dash never gets there, the first view stays: a readable page.
 */
(function () {
  "use strict";
  var QUIET_MS = 150;
  var first = document.getElementById("first-view");
  var entry = document.getElementById("react-entry-point");
  if (!first || !entry || !("MutationObserver" in window)) { return; }
  var timer = null;

  function ready() {
    var content = entry.querySelector("#_pages_content");
    return content && content.firstElementChild && !entry.querySelector('[data-dash-is-loading="true"]');
  }

  function handOver() {
    timer = null;
    if (!ready()) { return; }
    observer.disconnect();
    var scrollY = window.scrollY;
    first.remove();
    if (window.scrollY !== scrollY) { window.scrollTo(0, scrollY); }
    document.dispatchEvent(new CustomEvent("first-view-replaced"));
  }

  function inChart(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return element && element.closest && element.closest(".chart-box");
  }

  var observer = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i += 1) {
      if (!inChart(records[i].target)) {
        if (timer) { window.clearTimeout(timer); }
        timer = window.setTimeout(handOver, QUIET_MS);
        return;
      }
    }
  });
  observer.observe(entry, { childList: true, subtree: true, attributes: true, characterData: true });
})();
