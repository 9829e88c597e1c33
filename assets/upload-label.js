// dcc.Upload renders its <input type="file"> without a label, so screen readers announce an
// unnamed control. Name it from the wrapper's data-input-label (the drop zone's visible text)
// whenever Dash (re)renders the upload area.
(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".upload-label-source[data-input-label]").forEach(function (box) {
      var input = box.querySelector("input[type=file]");
      var text = box.getAttribute("data-input-label");
      if (input && input.getAttribute("aria-label") !== text) {
        input.setAttribute("aria-label", text);
      }
    });
  }
  new MutationObserver(label).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", label);
})();
