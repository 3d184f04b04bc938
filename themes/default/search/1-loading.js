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
  // Parts of the index by id ("meta", "w:<key>", …), and the files asked for, by path: a
  // file may bring several parts, and is asked for once.
  var loaded = {};
  var files = {};
  function arrive(id, value) {
    loaded[id] = value;
  }
  // A file handbook.js asked for with this script (meta.js, which runs after it) has its
  // tag already, marked with its path.
  function load(id, path) {
    if (id in loaded) { return Promise.resolve(loaded[id]); }
    if (!files[path]) {
      files[path] = new Promise(function (resolve) {
        var tag = document.querySelector("script[data-search-file=\"" + path + "\"]");
        if (!tag) {
          tag = document.createElement("script");
          tag.src = root + path;
          tag.async = true;
          document.head.appendChild(tag);
        }
        tag.addEventListener("error", function () { resolve(); });
        tag.addEventListener("load", function () { resolve(); });
      });
    }
    return files[path].then(function () { return id in loaded ? loaded[id] : null; });
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
        meta.shards = { w: shardKeys(m.w), p: shardKeys(m.p) };
        meta.w = meta.shards.w.keys;
        meta.wSet = new Set(meta.w);
        meta.p = meta.shards.p.keys;
        meta.pSet = new Set(meta.p);
        meta.editorPages = new Set(m.editors || []);
      }
      return meta;
    });
  }

  // The words' or the postings' shard keys, which meta.js writes as one string: files joined
  // by ";", the keys of a file by ",", each key the number of characters it shares with the
  // key before it (a base-36 digit) and the rest. The keys, where each file starts among
  // them, and each key's place.
  function shardKeys(text) {
    var keys = [], starts = [], previous = [];
    text.split(";").forEach(function (file) {
      starts.push(keys.length);
      file.split(",").forEach(function (coded) {
        var chars = Array.from(coded);
        var key = previous.slice(0, parseInt(chars[0], 36)).concat(chars.slice(1));
        keys.push(key.join(""));
        previous = key;
      });
    });
    return { keys: keys, starts: starts, at: new Map(keys.map(function (k, i) { return [k, i]; })) };
  }

  function fileKey(key) {
    return key.replace(/[^a-z0-9]/gu, function (c) {
      return "_" + c.codePointAt(0).toString(16) + "_";
    });
  }
  // The shard holding `name`: the longest key that is a prefix of it. Remembered by set of
  // keys and name, since an excerpt asks for every word of its block.
  var keysFound = new WeakMap();
  function keyOf(keys, name) {
    var found = keysFound.get(keys);
    if (!found) { found = new Map(); keysFound.set(keys, found); }
    if (found.has(name)) { return found.get(name); }
    var chars = Array.from(name), key = null;
    for (var n = Math.min(chars.length, 16); n > 0 && key === null; n--) {
      var k = chars.slice(0, n).join("");
      if (keys.has(k)) { key = k; }
    }
    found.set(name, key);
    return key;
  }
  // The file holding a shard (`kind` "w" or "p"): neighbouring shards share a file, named by
  // its first key.
  function fileOf(kind, key) {
    var shards = meta.shards[kind], at = shards.at.get(key), starts = shards.starts;
    if (at === undefined) { return key; }
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) { lo = mid; } else { hi = mid - 1; }
    }
    return shards.keys[starts[lo]];
  }
  function wordShard(key) {
    return load("w:" + key, "search/w/" + fileKey(fileOf("w", key)) + ".js");
  }
  function postingShard(key) {
    return load("p:" + key, "search/p/" + fileKey(fileOf("p", key)) + ".js");
  }
  // Each stem's entry lists the blocks whose name (heading, or its page's title) holds it,
  // with its first place there and the name's length in words: by block, from the postings
  // already loaded (null when its shard is not).
  var names = new Map();
  function namesOf(stem) {
    if (names.has(stem)) { return names.get(stem); }
    var key = keyOf(meta.pSet, stem);
    var shard = key && loaded["p:" + key];
    if (!shard) { return null; }
    var entry = shard[stem], found = new Map();
    var v = entry && entry[2] ? decode(entry[2]) : [], page = 0;
    for (var k = 0; k < v.length; k += 3) {
      page += v[k];
      found.set(page * meta.blocksPerPage + v[k + 1], v[k + 2]);
    }
    names.set(stem, found);
    return found;
  }
  // The page of block `doc`.
  function pageOf(doc) {
    return Math.floor(doc / meta.blocksPerPage);
  }
  // Whether block `doc` is on a page for editors.
  function forEditors(doc) {
    return meta.editorPages.has(pageOf(doc));
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

