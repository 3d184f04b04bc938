// The browser side of the search benchmark: drives headless Chromium (Debian's) with
// playwright-core and measures what a reader's first search costs and how fast queries run.
//
// Usage: node browser.mjs JOB.json   (prints one JSON object)
// A job: { "mode": "first-search" | "timing" | "quality",
//          "tool": "handbook" | "pagefind" | "elasticlunr",
//          "base": "http://127.0.0.1:PORT/", "queries": ["..."],
//          "typeDelay": 100, "warmRuns": 3, "timeout": 15000 }
//
// first-search: for each query, a new browser context (an empty cache), open the page, wait for
//   it to load and the network to go quiet, then count the bytes of every response
//   (Network.loadingFinished encodedDataLength) while the query is searched: for handbook, focus
//   #search-input, type the query a key at a time and wait until #search-results shows
//   [role=option] results for the full query and nothing more arrives; for pagefind and
//   elasticlunr, run the search from a small page (see PAGES below).
// timing: for each query, a new context; time (performance.now, in the page) what is loaded
//   before the query is known (for handbook: focus #search-input, which loads the client and
//   search/meta.js; for the others, window.prepareSearch), then the first query, which loads
//   the index files it needs, then the same query warmRuns times more (warm: the median). And
//   in another new context, the first query with nothing loaded before it (`withClientMs`; for
//   the first aloneQueries queries only, when given).
// quality: for each query, a new context; the top ten result URLs (path and #anchor).
import fs from "node:fs";
import { chromium } from "playwright-core";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const TYPE_DELAY = job.typeDelay ?? 100;
const TIMEOUT = job.timeout ?? 15000;
const QUIET_MS = job.quietMs ?? 400;

// Pages the compared tools are searched from, written into the served folder by run.py.
// Each defines window.runSearch(q) resolving to [{url, title}], best first.
export const PAGES = {
  pagefind: "pagefind-bench.html",
  elasticlunr: "elasticlunr-bench.html",
};

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});

function pageUrl(tool) {
  return new URL(tool === "handbook" ? "index.html" : PAGES[tool], job.base).href;
}

// A new context that counts response bytes and requests in flight. Playwright's request events
// (unlike a CDP session on the page) also see requests made by web workers, which Pagefind
// searches from. A response's bytes are its headers and its body as received (encoded).
async function open(tool) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const net = { counting: false, files: [], pending: new Set(), lastEvent: Date.now() };
  const done = (req, ok) => {
    net.pending.delete(req);
    net.lastEvent = Date.now();
    if (ok && net.counting) {
      net.files.push(req.sizes().then((z) => [new URL(req.url()).pathname, z.responseHeadersSize + z.responseBodySize]));
    }
  };
  context.on("request", (req) => { net.pending.add(req); net.lastEvent = Date.now(); });
  context.on("requestfinished", (req) => done(req, true));
  context.on("requestfailed", (req) => done(req, false));
  net.total = async () => {
    const files = await Promise.all(net.files);
    return { bytes: files.reduce((a, f) => a + f[1], 0), files };
  };
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(pageUrl(tool), { waitUntil: "load", timeout: TIMEOUT });
  await quiet(net);
  return { context, page, net, errors };
}

