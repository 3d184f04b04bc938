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

