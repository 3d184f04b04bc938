//! Markdown (pulldown-cmark) → a JSON tree the Typst template walks.
//!
//! Every piece of text ends up as a JSON *string*; the template turns strings into text with
//! `text(..)`, which never parses them. So `#panic("x")`, `$x$`, `*`, `<label>` and `@ref` in a
//! page are characters on the page, nothing more.
//!
//! Inline nodes: a plain string (text), or {t: em|strong|code|link|xref|cite|br|img, ...}.
//! Block nodes: {t: h|p|ul|ol|table|codeblock|quote|hr, ...}.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag};
use serde_json::{Value, json};

/// Citations numbered in order of first citation in the book.
#[derive(Default)]
pub struct Citations {
    pub order: Vec<String>,
    pub number: HashMap<String, usize>,
    pub known: HashSet<String>,
    pub unknown: Vec<String>,
}

impl Citations {
    fn cite(&mut self, key: &str) -> Option<usize> {
        if !self.known.contains(key) {
            self.unknown.push(key.to_string());
            return None;
        }
        if let Some(n) = self.number.get(key) {
            return Some(*n);
        }
        self.order.push(key.to_string());
        let n = self.order.len();
        self.number.insert(key.to_string(), n);
        Some(n)
    }
}

/// What a page needs to turn its links into cross-references.
pub struct Ctx<'a> {
    /// The page's id, e.g. `pairing/probation` (its label in the PDF).
    pub page: &'a str,
    /// The folder of the page's file, relative to the content folder ("" at the root).
    pub dir: &'a str,
    /// Ids of every page in the book.
    pub pages: &'a HashSet<String>,
    pub cites: &'a mut Citations,
    /// Heading labels made so far (`page#slug`), for the anchors' later check.
    pub anchors: &'a mut HashSet<String>,
    /// Heading level offset: a page's `##` is one level below the page title.
    pub level_offset: u8,
}

pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '-' | '_' | '/' | '.') {
            dash = true;
        }
    }
    out
}

fn is_inline(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Object(o) => matches!(
            o.get("t").and_then(Value::as_str),
            Some("em" | "strong" | "code" | "link" | "xref" | "cite" | "br" | "img" | "del")
        ),
        _ => false,
    }
}

fn plain(nodes: &[Value]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            Value::String(t) => s.push_str(t),
            Value::Object(o) => {
                if let Some(Value::String(t)) = o.get("v") {
                    s.push_str(t);
                }
                if let Some(Value::Array(c)) = o.get("c") {
                    s.push_str(&plain(c));
                }
            }
            _ => {}
        }
    }
    s
}

/// Joins neighbouring strings, then finds `[@key]`, `[@key, locator]`, `[@a; @b]`.
fn finish_inlines(nodes: Vec<Value>, cites: &mut Citations) -> Vec<Value> {
    let mut merged: Vec<Value> = Vec::with_capacity(nodes.len());
    for n in nodes {
        if let (Value::String(s), Some(Value::String(prev))) = (&n, merged.last_mut()) {
            prev.push_str(s);
            continue;
        }
        merged.push(n);
    }
    let mut out = Vec::with_capacity(merged.len());
    for n in merged {
        let Value::String(s) = n else {
            out.push(n);
            continue;
        };
        let mut rest = s.as_str();
        while let Some(i) = rest.find("[@") {
            let Some(j) = rest[i..].find(']') else { break };
            let inner = &rest[i + 1..i + j];
            let mut items = Vec::new();
            let mut ok = true;
            for part in inner.split(';') {
                let part = part.trim();
                let Some(p) = part.strip_prefix('@') else {
                    ok = false;
                    break;
                };
                let (key, loc) = match p.split_once(',') {
                    Some((k, l)) => (k.trim(), Some(l.trim())),
                    None => (p.trim(), None),
                };
                if key.is_empty()
                    || !key.chars().all(|c| c.is_alphanumeric() || "-_:.".contains(c))
                {
                    ok = false;
                    break;
                }
                items.push((key.to_string(), loc.map(str::to_string)));
            }
            if !ok {
                // Not a citation: keep the text, look further on.
                out.push(Value::String(rest[..i + 2].to_string()));
                rest = &rest[i + 2..];
                continue;
            }
            if i > 0 {
                out.push(Value::String(rest[..i].to_string()));
            }
            let list: Vec<Value> = items
                .into_iter()
                .map(|(key, loc)| match cites.cite(&key) {
                    Some(n) => json!({"n": n, "to": format!("bib:{key}"), "loc": loc}),
                    None => json!({"n": null, "key": key, "loc": loc}),
                })
                .collect();
            out.push(json!({"t": "cite", "c": list}));
            rest = &rest[i + j + 1..];
        }
        if !rest.is_empty() {
            out.push(Value::String(rest.to_string()));
        }
    }
    out
}

