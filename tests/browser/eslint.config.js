// ESLint for the scripts a browser runs: the theme's (themes/default/static/*.js, and
// search.js's parts in themes/default/search/) and the live-reload script `handbook serve`
// adds (src/serve/live.js). .ci/run passes the files.
"use strict";
const fs = require("fs");
const path = require("path");
const js = require("@eslint/js");

// search.js is written in parts that are one script only once joined (in the order of their
// names, as build.rs joins them): each part is checked as the joined script, and only what
// is found in its own lines is reported, at its own line numbers.
function joined(filename) {
  const dir = path.dirname(filename);
  const names = fs.readdirSync(dir).filter((n) => n.endsWith(".js") && !n.startsWith(".")).sort();
  let text = "", from = 0, lines = 0;
  for (const name of names) {
    const part = fs.readFileSync(path.join(dir, name), "utf8");
    if (name === path.basename(filename)) { from = lines; }
    text += part;
    lines += part.split("\n").length - 1;
  }
  return { text, from };
}
const starts = new Map();
const searchParts = {
  meta: { name: "search-parts" },
  preprocess(text, filename) {
    const all = joined(filename);
    starts.set(filename, { from: all.from, to: all.from + text.split("\n").length - 1 });
    return [{ text: all.text, filename: "search.js" }];
  },
  postprocess(messages, filename) {
    const { from, to } = starts.get(filename);
    return messages[0]
      .filter((m) => m.line > from && m.line <= to)
      .map((m) => ({ ...m, line: m.line - from, endLine: m.endLine && m.endLine - from }));
  },
};

module.exports = [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      // Each is a classic script (<script src>, loaded by the page or by handbook.js).
      sourceType: "script",
      // The browser's names the scripts use, declared by hand.
      globals: {
        window: "readonly",
        document: "readonly",
        location: "readonly",
        localStorage: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        EventSource: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      eqeqeq: ["error", "always"],
      // A catch that ignores its error still names it: `catch {` without a name is newer
      // syntax (ES2019) than handbook.js otherwise needs, and would stop it in older browsers.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  { files: ["themes/default/search/*.js"], processor: searchParts },
];
