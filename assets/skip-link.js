// "Skip to content" without a change of address: following "#main-content" changed the URL's
// hash, dcc.Location then re-read the address (whose query the filters had rewritten with
// history.replaceState) and Dash's page router drew the whole page again, charts included,
// under the keyboard user's feet. The link's target takes the focus and scrolls into view.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.skip-link") : null;
  var target = link && document.getElementById((link.getAttribute("href") || "").slice(1));
  if (!target) { return; }
  event.preventDefault();
  target.focus();
  target.scrollIntoView();
});
