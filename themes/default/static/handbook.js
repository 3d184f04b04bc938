// handbook: small enhancements. Every page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Navigation toggle on narrow screens.
  var toggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (toggle && sidebar) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = sidebar.classList.toggle("is-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Search: the box shows only where this script runs; the client and the index load on
  // first use. `/` (not while typing in a field) and Ctrl-K or Cmd-K focus the box.
  var search = document.querySelector(".site-search");
  var searchInput = document.getElementById("search-input");
  if (search && searchInput) {
    search.hidden = false;
    var client = null;
    var loadClient = function () {
      if (client) { return; }
      client = document.createElement("script");
      client.src = search.getAttribute("data-script");
      document.head.appendChild(client);
    };
    searchInput.addEventListener("focus", loadClient);
    searchInput.addEventListener("input", loadClient);
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      var slash = event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
      var modK = (event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "k" || event.key === "K");
      if (slash || modK) {
        event.preventDefault();
        searchInput.focus();
        searchInput.select();
      }
    });
    if (document.getElementById("search-page-input")) { loadClient(); }
  }

  // Checklists: ticks kept in this browser, keyed by each item's stable id.
  document.querySelectorAll("[data-checklist]").forEach(function (list) {
    var key = list.getAttribute("data-checklist");
    var boxes = list.querySelectorAll("input[data-item]");
    var tools = list.querySelector(".checklist-tools");
    var done = list.querySelector(".checklist-progress .done");
    var state = {};
    try { state = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }

    function save() {
      try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }
    function count() {
      var n = 0;
      boxes.forEach(function (b) { if (b.checked) { n += 1; } });
      if (done) { done.textContent = String(n); }
    }
    boxes.forEach(function (box) {
      var id = box.getAttribute("data-item");
      box.checked = state[id] === true;
      box.addEventListener("change", function () {
        if (box.checked) { state[id] = true; } else { delete state[id]; }
        save();
        count();
      });
    });
    if (tools) {
      tools.hidden = false;
      tools.addEventListener("click", function (event) {
        var action = event.target.getAttribute && event.target.getAttribute("data-action");
        if (action === "print") { window.print(); }
        if (action === "reset") {
          state = {};
          save();
          boxes.forEach(function (b) { b.checked = false; });
          count();
        }
      });
    }
    count();
  });
})();
