  // The stems of the words stemmed so far, by word: an excerpt stems every word of its
  // block, and the same words come back in block after block.
  var stemmed = new Map();
  function remembered(stemmer) {
    return function (word) {
      var stem = stemmed.get(word);
      if (stem === undefined) { stem = stemmer(word); stemmed.set(word, stem); }
      return stem;
    };
  }
  // The stemmers this file has, by the name the index's meta.js gives (`stemmer`).
  var STEMMERS = { english: remembered(stemEnglish) };
  var BEYOND_ASCII = /[^ -~]/;
  function fold(word) {
    // A word of printable ASCII has no marks to strip: only its case is folded.
    if (!BEYOND_ASCII.test(word)) { return word.toLowerCase(); }
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
    // A form the handbook never uses, typed whole, finds the words of its family too
    // ("recognised": "recognition"), for less: the handbook's own form may be one of them.
    // While a word is being typed its completions stand in for them, and no further file is
    // asked for at each key.
    if (!exact && guess !== null && !term.prefix) {
      maps.forEach(function (m) {
        if (!m) { return; }
        m.forEach(function (entry) {
          if (entry.stem !== guess && family(guess, entry.stem)) { add(entry.stem, FAMILY); }
        });
      });
    }
    return found;
  }

  // Each digit's value, by its character code.
  var DIGIT_VALUES = new Int8Array(128).fill(-1);
  Array.from(DIGITS).forEach(function (c, i) { DIGIT_VALUES[c.charCodeAt(0)] = i; });
  function decode(text) {
    var out = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i), d = code < 128 ? DIGIT_VALUES[code] : -1;
      if (d >= 32) { value += (d - 32) * scale; scale *= 32; }
      else { out.push(value + d * scale); value = 0; scale = 1; }
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

