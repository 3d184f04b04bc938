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

