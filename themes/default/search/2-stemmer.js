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
        var from = w.length - suffix.length;
        if (from < 0) { return false; }
        for (var i = 0; i < suffix.length; i++) { if (w[from + i] !== suffix[i]) { return false; } }
        return true;
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