/// Groups loose inline runs among blocks into paragraphs (tight list items, table cells).
fn blockify(nodes: Vec<Value>, cites: &mut Citations) -> Vec<Value> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for n in nodes {
        if is_inline(&n) {
            run.push(n);
        } else {
            if !run.is_empty() {
                out.push(json!({"t": "p", "c": finish_inlines(std::mem::take(&mut run), cites)}));
            }
            out.push(n);
        }
    }
    if !run.is_empty() {
        out.push(json!({"t": "p", "c": finish_inlines(run, cites)}));
    }
    out
}

fn resolve(page: &str, dir: &str, dest: &str, pages: &HashSet<String>) -> Option<String> {
    if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with('/') {
        return None;
    }
    let (path, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let id = if path.is_empty() {
        page.to_string()
    } else {
        // Relative to the page's folder; a section (`x/_section.md`) has id `x`.
        let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
        for seg in path.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let mut id = parts.join("/");
        for ext in [".md", ".yaml", ".yml"] {
            if let Some(s) = id.strip_suffix(ext) {
                id = s.to_string();
            }
        }
        if let Some(s) = id.strip_suffix("/_section") {
            id = s.to_string();
        }
        id
    };
    if !pages.contains(&id) {
        return None;
    }
    Some(match frag {
        Some(f) if !f.is_empty() => format!("{id}#{f}"),
        _ => id,
    })
}

pub fn convert(markdown: &str, ctx: &mut Ctx) -> Vec<Value> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    // Stack of open containers: (tag, children).
    let mut stack: Vec<(Option<Tag>, Vec<Value>)> = vec![(None, Vec::new())];
    let mut table_align: Vec<Alignment> = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    for ev in Parser::new_ext(markdown, opts) {
        match ev {
            Event::Start(tag) => {
                if let Tag::Table(a) = &tag {
                    table_align = a.clone();
                }
                stack.push((Some(tag), Vec::new()));
            }
            Event::End(_) => {
                let (tag, children) = stack.pop().expect("balanced events");
                let node = build(tag.expect("a tag"), children, ctx, &table_align, &mut used);
                if let Some(n) = node {
                    stack.last_mut().unwrap().1.push(n);
                }
            }
            Event::Text(t) => stack.last_mut().unwrap().1.push(Value::String(t.into_string())),
            Event::Code(t) => stack.last_mut().unwrap().1.push(json!({"t": "code", "v": t.as_ref()})),
            Event::SoftBreak => stack.last_mut().unwrap().1.push(Value::String(" ".into())),
            Event::HardBreak => stack.last_mut().unwrap().1.push(json!({"t": "br"})),
            Event::Rule => stack.last_mut().unwrap().1.push(json!({"t": "hr"})),
            // Raw HTML is shown as its text, never interpreted.
            Event::Html(t) | Event::InlineHtml(t) => {
                stack.last_mut().unwrap().1.push(Value::String(t.into_string()))
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                stack.last_mut().unwrap().1.push(Value::String(t.into_string()))
            }
            Event::FootnoteReference(t) => {
                stack.last_mut().unwrap().1.push(Value::String(format!("[^{t}]")))
            }
            Event::TaskListMarker(done) => stack
                .last_mut()
                .unwrap()
                .1
                .push(Value::String(if done { "☑ " } else { "☐ " }.into())),
        }
    }
    let (_, top) = stack.pop().unwrap();
    blockify(top, ctx.cites)
}

