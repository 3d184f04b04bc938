  // ---- The search box of every page ---------------------------------------------------------
  var input = document.getElementById("search-input");
  var panel = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var form = input && input.form;
  var active = -1;
  var asked = 0;

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
  function show(text, found) {
    panel.textContent = "";
    var results = found || [];
    results.forEach(function (r, i) {
      var a = document.createElement("a");
      a.href = r.url;
      a.id = "search-option-" + i;
      a.className = "search-hit";
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.innerHTML = "<span class=\"search-hit-title\">" + escapeHtml(r.title) +
        (r.heading ? " <span class=\"search-hit-heading\">› " + escapeHtml(r.heading) + "</span>" : "") +
        (r.forEditors ? " <span class=\"search-hit-audience\">" + escapeHtml(EDITORS_LABEL) + "</span>" : "") +
        "</span><span class=\"search-hit-excerpt\">" + r.excerptHtml + "</span>";
      panel.appendChild(a);
    });
    var more = document.createElement("a");
    more.href = allResultsUrl(text);
    more.id = "search-option-all";
    more.className = "search-all";
    more.setAttribute("role", "option");
    more.setAttribute("aria-selected", "false");
    more.textContent = found === null ? UNAVAILABLE :
      results.length ? "All results for “" + text + "”" : "No results for “" + text + "”: search page";
    panel.appendChild(more);
    panel.hidden = false;
    panel.setAttribute("data-query", text);
    input.setAttribute("aria-expanded", "true");
    active = -1;
    input.removeAttribute("aria-activedescendant");
    status.textContent = found === null ? UNAVAILABLE : results.length === 0 ? "No results" :
      results.length + (results.length === 1 ? " result" : " results") + ". Use the arrow keys to choose one.";
  }
  function update() {
    var text = input.value;
    var ask = ++asked;
    if (Array.from(text.trim()).length < 2) { close(); status.textContent = ""; return; }
    query(text).then(function (results) {
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

