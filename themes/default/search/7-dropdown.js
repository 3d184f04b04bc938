  // ---- The search box of every page ---------------------------------------------------------
  var input = document.getElementById("search-input");
  var panel = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var form = input && input.form;
  var active = -1;
  var asked = 0;
  // How long, in ms, the box waits for the next key before it fetches a query's excerpts.
  var SETTLE = 150;

  function options() { return panel ? panel.querySelectorAll("[role=option]") : []; }
  function select(i) {
    var list = options();
    if (list.length === 0) { return; }
    active = (i + list.length) % list.length;
    list.forEach(function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", list[active].id);
    list[active].scrollIntoView({ block: "nearest" });
  }
  function close() {
    if (!panel) { return; }
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function allResultsUrl(text) {
    return form.getAttribute("action") + "?q=" + encodeURIComponent(text);
  }
  // An option of the list: a link with the next option id.
  function option(url, className, html) {
    var a = document.createElement("a");
    a.href = url;
    a.id = "search-option-" + panel.querySelectorAll("[role=option]").length;
    a.className = className;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.innerHTML = html;
    return a;
  }
  // Each page is a group of options named by its title: the page's best link (`.search-hit`),
  // then its other matching sections (`.search-section`).
  function show(text, found) {
    panel.textContent = "";
    var results = found || [];
    results.forEach(function (r) {
      var group = document.createElement("div");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", r.title);
      panel.appendChild(group);
      group.appendChild(option(r.url, "search-hit", "<span class=\"search-hit-title\">" + escapeHtml(r.title) +
        (r.heading ? " <span class=\"search-hit-heading\">› " + escapeHtml(r.heading) + "</span>" : "") +
        (r.forEditors ? " <span class=\"search-hit-audience\">" + escapeHtml(EDITORS_LABEL) + "</span>" : "") +
        "</span><span class=\"search-hit-excerpt\">" + r.excerptHtml + "</span>"));
      r.sections.forEach(function (s) {
        group.appendChild(option(s.url, "search-section", "<span class=\"search-section-heading\">" +
          escapeHtml(s.heading || r.title) + "</span><span class=\"search-hit-excerpt\">" + s.excerptHtml + "</span>"));
      });
    });
    var more = option(allResultsUrl(text), "search-all", "");
    more.id = "search-option-all";
    more.textContent = found === null ? UNAVAILABLE : results.length ?
      wording(form, "all", "All results for “{query}”", { query: text }) :
      wording(form, "none", "No results for “{query}”: search page", { query: text });
    panel.appendChild(more);
    panel.hidden = false;
    panel.setAttribute("data-query", text);
    input.setAttribute("aria-expanded", "true");
    active = -1;
    input.removeAttribute("aria-activedescendant");
    status.textContent = found === null ? UNAVAILABLE : results.length === 0 ?
      wording(form, "status-none", "No results") : results.length === 1 ?
      wording(form, "status-one", "1 result. Use the arrow keys to choose one.") :
      wording(form, "status-many", "{count} results. Use the arrow keys to choose one.", { count: results.length });
  }
  function update() {
    var text = input.value;
    var ask = ++asked;
    if (Array.from(text.trim()).length < 2) { close(); status.textContent = ""; return; }
    // The fragments are fetched only if no other key has been typed once the pages are
    // ranked, and none for SETTLE ms: a reader typing on does not pay for the excerpts of
    // the words on the way.
    query(text, SHOWN, SECTIONS.box, function () {
      return new Promise(function (resolve) {
        setTimeout(function () { resolve(ask === asked); }, SETTLE);
      });
    }).then(function (results) {
      if (ask === asked && document.activeElement === input) { show(text.trim(), results); }
    });
  }
  if (input && panel) {
    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim().length >= 2) { update(); } });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (panel.hidden) { update(); } else { select(active + 1); } }
      else if (e.key === "ArrowUp") { e.preventDefault(); select(active - 1); }
      else if (e.key === "Escape") { if (panel.hidden) { input.value = ""; } close(); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        window.location.href = options()[active].href;
      }
    });
    document.addEventListener("click", function (e) {
      if (form && !form.contains(e.target)) { close(); }
    });
    if (document.activeElement === input) { update(); }
  }