fn build(
    tag: Tag,
    children: Vec<Value>,
    ctx: &mut Ctx,
    align: &[Alignment],
    used: &mut HashMap<String, usize>,
) -> Option<Value> {
    let cites = &mut *ctx.cites;
    Some(match tag {
        Tag::Paragraph => json!({"t": "p", "c": finish_inlines(children, cites)}),
        Tag::Heading { level, id, .. } => {
            let c = finish_inlines(children, cites);
            let base = id.map(|s| s.to_string()).unwrap_or_else(|| slugify(&plain(&c)));
            let n = used.entry(base.clone()).or_insert(0);
            let slug = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
            *n += 1;
            let label = format!("{}#{}", ctx.page, slug);
            ctx.anchors.insert(label.clone());
            let l = match level {
                HeadingLevel::H1 => 1,
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
                HeadingLevel::H5 => 5,
                HeadingLevel::H6 => 6,
            };
            json!({"t": "h", "l": (l + ctx.level_offset).min(6), "c": c, "id": label})
        }
        Tag::BlockQuote(_) => json!({"t": "quote", "c": blockify(children, cites)}),
        Tag::CodeBlock(kind) => {
            let lang = match kind {
                CodeBlockKind::Fenced(l) if !l.is_empty() => {
                    Value::String(l.split_whitespace().next().unwrap_or("").to_string())
                }
                _ => Value::Null,
            };
            json!({"t": "codeblock", "lang": lang, "v": plain(&children)})
        }
        Tag::List(start) => {
            let tight = children.iter().all(|item| {
                item.as_array().is_some_and(|b| b.len() <= 1 || b.iter().all(|x| x["t"] != "p"))
            });
            match start {
                Some(s) => json!({"t": "ol", "start": s, "tight": tight, "items": children}),
                None => json!({"t": "ul", "tight": tight, "items": children}),
            }
        }
        Tag::Item => Value::Array(blockify(children, cites)),
        Tag::Table(_) => {
            let mut rows = children.into_iter();
            let head = rows.next().unwrap_or(Value::Array(vec![]));
            let al: Vec<&str> = align
                .iter()
                .map(|a| match a {
                    Alignment::Right => "right",
                    Alignment::Center => "center",
                    _ => "left",
                })
                .collect();
            json!({"t": "table", "align": al, "head": head, "rows": rows.collect::<Vec<_>>()})
        }
        Tag::TableHead | Tag::TableRow => Value::Array(children),
        Tag::TableCell => Value::Array(finish_inlines(children, cites)),
        Tag::Emphasis => json!({"t": "em", "c": children}),
        Tag::Strong => json!({"t": "strong", "c": children}),
        Tag::Strikethrough => json!({"t": "del", "c": children}),
        Tag::Link { dest_url, .. } => {
            let c = finish_inlines(children, cites);
            match resolve(ctx.page, ctx.dir, &dest_url, ctx.pages) {
                Some(to) => json!({"t": "xref", "to": to, "c": c}),
                None => json!({"t": "link", "url": dest_url.as_ref(), "c": c}),
            }
        }
        Tag::Image { dest_url, .. } => {
            json!({"t": "img", "url": dest_url.as_ref(), "alt": plain(&children)})
        }
        // Footnote definitions, metadata blocks, definition lists: shown as their text.
        _ => {
            let blocks = blockify(children, cites);
            if blocks.is_empty() {
                return None;
            }
            json!({"t": "quote", "c": blocks})
        }
    })
}

/// After every page is built: an anchor nobody defined falls back to its page's label, so
/// every cross-reference points at a label that exists (Typst stops on a missing one).
pub fn fix_xrefs(v: &mut Value, anchors: &HashSet<String>, misses: &mut usize) {
    match v {
        Value::Array(a) => a.iter_mut().for_each(|x| fix_xrefs(x, anchors, misses)),
        Value::Object(o) => {
            if o.get("t").and_then(Value::as_str) == Some("xref") {
                if let Some(Value::String(to)) = o.get_mut("to") {
                    if let Some((page, _)) = to.split_once('#') {
                        if !anchors.contains(to.as_str()) {
                            *misses += 1;
                            *to = page.to_string();
                        }
                    }
                }
            }
            o.values_mut().for_each(|x| fix_xrefs(x, anchors, misses));
        }
        _ => {}
    }
}
