// Kith's progressive enhancement: every page works without this file.
// Search as you type: an input with data-live="#target" refreshes the target with the
// server's partial results (same URL, partial=1), keeping the address bar in step.
(function () {
  "use strict";
  function live(input) {
    var target = document.querySelector(input.getAttribute("data-live"));
    var form = input.form;
    if (!target || !form) { return; }
    var timer = null, latest = 0;
    function refresh() {
      var params = new URLSearchParams(new FormData(form));
      params.delete("page");
      var url = form.getAttribute("action") + "?" + params.toString();
      var ticket = ++latest;
      params.set("partial", "1");
      fetch(form.getAttribute("action") + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null || ticket !== latest) { return; }
          target.innerHTML = html;  // server-rendered and escaped by the templates
          history.replaceState(null, "", url);
        })
        .catch(function () { /* offline: the Show button still works */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
  }
  document.querySelectorAll("input[data-live]").forEach(live);
})();
