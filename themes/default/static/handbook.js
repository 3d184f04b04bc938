// handbook: small enhancements. Every page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The way from this page to the site's root (`../../`), as the build writes it on this
  // script's tag; the other files' addresses are on the elements that load them.
  var self = document.currentScript || document.querySelector("script[data-root]");
  var siteRoot = self ? self.getAttribute("data-root") || "" : "";
  var samePage = function (a, b) {
    var bare = function (u) { return u.replace(/index\.html$/, ""); };
    return bare(a) === bare(b);
  };

  // Navigation toggle on narrow screens: its label says what it does next (the words come
  // from the page), and Escape closes the menu, returning to the button.
  var toggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (toggle && sidebar) {
    toggle.hidden = false;
    var labels = { closed: toggle.textContent, open: toggle.getAttribute("data-close-label") || toggle.textContent };
    var setOpen = function (open) {
      sidebar.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? labels.open : labels.closed;
    };
    toggle.addEventListener("click", function () {
      setOpen(!sidebar.classList.contains("is-open"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && sidebar.classList.contains("is-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // The page's references are folded: a citation opens them at its source (browsers that
  // reveal a fragment's closed details do so already), and printing shows them all.
  var folds = document.querySelectorAll(".references-fold");
  var reveal = function () {
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var fold = target && target.closest(".references-fold");
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  };
  window.addEventListener("hashchange", reveal);
  reveal();
  window.addEventListener("beforeprint", function () {
    folds.forEach(function (fold) { fold.open = true; });
  });

  // On a desktop the menu sticks below the header. Where the footer comes into view at the
  // end of a page, the menu ends above it (style.css reads --footer-shown), so that its top
  // never slides under the header.
  var footer = document.querySelector(".site-footer");
  if (sidebar && footer) {
    var shown = -1;
    var fitSidebar = function () {
      var now = Math.max(0, Math.ceil(window.innerHeight - footer.getBoundingClientRect().top));
      if (now !== shown) {
        shown = now;
        sidebar.style.setProperty("--footer-shown", now + "px");
      }
    };
    fitSidebar();
    window.addEventListener("scroll", fitSidebar, { passive: true });
    window.addEventListener("resize", fitSidebar);
  }

  // On-page contents: open beside the text on wide screens (75rem, as in style.css), folded
  // to its "On this page" line on narrow ones, where it would push the text down. Without
  // this script it stays open everywhere.
  var toc = document.querySelector(".toc-details");
  if (toc && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 75rem)");
    var fitToc = function () { toc.open = wide.matches; };
    fitToc();
    if (wide.addEventListener) { wide.addEventListener("change", fitToc); }

    // The entry for the part being read is marked (aria-current="location") as the page scrolls.
    var entries = [];
    toc.querySelectorAll("a[href^='#']").forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target) { entries.push({ link: link, target: target }); }
    });
    var current = null;
    var mark = function () {
      var here = null;
      entries.forEach(function (e) {
        if (e.target.getBoundingClientRect().top < window.innerHeight * 0.25) { here = e; }
      });
      if (here === current) { return; }
      if (current) { current.link.removeAttribute("aria-current"); }
      if (here) { here.link.setAttribute("aria-current", "location"); }
      current = here;
    };
    var pending = false;
    window.addEventListener("scroll", function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; mark(); });
    }, { passive: true });
    mark();
  }

  // A large handbook's pages carry only the part of the menu around them; the whole menu is
  // one shared script (a script, not a fetch, so that it also loads from file://). It
  // replaces the inline part with the same markup, keeping the focus where it was.
  if (sidebar && sidebar.hasAttribute("data-nav")) {
    var navScript = document.createElement("script");
    navScript.src = sidebar.getAttribute("data-nav");
    navScript.onload = function () {
      if (typeof window.handbookNav === "string") { showWholeNav(window.handbookNav); }
    };
    document.head.appendChild(navScript);
  }
  // The file holds the sidebar's own markup (made by the build, as the inline part is),
  // with links from the site's root and every section's pages: here it is rebased on this
  // page, the page and its section are marked, and only that section's pages stay.
  function showWholeNav(html) {
    var here = sidebar.getAttribute("data-here");
    var list = document.createElement("ul");
    list.className = "nav-list";
    list.innerHTML = html;
    Array.prototype.forEach.call(list.querySelectorAll("a"), function (a) {
      var u = a.getAttribute("href");
      a.setAttribute("href", siteRoot + u);
      if (samePage(u, here)) { a.setAttribute("aria-current", "page"); }
    });
    Array.prototype.forEach.call(list.children, function (item) {
      var pages = item.querySelector(".nav-pages");
      if (item.querySelector("[aria-current]")) {
        item.className = "is-current";
      } else if (pages) {
        item.removeChild(pages);
      }
    });
    var old = sidebar.querySelector(".nav-list");
    var focused = old && old.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    sidebar.replaceChild(list, old);
    if (focused) {
      var same = Array.prototype.find.call(list.querySelectorAll("a"), function (a) { return a.getAttribute("href") === focused; });
      if (same) { same.focus(); }
    }
    sidebar.setAttribute("data-whole", "");
  }

  // Search: the box shows only where this script runs; the client and the index load on
  // first use. `/` (not while typing in a field) and Ctrl-K or Cmd-K focus the box.
  // The page carries an empty form (its words in its attributes); the box is made here, so
  // that pages without scripts carry none of it.
  var search = document.querySelector(".site-search");
  if (search && !search.querySelector("input")) {
    // Built as elements, not as markup, so no text needs escaping.
    var make = function (tag, attributes, text) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
      if (text) { element.textContent = text; }
      search.appendChild(element);
      return element;
    };
    make("label", { "class": "visually-hidden", "for": "search-input" }, search.getAttribute("aria-label") || "Search");
    make("input", {
      id: "search-input", "class": "search-input", name: "q", type: "text", inputmode: "search",
      enterkeyhint: "search", placeholder: search.getAttribute("data-placeholder") || "Search",
      autocomplete: "off", spellcheck: "false", role: "combobox", "aria-expanded": "false",
      "aria-controls": "search-results", "aria-autocomplete": "list"
    });
    make("kbd", { "class": "search-key", "aria-hidden": "true" }, "/");
    make("div", { id: "search-results", "class": "search-results", role: "listbox", "aria-label": "Search results", hidden: "" });
    make("p", { id: "search-status", "class": "visually-hidden", role: "status" });
  }
  var searchInput = document.getElementById("search-input");
  if (search && searchInput) {
    search.hidden = false;
    var client = null;
    // The client and the index's search/meta.js are fetched together, and run in that order
    // (`async` off), meta.js calling into the client, which finds its tag by data-search-file.
    var loadClient = function () {
      if (client) { return; }
      client = document.createElement("script");
      client.src = search.getAttribute("data-script");
      client.setAttribute("data-root", siteRoot);
      client.async = false;
      document.head.appendChild(client);
      var meta = document.createElement("script");
      meta.src = siteRoot + "search/meta.js";
      meta.setAttribute("data-search-file", "search/meta.js");
      meta.async = false;
      document.head.appendChild(meta);
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

  // Checklists: ticks and entries kept in this browser only. Ticks are keyed by each
  // item's stable id; entries by field id, or by table id, row and column, so both survive
  // a reordering of the checklist.
  function stored(key) {
    try { return JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  document.querySelectorAll("[data-checklist]").forEach(function (list) {
    var key = list.getAttribute("data-checklist");
    var entriesKey = key + ":entries";
    var boxes = list.querySelectorAll("input[data-item]");
    var fields = list.querySelectorAll("input[data-entry], textarea[data-entry]");
    var tools = list.querySelector(".checklist-tools");
    var done = list.querySelector(".checklist-progress .done");
    var state = stored(key);
    var entries = stored(entriesKey);

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
        store(key, state);
        count();
      });
    });
    fields.forEach(function (field) {
      var id = field.getAttribute("data-entry");
      if (typeof entries[id] === "string") { field.value = entries[id]; }
      // The value attribute (a text area's text) follows the input, and the box's container
      // carries the answer too (data-answer), which print shows in full, wrapped, in place
      // of a box that would cut it at its edge.
      function mirror() {
        if (field.tagName === "TEXTAREA") { field.textContent = field.value; } else { field.setAttribute("value", field.value); }
        if (field.value) {
          field.parentElement.setAttribute("data-answer", field.value);
        } else {
          field.parentElement.removeAttribute("data-answer");
        }
      }
      mirror();
      field.addEventListener("input", function () {
        if (field.value) { entries[id] = field.value; } else { delete entries[id]; }
        mirror();
        store(entriesKey, entries);
      });
    });
    if (tools) {
      tools.hidden = false;
      // The toolbar sticks below the header: whatever is focused or jumped to is kept clear
      // of both (WCAG 2.4.11), with the page's scroll padding at the toolbar's bottom.
      var clear = function () {
        var style = window.getComputedStyle(tools);
        var sticky = style.position === "sticky";
        var top = parseFloat(style.top) || 0;
        document.documentElement.style.scrollPaddingTop = sticky ? (top + tools.offsetHeight + 16) + "px" : "";
      };
      clear();
      window.addEventListener("resize", clear);
      tools.addEventListener("click", function (event) {
        var action = event.target.getAttribute && event.target.getAttribute("data-action");
        if (action === "print") { window.print(); }
        if (action === "reset") {
          state = {};
          store(key, state);
          boxes.forEach(function (b) { b.checked = false; });
          count();
        }
        // Typed answers are work: clearing them asks first, in the page's own words.
        var question = event.target.getAttribute("data-confirm");
        if (action === "clear-entries" && (!question || window.confirm(question))) {
          entries = {};
          store(entriesKey, entries);
          fields.forEach(function (f) {
            f.value = "";
            if (f.tagName === "TEXTAREA") { f.textContent = ""; } else { f.setAttribute("value", ""); }
            f.parentElement.removeAttribute("data-answer");
          });
        }
      });
    }
    count();
  });
})();
