//! Prototype for issue 38's engine study: the whole handbook as one PDF, typeset by Typst
//! embedded as a library.
//!
//! typst-study SITE_DIR OUT.pdf [--paper a4|us-letter] [--fonts DIR] [--hostile] [--json OUT.json]
//!
//! SITE_DIR holds book.yaml and content/ (the bundled handbook, or a gen_corpus.py handbook).
//! The Markdown is turned into JSON (md.rs) and handed to a fixed Typst template (book.typ)
//! as the virtual file /doc.json: page text is data, never Typst markup.

mod md;
mod world;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Value, json};
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("book.typ");

struct Page {
    id: String,
    dir: String,
    title: String,
    weight: i64,
    lang: Option<String>,
    body: String,
    checklist: bool,
}

fn split_front_matter(text: &str) -> (Value, &str) {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(rest) = t.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---") {
            let fm = &rest[..end];
            let after = &rest[end + 4..];
            let body = after.split_once('\n').map(|x| x.1).unwrap_or("");
            let v: Value = serde_saphyr::from_str(fm).unwrap_or(Value::Null);
            return (v, body);
        }
    }
    (Value::Null, t)
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn substitute_rules(text: &str, rules: &Value) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("{{") {
        let Some(j) = rest[i..].find("}}") else { break };
        let expr = rest[i + 2..i + j].trim();
        out.push_str(&rest[..i]);
        match expr.strip_prefix("rules.").map(|k| &rules[k]) {
            Some(v) if !v.is_null() => out.push_str(&s(v)),
            _ => out.push_str(&rest[i..i + j + 2]),
        }
        rest = &rest[i + j + 2..];
    }
    out.push_str(rest);
    out
}

/// A checklist (YAML) written out as Markdown, so it goes through the same safe path.
fn checklist_markdown(v: &Value) -> String {
    let mut m = String::new();
    if let Some(w) = v["when"].as_str() {
        m.push_str(&format!("*When:* {w}\n\n"));
    }
    m.push_str(&s(&v["intro"]));
    m.push_str("\n\n");
    for sec in v["sections"].as_array().into_iter().flatten() {
        m.push_str(&format!("### {}\n\n", s(&sec["title"])));
        for item in sec["items"].as_array().into_iter().flatten() {
            match item {
                Value::String(t) => m.push_str(&format!("- {t}\n")),
                Value::Object(o) if o.contains_key("table") => {
                    let cols: Vec<String> = o["table"]["columns"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|c| s(c).replace('|', "\\|"))
                        .collect();
                    let rows = o["table"]["rows"].as_u64().unwrap_or(3);
                    m.push_str(&format!("\n| {} |\n", cols.join(" | ")));
                    m.push_str(&format!("|{}\n", "---|".repeat(cols.len())));
                    for _ in 0..rows {
                        m.push_str(&format!("|{}\n", " &nbsp; |".repeat(cols.len())));
                    }
                    m.push('\n');
                }
                Value::Object(o) => {
                    if let Some(f) = o.get("field") {
                        m.push_str(&format!("- **{}**", s(f)));
                        if let Some(n) = o.get("note") {
                            m.push_str(&format!(" ({})", s(n)));
                        }
                        m.push_str(": \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\n");
                    } else if let Some(t) = o.get("text") {
                        m.push_str(&format!("- {}\n", s(t)));
                    }
                }
                _ => {}
            }
        }
        m.push('\n');
    }
    if let Some(who) = v["sign_off"].as_array() {
        m.push_str("### Signatures\n\n");
        for w in who {
            m.push_str(&format!("- {}: signature and date\n", s(w)));
        }
    }
    m
}

fn read_page(content: &Path, file: &Path) -> Option<Page> {
    let rel = file.strip_prefix(content).ok()?;
    let dir = rel.parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = rel.file_stem()?.to_string_lossy().into_owned();
    let ext = rel.extension()?.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(file).ok()?;
    let (fm, body, checklist) = if ext == "md" {
        let (fm, body) = split_front_matter(&text);
        (fm, body.to_string(), false)
    } else if ext == "yaml" && dir == "checklists" {
        let v: Value = serde_saphyr::from_str(&text).ok()?;
        let body = checklist_markdown(&v);
        (v, body, true)
    } else {
        return None;
    };
    let id = if stem == "_section" {
        dir.clone()
    } else if dir.is_empty() {
        stem.clone()
    } else {
        format!("{dir}/{stem}")
    };
    Some(Page {
        id,
        dir,
        title: s(&fm["title"]),
        weight: fm["weight"].as_i64().unwrap_or(i64::MAX / 2),
        lang: fm["language"].as_str().map(str::to_string),
        body,
        checklist,
    })
}

fn list_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    v.sort();
    v
}

/// A page of hostile text, to show that content is data.
const HOSTILE: &str = r#"---
title: "A page that tries to run code #panic(\"title\")"
weight: 0
---

