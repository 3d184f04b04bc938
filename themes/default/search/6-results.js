  // is what the reader asked for: its score is multiplied by this.
  var NAMED = { equal: 4, start: 2.5, contains: 1.5 };
  function named(heading, asked) {
    var said = stemsOf(heading);
    if (asked.length === 0 || said.length === 0) { return 1; }
    var has = function (s) { return said.indexOf(s) >= 0; };
    if (!asked.every(has)) { return 1; }
    if (said.length === asked.length) { return NAMED.equal; }
    var starts = asked.every(function (s, i) { return said[i] === s; });
    return starts ? NAMED.start : NAMED.contains;
  }
  // The weight of a completion of the word being typed: beside a whole word the index has,
  // and alone.
  var COMPLETION = { afterWord: 0.3, only: 0.75 };
  // Pages for the handbook's editors (`audience: editors`) rank below readers' pages and
  // are shown after them, labelled in the page's words (the search form's data-editors).
  var EDITORS_WEIGHT = 0.35;
  var siteSearch = document.querySelector(".site-search");
  var EDITORS_LABEL = (siteSearch && siteSearch.getAttribute("data-editors")) || "For editors";
  var UNAVAILABLE = (siteSearch && siteSearch.getAttribute("data-unavailable")) || "Search is unavailable";
  // The ranked blocks looked at for a heading that names the query.
  var CANDIDATES = 24;

  function query(text, limit) {
    limit = limit || SHOWN;
    return start().then(function () {
      // The index did not load: `null`, which the boxes show as search being unavailable.
      if (!meta) { return null; }
      var terms = parse(text);
      if (terms.length === 0) { return []; }
      var asked = stemsOf(terms.map(function (t) { return t.word; }).join(" "));
      return rank(terms).then(function (r) {
        var pool = r.ranked.slice(0, CANDIDATES);
        return Promise.all(pool.map(function (hit) { return fragmentOf(hit.doc); })).then(function (fragments) {
          pool.forEach(function (hit, i) {
            var f = fragments[i];
            var block = f && f.b[hit.doc % meta.blocksPerPage];
            if (!block) { return; }
            hit.score *= named(block[1] || f.t, asked) * (f.e ? EDITORS_WEIGHT : 1);
          });
          pool.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
          return pool.concat(r.ranked.slice(CANDIDATES));
        }).then(function (ranked) {
          var chosen = [], perPage = new Map();
          for (var i = 0; i < ranked.length && chosen.length < limit; i++) {
            var page = Math.floor(ranked[i].doc / meta.blocksPerPage);
            var count = perPage.get(page) || 0;
            if (count >= PER_PAGE) { continue; }
            perPage.set(page, count + 1);
            chosen.push(ranked[i]);
          }
          return Promise.all(chosen.map(function (hit) {
            return fragmentOf(hit.doc).then(function (f) {
              var block = f && f.b[hit.doc % meta.blocksPerPage];
              if (!block) { return null; }
              var cut = excerpt(block[2], terms, r.stems);
              return {
                url: root + f.u + (block[0] ? "#" + block[0] : ""),
                title: f.t,
                heading: block[1],
                excerpt: cut.text,
                excerptHtml: cut.html,
                score: hit.score,
                forEditors: Boolean(f.e)
              };
            });
          }));
        }).then(function (results) {
          var found = results.filter(Boolean);
          return found.filter(function (x) { return !x.forEditors; })
            .concat(found.filter(function (x) { return x.forEditors; }));
        });
      });
    });
  }
  // `query` is the API; `words` and `distance` are exposed for the tests that hold them to
  // the build's own rules.
  window.handbookSearch = { query: query, words: words, distance: distance };
  // The small statistics file, fetched while the reader types the first letters.
  start();

