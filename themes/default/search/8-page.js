  // ---- The search page --------------------------------------------------------------------
  var pageInput = document.getElementById("search-page-input");
  var pageList = document.getElementById("search-page-results");
  var pageStatus = document.getElementById("search-page-status");
  function runPage() {
    var text = pageInput.value.trim();
    var ask = ++asked;
    if (!text) { pageList.textContent = ""; pageStatus.textContent = ""; return; }
    query(text, 50).then(function (found) {
      if (ask !== asked) { return; }
      pageList.textContent = "";
      if (found === null) { pageStatus.textContent = UNAVAILABLE; return; }
      var results = found;
      results.forEach(function (r) {
        var li = document.createElement("li");
        li.innerHTML = "<a class=\"search-hit-title\" href=\"" + escapeHtml(r.url) + "\">" + escapeHtml(r.title) +
          (r.heading ? " › " + escapeHtml(r.heading) : "") + "</a>" +
          (r.forEditors ? " <span class=\"search-hit-audience\">" + escapeHtml(EDITORS_LABEL) + "</span>" : "") + "<p class=\"search-hit-excerpt\">" + r.excerptHtml + "</p>";
        pageList.appendChild(li);
      });
      pageStatus.textContent = results.length === 0 ? "No results for “" + text + "”." :
        results.length + (results.length === 1 ? " result" : " results") + " for “" + text + "”.";
    });
  }
  if (pageInput && pageList) {
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { pageInput.value = q; }
    var timer = null;
    pageInput.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        try {
          var url = new URL(window.location.href);
          url.searchParams.set("q", pageInput.value);
          window.history.replaceState(null, "", url);
        } catch (e) { /* file:// in some browsers */ }
        runPage();
      }, 120);
    });
    runPage();
  }
})();
