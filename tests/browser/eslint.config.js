// ESLint for the scripts a browser runs: the theme's (themes/default/static/*.js) and the
// live-reload script `handbook serve` adds (src/serve/live.js). .ci/run passes the files.
"use strict";
const js = require("@eslint/js");

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
];
