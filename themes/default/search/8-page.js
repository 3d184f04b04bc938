  // ---- The search page --------------------------------------------------------------------
  var pageInput = document.getElementById("search-page-input");
  var pageList = document.getElementById("search-page-results");
  var pageStatus = document.getElementById("search-page-status");
  // A result: the page's best link, with its title (and heading), excerpt and the other
  // matching sections of the page in a list beneath it.
  function pageResult(r) {
    var li = document.createElement("li");
    var sections = r.sections.map(function (s) {
      return "<li><a class=\"search-section-heading\" href=\"" + escapeHtml(s.url) + "\">" + escapeHtml(s.heading || r.title) +
        "</a><p class=\"search-hit-excerpt\">" + s.excerptHtml + "</p></li>";
    }).join("");
    li.innerHTML = "<a class=\"search-hit-title\" href=\"" + escapeHtml(r.url) + "\">" + escapeHtml(r.title) +
      (r.heading ? " › " + escapeHtml(r.heading) : "") + "</a>" +
      (r.forEditors ? " <span class=\"search-hit-audience\">" + escapeHtml(EDITORS_LABEL) + "</span>" : "") +
      "<p class=\"search-hit-excerpt\">" + r.excerptHtml + "</p>" +
      (sections ? "<ul class=\"search-page-sections\">" + sections + "</ul>" : "");
    return li;
  }
  function runPage() {
    var text = pageInput.value.trim();
    var ask = ++asked;
    if (!text) { pageList.textContent = ""; pageStatus.textContent = ""; return; }
    query(text, 50, SECTIONS.page).then(function (found) {
      if (ask !== asked) { return; }
      pageList.textContent = "";
      if (found === null) { pageStatus.textContent = UNAVAILABLE; return; }
      found.forEach(function (r) { pageList.appendChild(pageResult(r)); });
      var values = { query: text, count: found.length };
      pageStatus.textContent = found.length === 0 ? wording(pageStatus, "none", "No results for “{query}”.", values) :
        found.length === 1 ? wording(pageStatus, "one", "1 result for “{query}”.", values) :
        wording(pageStatus, "many", "{count} results for “{query}”.", values);
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