// Waits until no request is in flight and none has started or ended for QUIET_MS.
async function quiet(net, extra = async () => true) {
  const end = Date.now() + TIMEOUT;
  while (Date.now() < end) {
    if (net.pending.size === 0 && Date.now() - net.lastEvent >= QUIET_MS && (await extra())) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

// The handbook's own box: type the query like a reader, then wait for its results: the list
// says which query it shows (data-query) and holds [role=option] entries, no request is in
// flight and nothing has changed for QUIET_MS. Returns the result links, without the last
// option ("All results for ...", which links to the search page).
async function typeAndWait(page, net, q) {
  await page.focus("#search-input");
  await page.keyboard.type(q, { delay: TYPE_DELAY });
  const typedAt = Date.now();
  let shown = true;
  try {
    await page.waitForFunction((q) => {
      const r = document.querySelector("#search-results");
      if (!r || r.hidden || !r.querySelector("[role=option]")) return false;
      return !r.hasAttribute("data-query") || r.getAttribute("data-query") === q.trim();
    }, q, { timeout: TIMEOUT, polling: 20 });
  } catch {
    shown = false;
  }
  const shownMs = Date.now() - typedAt;
  let last = null, since = Date.now();
  await quiet(net, async () => {
    const now = await page.evaluate(() => {
      const r = document.querySelector("#search-results");
      return (r ? r.innerHTML : "") + "\u0000" + document.querySelector("#search-input")?.value;
    });
    if (now !== last) { last = now; since = Date.now(); return false; }
    return Date.now() - since >= QUIET_MS;
  });
  const results = await page.evaluate(() =>
    [...document.querySelectorAll("#search-results [role=option]")]
      .filter((o) => o.id !== "search-option-all" && !o.classList.contains("search-all"))
      .map((o) => {
        const a = o.matches("a") ? o : o.querySelector("a");
        if (!a) return null;
        const u = new URL(a.getAttribute("href"), location.href);
        return u.pathname + u.hash;
      }));
  return { shown: shown && results.length > 0, results, shownMs };
}

const runSearch = (page, q) =>
  page.evaluate(async (q) => {
    const t = performance.now();
    const r = await window.runSearch(q);
    return { ms: performance.now() - t, results: r.map((x) => x.url) };
  }, q);

// window.handbookSearch.query, timed in the page; URLs as path#anchor. The first call also
// loads the search client (theme/search.js), as the page does on the reader's first use of the
// box, so that a cold query costs the same as Pagefind's (which imports pagefind.js) and
// elasticlunr's (which loads elasticlunr.min.js and the index).
const handbookQuery = (page, q) =>
  page.evaluate(async (q) => {
    const t = performance.now();
    if (!window.handbookSearch) {
      const form = document.querySelector("form[role=search]");
      const src = new URL(form?.getAttribute("data-script") || "theme/search.js", location.href).href;
      let tag = [...document.scripts].find((s) => s.src === src);
      if (!tag) {
        tag = document.createElement("script");
        tag.src = src;
        document.head.appendChild(tag);
      }
      const end = Date.now() + 10000;
      while (!window.handbookSearch && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    }
    const r = await window.handbookSearch.query(q);
    const ms = performance.now() - t;
    return {
      ms,
      results: r.map((x) => { const u = new URL(x.url, location.href); return u.pathname + u.hash; }),
    };
  }, q);

// What is loaded before the query is known, timed in the page. For handbook, focusing the
// box loads the client (handbook.js adds its script tag), which loads search/meta.js: the
// load event of the client's tag, then `query("")`, which answers once meta.js is in.
const prepare = (page, tool) =>
  page.evaluate(async (tool) => {
    const t = performance.now();
    if (tool !== "handbook") {
      await window.prepareSearch();
      return performance.now() - t;
    }
    const input = document.getElementById("search-input");
    input.focus();
    if (!window.handbookSearch) {
      const form = document.querySelector("form[role=search]");
      const src = new URL(form.getAttribute("data-script"), location.href).href;
      const tag = [...document.scripts].find((s) => s.src === src);
      if (!tag) throw new Error("focusing the search box loaded no client");
      await new Promise((resolve, reject) => {
        tag.addEventListener("load", resolve);
        tag.addEventListener("error", () => reject(new Error("the client did not load")));
      });
    }
    await window.handbookSearch.query("");
    return performance.now() - t;
  }, tool);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

const out = { mode: job.mode, tool: job.tool, queries: [] };

// One query's measurement in a new context; a failure is recorded, not fatal.
async function fresh(q, measure, list = out.queries) {
  let ctx = null;
  try {
    ctx = await open(job.tool);
    list.push({ q, ...(await measure(ctx)), errors: ctx.errors });
  } catch (e) {
    list.push({ q, failed: String(e).split("\n")[0], errors: ctx ? ctx.errors : [] });
  } finally {
    if (ctx) await ctx.context.close();
  }
}

try {
  if (job.mode === "first-search") {
    for (const q of job.queries) {
      await fresh(q, async ({ page, net }) => {
        net.counting = true;
        let r;
        if (job.tool === "handbook") {
          r = await typeAndWait(page, net, q);
        } else {
          const s = await runSearch(page, q);
          await quiet(net);
          r = { shown: s.results.length > 0, results: s.results, ms: s.ms };
        }
        net.counting = false;
        const { bytes, files } = await net.total();
        return { bytes, requests: files.length, files, top: r.results.slice(0, 3), shown: r.shown, shownMs: r.shownMs };
      });
    }
  } else if (job.mode === "timing") {
    const run = job.tool === "handbook" ? handbookQuery : runSearch;
    for (const q of job.queries) {
      await fresh(q, async ({ page }) => {
        const prepareMs = await prepare(page, job.tool);
        const cold = await run(page, q);
        const warm = [];
        for (let i = 0; i < (job.warmRuns ?? 3); i++) warm.push((await run(page, q)).ms);
        return { prepareMs, coldMs: cold.ms, warmMs: median(warm), hits: cold.results.length };
      });
    }
    // The first query with nothing loaded before it, as this benchmark timed it before the
    // split: its client, and for handbook meta.js, are loaded within the time.
    const alone = [];
    for (const q of job.queries.slice(0, job.aloneQueries ?? job.queries.length)) await fresh(q, async ({ page }) => ({ ms: (await run(page, q)).ms }), alone);
    alone.forEach((x, i) => {
      if ("failed" in x) out.queries[i].failed ??= `with nothing loaded before it: ${x.failed}`;
      else out.queries[i].withClientMs = x.ms;
    });
  } else if (job.mode === "quality") {
    // A fresh page per query, so that no query is helped by what an earlier one loaded.
    const run = job.tool === "handbook" ? handbookQuery : runSearch;
    for (const q of job.queries) {
      await fresh(q, async ({ page }) => {
        const r = await run(page, q);
        return { results: r.results.slice(0, 10), ms: r.ms };
      });
    }
  } else {
    throw new Error(`unknown mode ${job.mode}`);
  }
  out.chromium = browser.version();
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
