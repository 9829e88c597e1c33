/*
 * The chart tools' "Copy" buttons (dashboard/components/copy_control.py): one listener for the
 * whole document, so buttons that arrive later (a static section refilled by a callback) work
 * without being wired up. The button names its target in data-copy-target; the text copied is
 * the target's value (the embed code's text area) or its innerText. The status line beside the
 * button (a live region) says whether it worked; a zero-width space on every other press makes
 * a repeated copy a new announcement. The button keeps the focus: only its word changes.
 */
(function () {
  "use strict";
  var presses = 0;

  function selectText(target) {
    if (typeof target.select === "function") { target.select(); return; }
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function say(button, ok) {
    var control = button.closest(".copy-control");
    var status = control && control.querySelector("[role='status']");
    presses += 1;
    if (status) {
      status.textContent = status.getAttribute(ok ? "data-copied" : "data-failed") +
        (presses % 2 ? "" : "\u200b");
    }
    if (!ok) { return; }
    var word = button.querySelector(".copy-word");
    if (!word) { return; }
    if (!button.hasAttribute("data-word")) { button.setAttribute("data-word", word.textContent); }
    word.textContent = button.getAttribute("data-done");
    button.classList.add("copy-done", "btn-outline-success");
    button.classList.remove("btn-outline-secondary");
    window.clearTimeout(button._copyTimer);
    button._copyTimer = window.setTimeout(function () {
      word.textContent = button.getAttribute("data-word");
      button.classList.remove("copy-done", "btn-outline-success");
      button.classList.add("btn-outline-secondary");
    }, 1000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy-target]") : null;
    if (!button) { return; }
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    var field = target.tagName === "TEXTAREA" || target.tagName === "INPUT";
    var text = field ? target.value : target.innerText;
    if (!navigator.clipboard || !window.isSecureContext) {
      selectText(target);
      say(button, false);
      return;
    }
    navigator.clipboard.writeText(text).then(
      function () { say(button, true); },
      function () { selectText(target); say(button, false); }
    );
  });
})();
