// Keep the current view when switching language: the filters live in the query string, which
// a client-side callback updates after the page was rendered, so the link's server-rendered
// href may be stale. Rewrite it from the live location at click time.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-lang]") : null;
  if (!link) { return; }
  var params = new URLSearchParams(window.location.search);
  params.set("lang", link.getAttribute("data-lang"));
  link.setAttribute("href", window.location.pathname + "?" + params.toString());
});
