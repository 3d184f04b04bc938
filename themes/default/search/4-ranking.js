  // ---- Ranking ----------------------------------------------------------------------------
  // The share of the rest of its page that a block's score gains: a hit in a page that is
  // about the query as a whole comes before an equal hit in a page that mentions it once.
  var PAGE_REST = 0.25;
  // A block's score is multiplied by the share of the query it holds (each word weighed by
  // its rarity), raised to this: all the query's words beat one rare word.
  var COVERAGE = 1.5;

  // Each term's stems with their weights, its weight in the query (the rarest of its stems'
  // weights) and each block's score for it.
  function termScores(term) {
    // The postings of the word's own stem are asked for with its words shards, not once
    // they have come: a word the index has needs nothing more.
    var own = stemWord(term.word), ownKey = own && keyOf(meta.pSet, own);
    if (ownKey) { postingShard(ownKey); }
    return Promise.all(shardsFor(term).map(wordShard)).then(function (maps) {
      var found = variants(term, maps);
      var stems = Array.from(found.keys());
      return Promise.all(stems.map(function (stem) {
        var key = keyOf(meta.pSet, stem);
        return key ? postingShard(key) : Promise.resolve(null);
      })).then(function (shards) {
        var weights = new Map(), hits = NO_HITS;
        var guessFound = stems.some(function (stem, i) {
          return stem === found.guess && shards[i] && shards[i][stem];
        });
        // A completion of a word typed whole counts for no more than that word's rarity.
        var whole = 0;
        stems.forEach(function (stem, i) {
          var entry = shards[i] && shards[i][stem];
          if (entry && found.get(stem) === 1) { whole = Math.max(whole, idf(entry[0])); }
        });
        stems.forEach(function (stem, i) {
          var entry = shards[i] && shards[i][stem];
          if (!entry || (guessFound && found.typos.has(stem))) { return; }
          var rarity = idf(entry[0]);
          if (whole > 0 && found.get(stem) < 1) { rarity = Math.min(rarity, whole); }
          weights.set(stem, found.get(stem));
          hits = union(hits, postingsOf(entry[1], found.get(stem) * rarity, found.get(stem)));
        });
        var weight = 0;
        weights.forEach(function (w, stem) {
          var i = stems.indexOf(stem);
          weight = Math.max(weight, w * idf(shards[i][stem][0]));
        });
        // The stem the word typed stands for: its own, else its likeliest completion or typo.
        var main = null;
        weights.forEach(function (w, stem) { if (main === null || w > weights.get(main)) { main = stem; } });
        return { word: term.word, stem: main, hits: hits, stems: weights, weight: weight };
      });
    });
  }
  // A term's blocks as arrays in block order (`docs`), each block's score for the term and the
  // weight of the best of its stems the block holds: typed arrays and loops, not a map and an
  // object a block, since a common word has thousands of blocks and the first query runs this
  // code before the engine has compiled it (bench/search/: a third of the first query's time).
  var NO_HITS = { docs: new Float64Array(0), scores: new Float64Array(0), holds: new Float64Array(0) };
  function postingsOf(text, weight, hold) {
    var v = decode(text), n = Math.floor(v.length / 3), page = 0;
    var hits = { docs: new Float64Array(n), scores: new Float64Array(n), holds: new Float64Array(n).fill(hold) };
    for (var k = 0; k < n; k++) {
      page += v[3 * k];
      hits.docs[k] = page * meta.blocksPerPage + v[3 * k + 1];
      hits.scores[k] = weight * v[3 * k + 2];
    }
    return hits;
  }
  // The blocks of `a` and `b`, each with the better score and hold of the two.
  function union(a, b) {
    if (a.docs.length === 0) { return b; }
    if (b.docs.length === 0) { return a; }
    var n = a.docs.length + b.docs.length, i = 0, j = 0, m = 0;
    var out = { docs: new Float64Array(n), scores: new Float64Array(n), holds: new Float64Array(n) };
    while (i < a.docs.length || j < b.docs.length) {
      var da = i < a.docs.length ? a.docs[i] : Infinity, db = j < b.docs.length ? b.docs[j] : Infinity;
      if (da <= db) {
        out.docs[m] = da; out.scores[m] = a.scores[i]; out.holds[m] = a.holds[i]; i++;
        if (da === db) {
          out.scores[m] = Math.max(out.scores[m], b.scores[j]); out.holds[m] = Math.max(out.holds[m], b.holds[j]); j++;
        }
      } else {
        out.docs[m] = db; out.scores[m] = b.scores[j]; out.holds[m] = b.holds[j]; j++;
      }
      m++;
    }
    return { docs: out.docs.subarray(0, m), scores: out.scores.subarray(0, m), holds: out.holds.subarray(0, m) };
  }
  function idf(df) {
    return Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));
  }

  // The blocks that hold any of the terms, best first. A block's own score is its terms'
  // scores (`sum`) times the share of the query it holds (`held`: by term, the weight of the
  // best of its stems the block holds, so that a completion or a typo holds a word only in
  // part); its `score` adds a part of the rest of its page's (`rest`). Only the best are put
  // in order (`top`), and the others of the pages shown (`onPages`).
  function rank(terms) {
    return Promise.all(terms.map(termScores)).then(combine);
  }
  // The terms' blocks, scored and ready to be put in order (see `rank`).
  function combine(perTerm) {
    var all = 0, count = perTerm.length;
    perTerm.forEach(function (t) { all += t.weight; });
    var docs = perTerm.reduce(function (u, t) { return union(u, t.hits); }, NO_HITS).docs, n = docs.length;
    var sum = new Float64Array(n), held = new Float64Array(n * count);
    perTerm.forEach(function (t, i) {
      var own = t.hits.docs;
      for (var k = 0, j = 0; k < own.length; k++) {
        while (docs[j] !== own[k]) { j++; }
        sum[j] += t.hits.scores[k];
        held[j * count + i] = t.hits.holds[k];
      }
    });
    var weights = perTerm.map(function (t) { return t.weight; });
    var score = new Float64Array(n), rest = new Float64Array(n), own = new Float64Array(n);
    for (var j = 0; j < n; j++) {
      var share = 0;
      for (var i = 0; i < count; i++) { share += weights[i] * held[j * count + i]; }
      own[j] = all === 0 ? sum[j] : sum[j] * Math.pow(share / all, COVERAGE);
    }
    // A page's blocks are neighbours in block order.
    for (var from = 0; from < n;) {
      var page = pageOf(docs[from]), to = from, total = 0;
      while (to < n && pageOf(docs[to]) === page) { total += own[to]; to++; }
      for (j = from; j < to; j++) {
        rest[j] = total - own[j];
        score[j] = own[j] + PAGE_REST * rest[j];
      }
      from = to;
    }
    var hits = new Map();
    function hit(j) {
      if (!hits.has(j)) {
        hits.set(j, { doc: docs[j], sum: sum[j], held: Array.from(held.subarray(j * count, j * count + count)),
          rest: rest[j], score: score[j] });
      }
      return hits.get(j);
    }
    function before(a, b) {
      return inOrder(score[a], docs[a], score[b], docs[b]);
    }
    var best = [];
    // The best `k` blocks, in order: those scoring above the k-th best score, sorted, then
    // as many as needed of those scoring it, which block order already sorts (page tops
    // first, then the others).
    function top(k) {
      k = Math.min(k, n);
      if (best.length < k) {
        var threshold = Float64Array.from(score).sort()[n - k], tops = [], others = [];
        best = [];
        for (var j = 0; j < n; j++) {
          if (score[j] > threshold) { best.push(j); }
          else if (score[j] === threshold) { (docs[j] % meta.blocksPerPage === 0 ? tops : others).push(j); }
        }
        best = best.sort(before).concat(tops, others).slice(0, k);
      }
      return best.slice(0, k).map(hit);
    }
    // The blocks of `pages` after the best `skip`, in order.
    function onPages(pages, skip) {
      var ahead = new Set(top(skip).map(function (h) { return h.doc; })), found = [];
      pages.forEach(function (page) {
        for (var j = lowerBound(docs, page * meta.blocksPerPage); j < n && pageOf(docs[j]) === page; j++) {
          if (!ahead.has(docs[j])) { found.push(j); }
        }
      });
      return found.sort(before).map(hit);
    }
    var stems = new Map();
    perTerm.forEach(function (t) { t.stems.forEach(function (w, s) { stems.set(s, w); }); });
    return { top: top, onPages: onPages, count: n, stems: stems, terms: perTerm, weight: all };
  }
  // The first place in the ascending `list` whose value is at least `value`.
  function lowerBound(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < value) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }
  // Best first; of equal scores, a page's top before a section (the page is about what its
  // sections only mention), then in the order of the book.
  function byScore(a, b) {
    return inOrder(a.score, a.doc, b.score, b.doc);
  }
  function inOrder(aScore, aDoc, bScore, bDoc) {
    var aTop = aDoc % meta.blocksPerPage === 0, bTop = bDoc % meta.blocksPerPage === 0;
    return bScore - aScore || (aTop === bTop ? 0 : aTop ? -1 : 1) || aDoc - bDoc;
  }
  // The share of the query a block holds, raised to COVERAGE: the terms it holds (`held`),
  // and those its heading names (`match`, by term, when known), each by its weight.
  function coverage(asked, held, match) {
    if (asked.weight === 0) { return 1; }
    var share = 0;
    asked.terms.forEach(function (t, i) {
      var has = Math.max(held[i], match ? match[i] : 0);
      share += t.weight * has;
    });
    return Math.pow(share / asked.weight, COVERAGE);
  }

  // ---- Headings that name the query ------------------------------------------------------
  // A block whose heading (the page's title, for its top) names the query is what the reader
  // asked for: its score is multiplied by 1 + `gain` times the share of the query the heading
  // names times the share of the heading's words the query names, plus `start` times the
  // share of the query when the heading starts with one of its words; and by 1 + `question`
  // when the heading starts with the query's first word, a stop word ("Who to contact" for
  // "who do I tell").
  var NAMED = { gain: 3, start: 0.5, question: 0.25 };
  // A heading's word of the same family as a query's word, which the stemmer keeps apart
  // ("mentorship" and "mentoring", "overdependence" and "dependent"), names it this much.
  var FAMILY = 0.7;
  // The shortest stem, and the least a longer one adds to it, for two stems to be taken as
  // one family.
  var FAMILY_STEM = 5;
  var FAMILY_ADDS = 3;

  // Whether two stems are of one family: one is the other with at least FAMILY_ADDS letters
  // before or after it ("mentor", "mentorship"; "depend", "overdepend"), or they differ only
  // in their last letter ("recognis", "recognit").
  function family(a, b) {
    if (a === b) { return true; }
    var short = a.length <= b.length ? a : b, long = short === a ? b : a;
    if (short.length < FAMILY_STEM) { return false; }
    if (long.length === short.length) { return long.slice(0, -1) === short.slice(0, -1); }
    if (long.length - short.length < FAMILY_ADDS) { return false; }
    return long.indexOf(short) === 0 || long.lastIndexOf(short) === long.length - short.length;
  }
  function stemWord(word) {
    if (meta.stopSet.has(word)) { return null; }
    var stemmer = STEMMERS[meta.stemmer];
    return stemmer ? stemmer(word) : (stemOf(word) || word);
  }
  // A name (a heading, or a page's title) read from its text: its words, and their stems
  // (null for a stop word).
  function nameFromText(text) {
    var said = words(text);
    return { said: said, stems: said.map(stemWord) };
  }
  // A name as the index tells it, with no page fetched: its length and the places of the
  // query's stems it holds; its other words are unknown (undefined), so it names the query
  // no better than its text would.
  function nameFromIndex(doc, asked) {
    var places = meta.namePlaces, said = [], stems = [];
    asked.terms.forEach(function (t) {
      t.stems.forEach(function (weight, stem) {
        var found = namesOf(stem), code = found && found.get(doc);
        if (code === undefined || code === null) { return; }
        said.length = stems.length = Math.floor(code / places);
        if (stems[code % places] === undefined) { stems[code % places] = stem; }
      });
    });
    return { said: said, stems: stems };
  }
  // How well the query names `name` (see `nameFromText`): `factor` is 1 when it does not,
  // up to 1 + gain + start; `match` says, by term, how well the name names it (0 to 1).
  function named(name, asked) {
    var said = name.said, stems = name.stems;
    var match = asked.terms.map(function () { return 0; });
    if (said.length === 0 || asked.weight === 0) { return { factor: 1, match: match }; }
    var share = 0, namedWords = new Set(), first = false;
    asked.terms.forEach(function (t, k) {
      var best = 0;
      stems.forEach(function (s, i) {
        var m = said[i] === t.word ? 1 : s === null || s === undefined ? 0 : t.stems.has(s) ? t.stems.get(s) :
          t.stem && family(t.stem, s) ? FAMILY : 0;
        if (m > 0) { namedWords.add(i); if (i === 0) { first = true; } }
        best = Math.max(best, m);
      });
      share += t.weight * best;
      match[k] = best;
    });
    // The query's stop words name the heading's ("How long" for "how long are records kept").
    said.forEach(function (w, i) { if (stems[i] === null && asked.words.has(w)) { namedWords.add(i); } });
    share /= asked.weight;
    var factor = 1 + NAMED.gain * share * namedWords.size / said.length + (first ? NAMED.start * share : 0);
    if (stems[0] === null && said[0] === asked.first) { factor *= 1 + NAMED.question; }
    return { factor: factor, match: match };
  }
  // ---- The query's words in a row -------------------------------------------------------
  // The index leaves stop words out, so they count only here: a block whose text holds a run
  // of the query's words in the query's order, a stop word among them beside another word
  // ("can be a mentor"), is about what was asked. Its score is multiplied by 1 + PHRASE times
  // the run's share of the query; a run counts from half the query's words (and two).
  var PHRASE = 1.5;
  // A word as a run compares it: a stop word as typed, any other by its stem.
  function runKey(word) {
    return meta.stopSet.has(word) ? word : stemWord(word);
  }
  function phrase(text, asked) {
    var query = asked.typed, n = query.length;
    if (n < 2 || !text) { return 1; }
    var keys = query.map(runKey);
    // By place in the query, the run of its words that ends there and at the text's word
    // before; the longest run that counts.
    var best = 0, prev = new Array(n + 1).fill(0);
    words(text).map(runKey).forEach(function (key) {
      var row = new Array(n + 1).fill(0);
      for (var i = 1; i <= n; i++) {
        if (keys[i - 1] !== key) { continue; }
        var run = row[i] = prev[i - 1] + 1, stops = 0;
        for (var k = i - run; k < i; k++) { if (meta.stopSet.has(query[k])) { stops++; } }
        if (run >= Math.max(2, n / 2) && stops > 0 && stops < run) { best = Math.max(best, run); }
      }
      prev = row;
    });
    return 1 + PHRASE * best / n;
  }
  // A block's score once its name is known: the terms its name names count as held.
  function rescore(hit, name, asked) {
    name = named(name, asked);
    var own = hit.sum * coverage(asked, hit.held, name.match);
    return (own + PAGE_REST * hit.rest) * name.factor;
  }
