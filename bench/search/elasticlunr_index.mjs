// An elasticlunr index of a built handbook, written the way mdBook writes its searchindex.js:
// one index over every page, one document per heading section (fields title, body,
// breadcrumbs), a full document store, all in one JS file loaded before the first search.
//
// Usage: node elasticlunr_index.mjs SITE_DIR OUT_DIR
//   writes OUT_DIR/searchindex.js and OUT_DIR/elasticlunr.min.js; prints a JSON summary.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const elasticlunr = require("elasticlunr");

const [site, outDir] = process.argv.slice(2);
if (!site || !outDir) {
  console.error("usage: node elasticlunr_index.mjs SITE_DIR OUT_DIR");
  process.exit(2);
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function text(html) {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e) =>
      e[0] === "#"
        ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : ENTITIES[e] ?? m)
    .replace(/\s+/g, " ")
    .trim();
}

// Pages: every index.html but the 404 page, the search page, the print editions (every page
// again) and the compared tools' folders.
function* pages(dir, rel = "") {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (["search", "pagefind", "elasticlunr", "theme", "assets", "print", "downloads"].includes(r)) continue;
      yield* pages(path.join(dir, e.name), r);
    } else if (e.name === "index.html") {
      yield [r, path.join(dir, e.name)];
    }
  }
}

// The documents of one page: its title and summary, then one per heading with an id, each
// up to the next heading. What the handbook adds around the author's text (the table of
// contents, the related pages, the reference list) is left out, as mdBook indexes a chapter's
// own text only.
function sections(html, url) {
  const art = html.match(/<article[^>]*>([\s\S]*)<\/article>/);
  let body = art ? art[1] : (html.match(/<main[^>]*>([\s\S]*)<\/main>/) || [, html])[1];
  body = body
    .replace(/<nav[\s\S]*?<\/nav>/g, " ")
    .replace(/<aside[\s\S]*?<\/aside>/g, " ")
    .replace(/<section class="references"[\s\S]*?<\/section>/g, " ");
  const h1 = body.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
  const pageTitle = h1 ? text(h1[1]) : text((html.match(/<title>([\s\S]*?)<\/title>/) || [, url])[1]);
  const docs = [];
  const re = /<h([2-6])\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g;
  let last = 0, cur = { url, title: pageTitle, breadcrumbs: pageTitle };
  let m;
  while ((m = re.exec(body))) {
    docs.push({ ...cur, body: text(body.slice(last, m.index).replace(/<h1[^>]*>[\s\S]*?<\/h1>/, " ")) });
    const heading = text(m[3]);
    cur = { url: `${url}#${m[2]}`, title: heading, breadcrumbs: `${pageTitle} » ${heading}` };
    last = m.index + m[0].length;
  }
  docs.push({ ...cur, body: text(body.slice(last)) });
  return docs;
}

const t0 = performance.now();
const index = elasticlunr(function () {
  this.addField("title");
  this.addField("body");
  this.addField("breadcrumbs");
  this.setRef("id");
  this.saveDocument(true);
});
const docUrls = [];
let npages = 0;
for (const [rel, file] of pages(site)) {
  const url = "/" + rel.replace(/index\.html$/, "");
  npages++;
  for (const d of sections(fs.readFileSync(file, "utf8"), url)) {
    const id = String(docUrls.length);
    docUrls.push(d.url);
    index.addDoc({ id, title: d.title, body: d.body, breadcrumbs: d.breadcrumbs });
  }
}
// mdBook's searcher options (search.js): OR of the terms, prefix expansion, title boost 2.
const searchOptions = {
  bool: "OR",
  expand: true,
  fields: { title: { boost: 2 }, body: { boost: 1 }, breadcrumbs: { boost: 1 } },
};
const json = JSON.stringify({ doc_urls: docUrls, search_options: searchOptions, index: index.toJSON() });
fs.mkdirSync(outDir, { recursive: true });
// As mdBook: the JSON inside a single-quoted string, given to JSON.parse.
const js = "window.search = JSON.parse('" + json.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "');\n";
fs.writeFileSync(path.join(outDir, "searchindex.js"), js);
fs.copyFileSync(require.resolve("elasticlunr/elasticlunr.min.js"), path.join(outDir, "elasticlunr.min.js"));
const ms = performance.now() - t0;
console.log(JSON.stringify({ pages: npages, documents: docUrls.length, ms, bytes: Buffer.byteLength(js) }));
