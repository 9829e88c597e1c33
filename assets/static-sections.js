/*
 * Static sections (dashboard/components/static_section.py): Dash renders one element carrying
 * the section's HTML in data-static-html, and this puts that HTML into it as soon as React has
 * created it (a MutationObserver runs before the browser paints), so Dash's copy of the page
 * holds the same content as the first view without React building it component by component.
 * A section whose HTML changes (a callback's answer, another language) is filled again, its
 * open <details> kept open.
 */
(function () {
  "use strict";
  var ATTR = "data-static-html";
  var root = document.getElementById("react-entry-point");
  if (!root || !("MutationObserver" in window)) { return; }

  function fill(element) {
    var markup = element.getAttribute(ATTR);
    if (markup === null) { return; }
    // A table or source list the reader opened stays open when a filter changes the content.
    var open = [];
    var before = element.querySelectorAll("details");
    for (var i = 0; i < before.length; i += 1) { open.push(before[i].open); }
    element.innerHTML = markup;
    var after = element.querySelectorAll("details");
    for (var j = 0; j < after.length && j < open.length; j += 1) {
      if (open[j]) { after[j].open = true; }
    }
  }

  function fillEmpty(element) {
    if (!element.firstChild) { fill(element); }
  }

  function fillWithin(node) {
    if (node.nodeType !== 1) { return; }
    if (node.hasAttribute(ATTR)) { fillEmpty(node); }
    var inside = node.querySelectorAll("[" + ATTR + "]");
    for (var i = 0; i < inside.length; i += 1) { fillEmpty(inside[i]); }
  }

  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i += 1) {
      var record = records[i];
      if (record.type === "attributes") { fill(record.target); continue; }
      for (var j = 0; j < record.addedNodes.length; j += 1) { fillWithin(record.addedNodes[j]); }
    }
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: [ATTR] });
  fillWithin(root);
})();
