/* An admin whose session has ended (signed out elsewhere, password changed, idle too long) gets
 * 401 from every admin callback; dash-renderer would only log it and the page would stop
 * responding. Send them to the sign-in page instead, which says why and returns them here. */
(function () {
  "use strict";
  if (!window.fetch || window.location.pathname.indexOf("/admin") !== 0) {
    return;
  }
  const originalFetch = window.fetch;
  window.fetch = function () {
    const target = arguments[0];
    const url = typeof target === "string" ? target : (target && target.url) || "";
    return originalFetch.apply(this, arguments).then(function (response) {
      if (response.status === 401 && url.indexOf("_dash-update-component") !== -1) {
        const next = window.location.pathname + window.location.search;
        window.location.assign("/login?ended=1&next=" + encodeURIComponent(next));
      }
      return response;
    });
  };
})();
