  // The weight of a completion of the word being typed: beside a whole word the index has,
  // and alone.
  var COMPLETION = { afterWord: 0.3, only: 0.75 };
  // Pages for the handbook's editors (`audience: editors`) rank below readers' pages and
  // are shown after them, labelled in the page's words (the search form's data-editors).
  var EDITORS_WEIGHT = 0.35;
  var siteSearch = document.querySelector(".site-search");
  // Words the boxes show, from the templates' data-* attributes (`name`), with `{query}` and
  // `{count}` filled in; `fallback` serves a theme whose templates lack the attribute.
  function wording(element, name, fallback, values) {
    var text = (element && element.getAttribute("data-" + name)) || fallback;
    return text.replace(/\{(query|count)\}/g, function (all, key) {
      return values && key in values ? String(values[key]) : all;
    });
  }
  var EDITORS_LABEL = wording(siteSearch, "editors", "For editors");
  var UNAVAILABLE = wording(siteSearch, "unavailable", "Search is unavailable");
  // The ranked blocks looked at for a heading that names the query.
  var CANDIDATES = 24;
  // The pages shown in the box's drop-down, and the sections shown beneath a page there and
  // on the search page.
  var SHOWN = 8;
  var SECTIONS = { box: 1, page: 2 };
  // The words of an excerpt: a page's best section, and each section beneath it.
  var EXCERPT_WORDS = { best: 30, section: 16 };

  // The ranked blocks grouped by page, best page first: at most `limit` pages, each with its
  // best block and up to `more` of its other blocks.
  function byPage(ranked, limit, more) {
    var pages = [], found = new Map();
    ranked.forEach(function (hit) {
      var page = Math.floor(hit.doc / meta.blocksPerPage);
      var entry = found.get(page);
      if (!entry) {
        entry = { best: hit, blocks: [] };
        found.set(page, entry);
        pages.push(entry);
      }
      entry.blocks.push(hit);
    });
    return pages.slice(0, limit).map(function (entry) {
      return { best: entry.best, score: entry.best.score, more: entry.blocks.slice(1, 1 + more) };
    });
  }
  // A block as a link: its address (with its anchor), heading and excerpt of `length` words.
  function link(f, hit, terms, stems, length) {
    var block = f && f.b[hit.doc % meta.blocksPerPage];
    if (!block) { return null; }
    var cut = excerpt(block[2], terms, stems, length);
    return {
      url: root + f.u + (block[0] ? "#" + block[0] : ""),
      heading: block[1],
      excerpt: cut.text,
      excerptHtml: cut.html
    };
  }

  // The results for `text`: one per page, best first (readers' pages before editors'), each
  // linking to its best block, with up to `more` other matching sections of the page.
  // `wanted`, when given, is asked once the pages are ranked whether their fragments are
  // still wanted (a promise of true or false): the box's query is not once another key has
  // been typed, and is then answered `undefined`, having fetched no fragment.
  function query(text, limit, more, wanted) {
    limit = limit || SHOWN;
    more = more === undefined ? SECTIONS.page : more;
    return start().then(function () {
      // The index did not load: `null`, which the boxes show as search being unavailable.
      if (!meta) { return null; }
      var terms = parse(text);
      if (terms.length === 0) { return []; }
      return rank(terms).then(function (r) {
        var typed = words(text);
        var asked = { terms: r.terms, weight: r.weight, words: new Set(typed), first: typed[0], typed: typed };
        var pool = r.top(CANDIDATES);
        // The candidates' names as the index tells them: no page is fetched to rank them.
        pool.forEach(function (hit) {
          hit.score = rescore(hit, nameFromIndex(hit.doc, asked), asked) * (forEditors(hit.doc) ? EDITORS_WEIGHT : 1);
        });
        pool.sort(byScore);
        return (wanted ? wanted() : Promise.resolve(true)).then(function (yes) {
          return yes ? shownResults(r, pool, asked, terms, limit, more) : undefined;
        });
      });
    });
  }
  // The first `limit` pages of the pool and the blocks ranked after it, each with its best
  // block: the blocks after the pool are put in order only as far as those pages need.
  function firstPages(r, pool, limit) {
    for (var k = CANDIDATES + 4 * limit; ; k *= 4) {
      var shown = byPage(pool.concat(r.top(k).slice(CANDIDATES)), limit, 0);
      if (shown.length >= limit || k >= r.count) { return shown; }
    }
  }
  // The results shown of the ranked blocks `r` (the best `pool` of them weighed by their
  // names as the index tells them), with their fragments fetched.
  function shownResults(r, pool, asked, terms, limit, more) {
    var shown = firstPages(r, pool, limit);
    var pages = new Set(shown.map(function (entry) { return pageOf(entry.best.doc); }));
    // The pages shown are fetched for their excerpts anyway: their candidates' names are
    // then weighed in full (stop words, words of one family, a question word).
    return Promise.all(shown.map(function (entry) { return fragmentOf(entry.best.doc); })).then(function () {
      var kept = pool.filter(function (hit) { return pages.has(pageOf(hit.doc)); });
      return Promise.all(kept.map(function (hit) { return fragmentOf(hit.doc); })).then(function (fragments) {
        kept.forEach(function (hit, i) {
          var f = fragments[i];
          var block = f && f.b[hit.doc % meta.blocksPerPage];
          if (!block) { return; }
          hit.score = rescore(hit, nameFromText(block[1] || f.t), asked) * phrase(block[2], asked) *
            (f.e ? EDITORS_WEIGHT : 1);
        });
        kept.sort(byScore);
        return kept.concat(r.onPages(pages, CANDIDATES));
      });
    }).then(function (ranked) {
      return Promise.all(byPage(ranked, limit, more).map(function (entry) {
        return fragmentOf(entry.best.doc).then(function (f) {
          var best = link(f, entry.best, terms, r.stems, EXCERPT_WORDS.best);
          if (!best) { return null; }
          best.title = f.t;
          best.score = entry.score;
          best.forEditors = Boolean(f.e);
          best.sections = entry.more.map(function (hit) {
            return link(f, hit, terms, r.stems, EXCERPT_WORDS.section);
          }).filter(Boolean);
          return best;
        });
      }));
    }).then(function (results) {
      var found = results.filter(Boolean);
      return found.filter(function (x) { return !x.forEditors; })
        .concat(found.filter(function (x) { return x.forEditors; }));
    });
  }
  // `query` is the API; `words` and `distance` are exposed for the tests that hold them to
  // the build's own rules.
  window.handbookSearch = { query: query, words: words, distance: distance };
  // The engine compiles a function once it has run, and a first query ran the ranking and
  // the excerpts as cold code: about 9 of the 66 ms of a first query at 10,000 pages
  // (bench/search/, 40 queries alternated with and without this). Once meta.js is in, they
  // run once on made-up postings (`blocks` blocks for each of two terms, some page steps of
  // two digits) and text, while the reader is still typing.
  var WARM_UP = {
    blocks: 3000,
    text: "Mentors and mentees meet regularly; each meeting is planned, recorded and reviewed. " +
      "The committee pairs every mentee with a trained mentor and follows up on feedback."
  };
  function warmUp() {
    var perTerm = [1, 2].map(function (weight) {
      var text = "";
      for (var k = 0; k < WARM_UP.blocks; k++) {
        text += (k % 10 === 0 ? DIGITS[40] + DIGITS[1] : DIGITS[1]) + DIGITS[k % 7] + DIGITS[1 + k % 5];
      }
      return { word: "", stem: null, hits: postingsOf(text, weight, 1), stems: new Map(), weight: weight };
    });
    var r = combine(perTerm);
    var shown = byPage(r.top(CANDIDATES), SHOWN, SECTIONS.page);
    r.onPages(new Set(shown.map(function (entry) { return pageOf(entry.best.doc); })), CANDIDATES);
    var terms = [{ word: "meeting", prefix: false }, { word: "train", prefix: true }];
    excerpt(WARM_UP.text + " " + WARM_UP.text, terms, new Map([["meet", 1], ["train", 1]]), EXCERPT_WORDS.best);
  }
  // The small statistics file, fetched while the reader types the first letters.
  start().then(function (m) {
    if (m) { setTimeout(warmUp, 0); }
  });

