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
  // Whether a word of a block is one the query found: its stem from the words shards
  // loaded, else from the stemmer, so that a match anywhere in the block is seen.
  // A stem starts with its word's first letter (stemmers change endings only; the parity
  // test's 25,000 words hold to it), so a word whose first letter starts none of the query's
  // stems, nor a word being typed, is passed over unstemmed.
  var initials = new WeakMap();
  function isHit(word, terms, stems) {
    var firsts = initials.get(stems);
    if (!firsts) {
      firsts = new Set(Array.from(stems.keys()).map(function (s) { return s.charAt(0); }));
      terms.forEach(function (t) { if (t.prefix) { firsts.add(t.word.charAt(0)); } });
      initials.set(stems, firsts);
    }
    if (!firsts.has(word.charAt(0))) { return false; }
    var stem = stemOf(word) || stemWord(word);
    if (stem && stems.has(stem)) { return true; }
    return terms.some(function (t) { return t.prefix && word.indexOf(t.word) === 0; });
  }
  // About `length` words around the first run of matches, with the matches marked. Only the
  // words up to the first match and those shown are looked up.
  function excerpt(text, terms, stems, length) {
    var spans = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      spans.push({ at: m.index, end: m.index + m[0].length, hit: null });
    }
    var hit = function (s) {
      if (s.hit === null) { s.hit = isHit(fold(text.slice(s.at, s.end)), terms, stems); }
      return s.hit;
    };
    var first = spans.findIndex(hit);
    var from = Math.max(0, first - Math.round(length / 4)), to = Math.min(spans.length, from + length);
    if (spans.length === 0) { return { text: "", html: "" }; }
    var start = from === 0 ? 0 : spans[from].at;
    var end = to >= spans.length ? text.length : spans[to - 1].end;
    var html = "", plain = text.slice(start, end), pos = start;
    for (var i = from; i < to; i++) {
      var s = spans[i];
      if (!hit(s)) { continue; }
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
