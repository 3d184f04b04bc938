// Live reload for `handbook serve`. Added to served pages only, never to built sites.
(function () {
  "use strict";
  var overlay = null;

  function showErrors(list) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "handbook-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0d0d;color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:1rem 1.25rem;" +
        "border-top:4px solid #e5484d;box-shadow:0 -8px 24px rgba(0,0,0,.35)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5rem;font-weight:700;font-family:system-ui,sans-serif";
    title.textContent = "The handbook has " + list.length + " problem" + (list.length === 1 ? "" : "s") +
      ". This is the last good version; fix the files and the page reloads.";
    overlay.appendChild(title);
    list.forEach(function (d) {
      var item = document.createElement("div");
      item.style.cssText = "margin:.6rem 0;padding-top:.6rem;border-top:1px solid rgba(255,255,255,.2)";
      var where = d.file ? d.file + (d.line ? ":" + d.line + ":" + d.column : "") : "";
      var head = document.createElement("div");
      head.textContent = where + "  " + d.severity + "[" + d.code + "]: " + d.message;
      item.appendChild(head);
      if (d.hint) {
        var hint = document.createElement("div");
        hint.style.color = "#ffd08a";
        hint.textContent = "help: " + d.hint;
        item.appendChild(hint);
      }
      overlay.appendChild(item);
    });
  }

  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function swapStylesheets() {
    var stamp = Date.now();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = link.href.split("?")[0];
      link.href = url + "?v=" + stamp;
    });
  }

  var source = new EventSource("/__handbook/events");
  // Tests (and curious editors) can see when the page listens for changes.
  source.addEventListener("hello", function () {
    document.documentElement.setAttribute("data-live", "connected");
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () { hideErrors(); swapStylesheets(); });
  source.addEventListener("errors", function (event) { showErrors(JSON.parse(event.data)); });
  source.addEventListener("fixed", function () { hideErrors(); });
})();