This paragraph contains #panic("x"), #read("/etc/passwd"), $x$, $ sum_(i=1)^n i $, *stars*,
_underscores_, `#eval("1+1")`, <label>, @ref, \escape, #set page(width: 1cm), // a comment,
/* a block comment, ``` three backticks, #import "@preview/cetz:0.3.0": *, and #{ "a" * 99 }.

## Heading with #panic("heading") and $y$ { } [ ] #

- A list item: #link("https://example.org")[click]
- `#panic("in code span")`

| #panic("cell") | $z$ |
|---|---|
| #read("/etc/passwd") | = not a heading |

```typ
#panic("in a code block")
#read("/etc/passwd")
```

> #panic("in a quote") and [link text #panic("y")](https://example.org/#panic)

Urdu, right to left, set in Noto Naskh Arabic: سرپرستی کا مقصد نئے ساتھیوں کی مدد کرنا ہے۔

Hebrew: חונכות היא קשר מקצועי.
"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut positional = Vec::new();
    let mut paper = None;
    let mut fonts_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts"));
    let mut hostile = false;
    let mut json_out = None;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--paper" => paper = it.next().cloned(),
            "--fonts" => fonts_dir = PathBuf::from(it.next().expect("--fonts DIR")),
            "--hostile" => hostile = true,
            "--json" => json_out = it.next().cloned(),
            _ => positional.push(a.clone()),
        }
    }
    let [site, out] = &positional[..] else {
        eprintln!("usage: typst-study SITE_DIR OUT.pdf [--paper a4|us-letter] [--hostile]");
        std::process::exit(2);
    };
    let t0 = Instant::now();
    let site = Path::new(site);
    let book_text = std::fs::read_to_string(site.join("book.yaml")).expect("book.yaml");
    let book: Value = serde_saphyr::from_str(&book_text).expect("book.yaml parses");
    let rules = &book["rules"];
    let content = site.join("content");

    // Chapters: sections (folders with _section.md) and root pages, by weight then name;
    // the home page (index.md) first.
    struct Chapter {
        head: Page,
        pages: Vec<Page>,
    }
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut intro = None;
    for entry in list_files(&content) {
        if entry.is_dir() {
            let mut head = None;
            let mut pages = Vec::new();
            for f in list_files(&entry) {
                if let Some(p) = read_page(&content, &f) {
                    if f.file_stem().is_some_and(|s| s == "_section") {
                        head = Some(p);
                    } else {
                        pages.push(p);
                    }
                }
            }
            if let Some(head) = head {
                pages.sort_by(|a, b| (a.weight, &a.id).cmp(&(b.weight, &b.id)));
                chapters.push(Chapter { head, pages });
            }
        } else if let Some(p) = read_page(&content, &entry) {
            if p.id == "index" {
                intro = Some(p);
            } else {
                chapters.push(Chapter { head: p, pages: vec![] });
            }
        }
    }
    chapters.sort_by(|a, b| (a.head.weight, &a.head.id).cmp(&(b.head.weight, &b.head.id)));
    if let Some(mut p) = intro {
        p.title = "Introduction".into();
        chapters.insert(0, Chapter { head: p, pages: vec![] });
    }
    if hostile {
        let (fm, body) = split_front_matter(HOSTILE);
        chapters.insert(
            1,
            Chapter {
                head: Page {
                    id: "hostile".into(),
                    dir: String::new(),
                    title: s(&fm["title"]),
                    weight: 0,
                    lang: None,
                    body: body.to_string(),
                    checklist: false,
                },
                pages: vec![],
            },
        );
    }

    // Sources and citations.
    let sources: Value = std::fs::read_to_string(content.join("sources.yaml"))
        .ok()
        .and_then(|t| serde_saphyr::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let mut cites = md::Citations::default();
    if let Value::Object(o) = &sources {
        cites.known = o.keys().cloned().collect();
    }

    let ids: HashSet<String> = chapters
        .iter()
        .flat_map(|c| std::iter::once(&c.head).chain(c.pages.iter()))
        .map(|p| p.id.clone())
        .collect();
    let mut anchors = HashSet::new();
    let mut convert = |p: &Page, offset: u8, cites: &mut md::Citations| -> Value {
        let body = substitute_rules(&p.body, rules);
        let mut ctx = md::Ctx {
            page: &p.id,
            dir: &p.dir,
            pages: &ids,
            cites,
            anchors: &mut anchors,
            level_offset: offset,
        };
        let blocks = md::convert(&body, &mut ctx);
        json!({"title": p.title, "id": p.id, "lang": p.lang, "checklist": p.checklist, "blocks": blocks})
    };
    let mut chapters_json = Vec::new();
    let mut n_pages = 0;
    for c in &chapters {
        let head = convert(&c.head, if c.pages.is_empty() { 0 } else { 1 }, &mut cites);
        let pages: Vec<Value> = c.pages.iter().map(|p| convert(p, 1, &mut cites)).collect();
        n_pages += 1 + pages.len();
        let mut ch = head;
        ch["pages"] = Value::Array(pages);
        chapters_json.push(ch);
    }
    let bibliography: Vec<Value> = cites
        .order
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let e = &sources[key];
            let authors: Vec<String> =
                e["authors"].as_array().into_iter().flatten().map(s).collect();
            let mut text = String::new();
            if !authors.is_empty() {
                text.push_str(&authors.join(", "));
                text.push_str(". ");
            }
            for k in ["title", "description", "venue", "year"] {
                let v = s(&e[k]);
                if !v.is_empty() {
                    text.push_str(v.trim());
                    text.push_str(". ");
                }
            }
            json!({"n": i + 1, "id": format!("bib:{key}"), "text": text.trim(),
                   "doi": e["doi"].as_str(), "url": e["url"].as_str()})
        })
        .collect();
    let mut doc = json!({
        "title": s(&book["title"]),
        "subtitle": s(&book["subtitle"]),
        "edition": s(&book["edition"]),
        "reviewed": s(&book["reviewed"]),
        "institution": s(&book["institution"]["name"]),
        "lang": book["language"].as_str().unwrap_or("en"),
        "paper": paper.unwrap_or_else(|| "a4".into()),
        "logo": book["institution"]["logo"].is_string(),
        "primary": book["institution"]["colors"]["primary"]
            .as_str()
            .filter(|c| c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit()))
            .unwrap_or("#0b5d4b"),
        // Experiment switches (environment): XREF_PAGES=0 drops the page numbers after
        // cross-references, HEADS=0 the running heads, OUTLINE=0 the contents page.
        "xref_pages": std::env::var("XREF_PAGES").map_or(true, |v| v != "0"),
        "heads": std::env::var("HEADS").map_or(true, |v| v != "0"),
        "outline": std::env::var("OUTLINE").map_or(true, |v| v != "0"),
        "justify": std::env::var("JUSTIFY").map_or(true, |v| v != "0"),
        "eval_only": std::env::var("EVAL_ONLY").is_ok_and(|v| v == "1"),
        "chapters": chapters_json,
        "bibliography": bibliography,
    });
    let mut misses = 0;
    md::fix_xrefs(&mut doc, &anchors, &mut misses);
    let doc_bytes = serde_json::to_vec(&doc).unwrap();
    if let Some(p) = json_out {
        std::fs::write(p, &doc_bytes).unwrap();
    }
    let t_md = t0.elapsed();

    // The world: template, data, logo, fonts. Nothing else can be read.
    let mut files = vec![("/doc.json", doc_bytes.clone())];
    if let Some(logo) = book["institution"]["logo"].as_str() {
        if let Ok(b) = std::fs::read(site.join(logo)) {
            files.push(("/logo.svg", b));
        }
    }
    let fonts: Vec<Vec<u8>> = list_files(&fonts_dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ttf" || e == "otf"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let world = world::BookWorld::new(TEMPLATE, files, fonts);

    let t1 = Instant::now();
    let warned = typst::compile::<PagedDocument>(&world);
    let t_layout = t1.elapsed();
    print_diags(&warned.warnings);
    let document = match warned.output {
        Ok(d) => d,
        Err(errors) => {
            print_diags(&errors);
            std::process::exit(1);
        }
    };
    let t2 = Instant::now();
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom("handbook.pdf".into()),
        creator: Smart::Custom(Some("handbook".into())),
        ..Default::default()
    };
    let pdf = match typst_pdf::pdf(&document, &options) {
        Ok(b) => b,
        Err(errors) => {
            print_diags(&errors);
            std::process::exit(1);
        }
    };
    let t_pdf = t2.elapsed();
    std::fs::write(out, &pdf).unwrap();
    eprintln!(
        "{} source pages in {} chapters, {} citations, {} anchors unresolved (page used); \
         doc.json {} KB; {} PDF pages, {} KB; markdown {:.2}s, typst layout {:.2}s, pdf {:.2}s, total {:.2}s",
        n_pages,
        chapters.len(),
        cites.order.len(),
        misses,
        doc_bytes.len() / 1024,
        document.pages().len(),
        pdf.len() / 1024,
        t_md.as_secs_f64(),
        t_layout.as_secs_f64(),
        t_pdf.as_secs_f64(),
        t0.elapsed().as_secs_f64()
    );
    if !cites.unknown.is_empty() {
        eprintln!("unknown citation keys: {:?}", cites.unknown);
    }
}

fn print_diags(diags: &[SourceDiagnostic]) {
    for d in diags {
        let kind = if d.severity == Severity::Error { "error" } else { "warning" };
        eprintln!("typst {kind}: {} {:?}", d.message, d.hints);
    }
}
