// handbook search: the client of the index that `handbook build` writes under search/.
// Loaded by handbook.js when a reader first uses the search box. Every index file is a
// script that calls back into `hbSearch`, so the same code works from a server and from a
// folder opened with no server (where fetch() of local files is refused).
//
// Words are split and folded exactly as the build does (src/search/text.rs), and stemmed by
// the same algorithm (English: a port held to the build's by a parity test); the index's
// own word list adds completions and typo tolerance.
(function () {
  "use strict";
  if (window.handbookSearch) { return; }

  var script = document.currentScript;
  // The way from the page to the site's root, which handbook.js puts on this script's tag.
  var root = script.getAttribute("data-root") || "";
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:['\u2019][\p{Alphabetic}\p{N}\p{M}]+)*/gu;
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var SHOWN = 8;
  var PER_PAGE = 3;

  // ---- Loading index files as scripts -------------------------------------------------
  var waiting = {};
  var loaded = {};
  function arrive(id, value) {
    loaded[id] = value;
    if (waiting[id]) { waiting[id].resolve(value); }
  }
  function load(id, path) {
    if (waiting[id]) { return waiting[id].promise; }
    // A file may bring more than the part it was loaded for.
    if (id in loaded) { return Promise.resolve(loaded[id]); }
    var slot = {};
    slot.promise = new Promise(function (resolve) {
      slot.resolve = resolve;
      var tag = document.createElement("script");
      tag.src = root + path;
      tag.async = true;
      tag.onerror = function () { resolve(null); };
      tag.onload = function () { if (!(id in loaded)) { resolve(null); } };
      document.head.appendChild(tag);
    });
    waiting[id] = slot;
    return slot.promise;
  }
  window.hbSearch = {
    m: function (meta) { arrive("meta", meta); },
    w: function (key, text) { arrive("w:" + key, parseWords(text)); },
    p: function (key, stems) { arrive("p:" + key, stems); },
    f: function (chunk, fragments) { arrive("f:" + chunk, fragments); }
  };

  var meta = null;
  function start() {
    return load("meta", "search/meta.js").then(function (m) {
      if (m && !meta) {
        meta = m;
        meta.stopSet = new Set(m.stop);
        meta.wSet = new Set(m.w);
        meta.pSet = new Set(m.p);
        meta.pIndex = new Map(m.p.map(function (k, i) { return [k, i]; }));
      }
      return meta;
    });
  }

  function fileKey(key) {
    return key.replace(/[^a-z0-9]/gu, function (c) {
      return "_" + c.codePointAt(0).toString(16) + "_";
    });
  }
  // The shard holding `name`: the longest key that is a prefix of it.
  function keyOf(keys, name) {
    var chars = Array.from(name);
    for (var n = Math.min(chars.length, 16); n > 0; n--) {
      var k = chars.slice(0, n).join("");
      if (keys.has(k)) { return k; }
    }
    return null;
  }
  function wordShard(key) {
    return load("w:" + key, "search/w/" + fileKey(key) + ".js");
  }
  // The file holding a postings shard: small shards share a file, named by its first key.
  function postingFile(key) {
    var at = meta.pIndex.get(key), starts = meta.pg;
    if (!starts || at === undefined) { return key; }
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) { lo = mid; } else { hi = mid - 1; }
    }
    return meta.p[starts[lo]];
  }
  function postingShard(key) {
    return load("p:" + key, "search/p/" + fileKey(postingFile(key)) + ".js");
  }
  function parseWords(text) {
    var map = new Map();
    if (!text) { return map; }
    text.split(";").forEach(function (entry) {
      var parts = entry.split(",");
      map.set(parts[0], { stem: parts[1] || parts[0], df: Number(parts[2]) });
    });
    return map;
  }

  // ---- Words ----------------------------------------------------------------------------

  // <stemmer> Snowball's English stemmer (Porter2), written here from the published
  // algorithm so that a typed word meets the stems the build indexed (rust-stemmers, in
  // src/search/text.rs). The parity test (tests/testsuite/stemmer.rs) runs this block and the
  // build's stemmer over a committed list of English words and the handbook's own, and
  // requires the same stem for every one. Letters outside a-z count as consonants, as there.
  var stemEnglish = (function () {
    var EXCEPTIONS = {
      skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
      gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
      sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias",
      andes: "andes"
    };
    var AFTER_STEP_1A = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
    var PREFIXES = ["gener", "commun", "arsen"];
    var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
    var STEP_2 = [
      ["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"],
      ["iveness", "ive"], ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"],
      ["entli", "ent"], ["ation", "ate"], ["alism", "al"], ["aliti", "al"], ["ousli", "ous"],
      ["iviti", "ive"], ["fulli", "ful"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"],
      ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""]
    ];
    var STEP_3 = [
      ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
      ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]
    ];
    var STEP_4 = [
      "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
      "ive", "ize", "ion", "al", "er", "ic"
    ];
    function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

    return function (word) {
      if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) { return EXCEPTIONS[word]; }
      var w = Array.from(word);
      if (w.length < 3) { return word; }
      function ends(suffix) {
        return w.length >= suffix.length && w.slice(w.length - suffix.length).join("") === suffix;
      }
      function replace(length, by) { w.splice.apply(w, [w.length - length, length].concat(Array.from(by))); }
      // The longest of `list`'s suffixes (a string or the first of a pair) that ends the word.
      function longest(list) {
        var best = null;
        list.forEach(function (entry) {
          var suffix = typeof entry === "string" ? entry : entry[0];
          if (ends(suffix) && (!best || suffix.length > (typeof best === "string" ? best : best[0]).length)) { best = entry; }
        });
        return best;
      }
      // A short syllable ends at `end`: consonant (not w, x or Y), vowel, consonant; or, at
      // the start of the word, vowel then consonant.
      function shortSyllable(end) {
        if (end >= 3) {
          var last = w[end - 1];
          if (!isVowel(last) && last !== "w" && last !== "x" && last !== "Y" && isVowel(w[end - 2]) && !isVowel(w[end - 3])) { return true; }
        }
        return end === 2 && isVowel(w[0]) && !isVowel(w[1]);
      }
      function hasVowel(from, to) {
        for (var i = from; i < to; i++) { if (isVowel(w[i])) { return true; } }
        return false;
      }

      // Prelude: no leading apostrophe; a y that starts the word or follows a vowel is a
      // consonant, written Y until the end.
      if (w[0] === "'") { w.shift(); }
      var found = false;
      for (var i = 0; i < w.length; i++) {
        if (w[i] === "y" && (i === 0 || isVowel(w[i - 1]))) { w[i] = "Y"; found = true; }
      }
      // R1 starts after the first consonant that follows a vowel (or after a listed prefix),
      // R2 likewise within R1.
      function after(from) {
        var i = from;
        while (i < w.length && !isVowel(w[i])) { i++; }
        while (i < w.length && isVowel(w[i])) { i++; }
        return i < w.length ? i + 1 : w.length;
      }
      var joined = w.join("");
      var prefix = PREFIXES.filter(function (p) { return joined.indexOf(p) === 0; })[0];
      var p1 = prefix ? prefix.length : after(0);
      var p2 = after(p1);

      // Step 0 and 1a: possessives, then plurals.
      var possessive = longest(["'s'", "'s", "'"]);
      if (possessive) { replace(possessive.length, ""); }
      if (ends("sses")) { replace(4, "ss"); }
      else if (ends("ied") || ends("ies")) { replace(3, w.length > 4 ? "i" : "ie"); }
      else if (ends("us") || ends("ss")) { /* kept */ }
      else if (ends("s") && hasVowel(0, w.length - 2)) { replace(1, ""); }

      if (AFTER_STEP_1A.indexOf(w.join("")) < 0) {
        // Step 1b
        var suffix = longest(["eedly", "ingly", "edly", "eed", "ing", "ed"]);
        if (suffix === "eed" || suffix === "eedly") {
          if (w.length - suffix.length >= p1) { replace(suffix.length, "ee"); }
        } else if (suffix && hasVowel(0, w.length - suffix.length)) {
          replace(suffix.length, "");
          if (ends("at") || ends("bl") || ends("iz")) { w.push("e"); }
          else if (DOUBLES.some(ends)) { w.pop(); }
          else if (w.length === p1 && shortSyllable(w.length)) { w.push("e"); }
        }
        // Step 1c
        var n = w.length;
        if ((w[n - 1] === "y" || w[n - 1] === "Y") && n > 2 && !isVowel(w[n - 2])) { w[n - 1] = "i"; }
        // Step 2, in R1
        var s2 = longest(STEP_2);
        if (s2 && w.length - s2[0].length >= p1) {
          var before = w[w.length - s2[0].length - 1];
          if (s2[0] === "ogi") { if (before === "l") { replace(3, "og"); } }
          else if (s2[0] === "li") { if (before && "cdeghkmnrt".indexOf(before) >= 0) { replace(2, ""); } }
          else { replace(s2[0].length, s2[1]); }
        }
        // Step 3, in R1 (ative in R2)
        var s3 = longest(STEP_3);
        if (s3 && w.length - s3[0].length >= p1 && (s3[0] !== "ative" || w.length - 5 >= p2)) {
          replace(s3[0].length, s3[1]);
        }
        // Step 4, in R2 (ion after s or t)
        var s4 = longest(STEP_4);
        if (s4 && w.length - s4.length >= p2) {
          var prior = w[w.length - s4.length - 1];
          if (s4 !== "ion" || prior === "s" || prior === "t") { replace(s4.length, ""); }
        }
        // Step 5
        n = w.length;
        if (w[n - 1] === "e" && (n - 1 >= p2 || (n - 1 >= p1 && !shortSyllable(n - 1)))) { w.pop(); }
        else if (w[n - 1] === "l" && n - 1 >= p2 && w[n - 2] === "l") { w.pop(); }
      }
      var out = w.join("");
      return found ? out.replace(/Y/g, "y") : out;
    };
  })();
  // </stemmer>
  // The stemmers this file has, by the name the index's meta.js gives (`stemmer`).
  var STEMMERS = { english: stemEnglish };
  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/\u2019/g, "'").toLowerCase();
  }
  function words(text) {
    return (text.match(WORD) || []).map(fold);
  }
  // Optimal string alignment distance, stopping early beyond `max`.
  function distance(a, b, max) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) { return max + 1; }
    var prev2 = [], prev = [], row;
    for (var j = 0; j <= b.length; j++) { prev[j] = j; }
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        row[j] = v;
        if (v < best) { best = v; }
      }
      if (best > max) { return max + 1; }
      prev2 = prev; prev = row;
    }
    return prev[b.length];
  }
  function typoLimit(word) {
    var n = Array.from(word).length;
    return n >= 9 ? 2 : n >= 5 ? 1 : 0;
  }

  // The words shards a term needs: its own, plus, for a prefix, the shards of longer keys.
  function shardsFor(term) {
    var keys = [];
    var own = keyOf(meta.wSet, term.word);
    if (own) { keys.push(own); }
    if (term.prefix || typoLimit(term.word) > 0) {
      var head = term.prefix ? term.word : Array.from(term.word).slice(0, 3).join("");
      meta.w.forEach(function (k) {
        if (k !== own && k.indexOf(head) === 0) { keys.push(k); }
      });
    }
    return keys;
  }

  // What a term matches: stems with weights (exact 1, completions and typos less).
  function variants(term, maps) {
    var found = new Map();
    function add(stem, weight) {
      if (!found.has(stem) || found.get(stem) < weight) { found.set(stem, weight); }
    }
    var exact = null;
    maps.forEach(function (m) { if (m && m.has(term.word)) { exact = m.get(term.word); } });
    if (exact && !meta.stopSet.has(term.word)) { add(exact.stem, 1); }
    // A form the handbook never uses still finds its stem ("rewarding": "reward"). Whether
    // the index has that stem is known once its postings are loaded: until then typos are
    // looked for too, and `rank` drops them if the stem is found.
    var stemmer = STEMMERS[meta.stemmer];
    var guess = stemmer && !meta.stopSet.has(term.word) ? stemmer(term.word) : null;
    var guessed = guess !== null && !found.has(guess);
    if (guess !== null) { add(guess, 1); }
    var n = Array.from(term.word).length;
    if (term.prefix) {
      var completions = [];
      maps.forEach(function (m) {
        if (!m) { return; }
        m.forEach(function (entry, word) {
          if (word !== term.word && word.indexOf(term.word) === 0) {
            completions.push(entry);
          }
        });
      });
      completions.sort(function (a, b) { return b.df - a.df; });
      // A word typed whole is most likely the word meant: its completions count for less.
      var completion = exact || guess !== null ? COMPLETION.afterWord : COMPLETION.only;
      var take = n <= 2 ? 1 : n === 3 ? 2 : 3;
      var seen = 0;
      completions.forEach(function (entry) {
        if (seen < take && !found.has(entry.stem)) { seen++; add(entry.stem, completion); }
      });
    }
    var limit = typoLimit(term.word);
    found.typos = new Set();
    found.guess = guessed ? guess : null;
    if (!exact && found.size === (guessed ? 1 : 0) && limit > 0) {
      var near = [];
      maps.forEach(function (m) {
        if (!m) { return; }
        m.forEach(function (entry, word) {
          var d = distance(term.word, word, limit);
          if (d <= limit) { near.push({ entry: entry, d: d }); }
        });
      });
      near.sort(function (a, b) { return a.d - b.d || b.entry.df - a.entry.df; });
      near.slice(0, 3).forEach(function (x) {
        if (!found.has(x.entry.stem)) { found.typos.add(x.entry.stem); }
        add(x.entry.stem, x.d === 1 ? 0.6 : 0.4);
      });
    }
    return found;
  }

  function decode(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text[i]);
      if (d >= 32) { value += (d - 32) * Math.pow(32, shift); shift++; }
      else { out.push(value + d * Math.pow(32, shift)); value = 0; shift = 0; }
    }
    return out;
  }

  function parse(text) {
    var list = words(text);
    var typing = list.length > 0 && !/[\s\p{P}]$/u.test(text);
    var terms = [];
    list.forEach(function (word, i) {
      var prefix = typing && i === list.length - 1;
      if (meta.stopSet.has(word) && !prefix) { return; }
      if (terms.some(function (t) { return t.word === word; })) { return; }
      terms.push({ word: word, prefix: prefix });
    });
    return terms;
  }

  // ---- Ranking ----------------------------------------------------------------------------
  function rank(terms) {
    return Promise.all(terms.map(function (term) {
      return Promise.all(shardsFor(term).map(wordShard)).then(function (maps) {
        var found = variants(term, maps);
        var stems = Array.from(found.keys());
        return Promise.all(stems.map(function (stem) {
          var key = keyOf(meta.pSet, stem);
          return key ? postingShard(key) : Promise.resolve(null);
        })).then(function (shards) {
          var scores = new Map();
          var guessFound = stems.some(function (stem, i) {
            return stem === found.guess && shards[i] && shards[i][stem];
          });
          stems.forEach(function (stem, i) {
            var entry = shards[i] && shards[i][stem];
            if (!entry || (guessFound && found.typos.has(stem))) { return; }
            var df = entry[0];
            var idf = Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));
            var weight = found.get(stem) * idf;
            var v = decode(entry[1]), page = 0;
            for (var k = 0; k < v.length; k += 3) {
              page += v[k];
              var doc = page * meta.blocksPerPage + v[k + 1];
              var s = weight * v[k + 2];
              if (!(scores.get(doc) >= s)) { scores.set(doc, s); }
            }
          });
          return { scores: scores, stems: found };
        });
      });
    })).then(function (perTerm) {
      var total = new Map(), matched = new Map();
      perTerm.forEach(function (t) {
        t.scores.forEach(function (s, doc) {
          total.set(doc, (total.get(doc) || 0) + s);
          matched.set(doc, (matched.get(doc) || 0) + 1);
        });
      });
      // A block's score is its own, scaled by the share of the query's words it holds, plus
      // a quarter of what the rest of its page scores: a hit in a page that is about the
      // query as a whole comes before an equal hit in a page that mentions it once.
      var n = terms.length;
      var own = new Map(), pages = new Map();
      total.forEach(function (s, doc) {
        var score = s * matched.get(doc) / n;
        own.set(doc, score);
        var page = Math.floor(doc / meta.blocksPerPage);
        pages.set(page, (pages.get(page) || 0) + score);
      });
      var ranked = [];
      own.forEach(function (score, doc) {
        var rest = pages.get(Math.floor(doc / meta.blocksPerPage)) - score;
        ranked.push({ doc: doc, score: score + 0.25 * rest });
      });
      ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      var stems = new Map();
      perTerm.forEach(function (t) { t.stems.forEach(function (w, s) { stems.set(s, w); }); });
      return { ranked: ranked, stems: stems };
    });
  }

  // ---- Results and excerpts -----------------------------------------------------------------
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function stemOf(word) {
    var key = keyOf(meta.wSet, word);
    var map = key && loaded["w:" + key];
    var entry = map && map.get(word);
    return entry ? entry.stem : null;
  }
  function isHit(word, terms, stems) {
    var stem = stemOf(word);
    if (stem && stems.has(stem)) { return true; }
    return terms.some(function (t) { return t.prefix && word.indexOf(t.word) === 0; });
  }
  // About 30 words around the first run of matches, with the matches marked.
  function excerpt(text, terms, stems) {
    var spans = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      spans.push({ at: m.index, end: m.index + m[0].length, hit: isHit(fold(m[0]), terms, stems) });
    }
    var first = spans.findIndex(function (s) { return s.hit; });
    var from = Math.max(0, first - 8), to = Math.min(spans.length, from + 30);
    if (spans.length === 0) { return { text: "", html: "" }; }
    var start = from === 0 ? 0 : spans[from].at;
    var end = to >= spans.length ? text.length : spans[to - 1].end;
    var html = "", plain = text.slice(start, end), pos = start;
    for (var i = from; i < to; i++) {
      var s = spans[i];
      if (!s.hit) { continue; }
      html += escapeHtml(text.slice(pos, s.at)) + "<mark>" + escapeHtml(text.slice(s.at, s.end)) + "</mark>";
      pos = s.end;
    }
    html += escapeHtml(text.slice(pos, end));
    if (from > 0) { html = "…" + html; plain = "…" + plain; }
    if (end < text.length) { html += "…"; plain += "…"; }
    return { text: plain, html: html };
  }

  // The page's fragment (title, address, blocks) holding `doc`.
  function fragmentOf(doc) {
    var page = Math.floor(doc / meta.blocksPerPage);
    var chunk = Math.floor(page / meta.fragmentPages);
    return load("f:" + chunk, "search/f/" + chunk + ".js").then(function (list) {
      return list && list[page % meta.fragmentPages];
    });
  }
  // The stems of `text`'s words that are not stop words, as the query's are taken.
  function stemsOf(text) {
    var stemmer = STEMMERS[meta.stemmer];
    return words(text).filter(function (w) { return !meta.stopSet.has(w); }).map(function (w) {
      return stemmer ? stemmer(w) : (stemOf(w) || w);
    });
  }
  // A block whose heading (the page's title, for its top) is the query, or starts with it,
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
