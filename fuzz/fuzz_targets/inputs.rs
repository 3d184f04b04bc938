//! Every kind of text a handbook's author writes, through the functions that read it, with
//! every diagnostic they report rendered as `check` would show it.
//!
//! The first byte chooses the kind (its value modulo 6; see `Input`); the rest, read as UTF-8
//! with invalid bytes replaced, is the file. For front matter, the first byte divided by 6
//! also chooses the page kind. `fuzz/README.md` lists the bytes each seed starts with.
//!
//! `HANDBOOK_FUZZ_KIND=checklist` (or `front-matter`, `markdown`, `book`, `sources`, `rules`)
//! keeps a whole run on one kind, whatever the first byte says, so that each kind gets its
//! share of fuzzing time; an input found that way reproduces only with the same setting.

#![no_main]

use std::sync::{Arc, OnceLock};

use handbook::config::Config;
use handbook::content::front_matter;
use handbook::content::{self, Bibliography, Kind, Page, PageAnalysis, PageData, checklist};
use handbook::diagnostic::Diagnostics;
use handbook::links::urls;
use handbook::markdown::{self, Analysis, Cited, Rewriter, plain, rules};
use handbook::search::{self, text::Language};
use handbook::source::SourceFile;
use libfuzzer_sys::fuzz_target;

/// What the first byte (modulo 6) asks for.
enum Input {
    FrontMatter,
    Markdown,
    Checklist,
    BookYaml,
    Sources,
    Rules,
}

impl Input {
    const NAMES: [&str; 6] = [
        "front-matter",
        "markdown",
        "checklist",
        "book",
        "sources",
        "rules",
    ];

    fn of(selector: u8) -> Input {
        static FORCED: OnceLock<Option<u8>> = OnceLock::new();
        let forced = FORCED.get_or_init(|| {
            let name = std::env::var("HANDBOOK_FUZZ_KIND").ok()?;
            let index = Input::NAMES.iter().position(|n| *n == name);
            Some(index.expect("HANDBOOK_FUZZ_KIND names one of Input::NAMES") as u8)
        });
        match forced.unwrap_or(selector % 6) {
            0 => Input::FrontMatter,
            1 => Input::Markdown,
            2 => Input::Checklist,
            3 => Input::BookYaml,
            4 => Input::Sources,
            _ => Input::Rules,
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut diagnostics = Diagnostics::new();
    match Input::of(selector) {
        Input::FrontMatter => front_matter(selector, text, &mut diagnostics),
        Input::Markdown => markdown(&text),
        Input::Checklist => checklist(text, &mut diagnostics),
        Input::BookYaml => book_yaml(text, &mut diagnostics),
        Input::Sources => sources(text, &mut diagnostics),
        Input::Rules => rule_tokens(&text),
    }
    show(diagnostics);
});

/// A Markdown page of the kind `selector / 6` picks, or a section's `_section.md`.
fn front_matter(selector: u8, text: String, diagnostics: &mut Diagnostics) {
    let kind = match (selector / 6) % 5 {
        0 => Kind::Page,
        1 => Kind::Strategy,
        2 => Kind::Role,
        3 => Kind::Scenario,
        _ => {
            let file = SourceFile::new("content/s/_section.md", text);
            let meta = front_matter::read_section(&file, diagnostics);
            let body = file.text.get(meta.body.clone()).unwrap_or_default();
            markdown::analyse(body, meta.body.start);
            return;
        }
    };
    let file = SourceFile::new("content/s/page.md", text);
    let _ = front_matter::split(&file);
    let Some((common, data, body)) = front_matter::read_page(&file, kind, diagnostics) else {
        return;
    };
    let page = page(file, common, data, body);
    render_page(&page);
}

fn checklist(text: String, diagnostics: &mut Diagnostics) {
    let file = SourceFile::new("content/checklists/c.yaml", text);
    let Some((common, checklist)) = checklist::read(&file, diagnostics) else {
        return;
    };
    let page = page(file, common, PageData::Checklist(checklist), 0..0);
    render_page(&page);
}

fn book_yaml(text: String, diagnostics: &mut Diagnostics) {
    let file = SourceFile::new("book.yaml", text);
    let Some(config) = Config::parse(file, diagnostics) else {
        return;
    };
    let _ = config.direction();
    let _ = Language::new(&config.language).stem("mentoring");
    let _ = config.absolute_base_url();
    let uses: String = config
        .rules
        .keys()
        .map(|name| format!("{{{{ rules.{name} }}}} "))
        .collect();
    let _ = config.with_rules(&uses);
}

fn sources(text: String, diagnostics: &mut Diagnostics) {
    let file = SourceFile::new("content/sources.yaml", text);
    let bibliography = Bibliography::read(file, diagnostics);
    for source in bibliography.sources.values() {
        let _ = source.link();
    }
}

/// `{{ rules.name }}` in a text, and in a copy read from it (as YAML strings are).
fn rule_tokens(text: &str) {
    let found = rules::uses(text);
    for rule in &found {
        let _ = &text[rule.span.clone()];
    }
    let _ = rules::substitute(text, |name| (name.len() % 2 == 0).then(|| name.repeat(2)));
    let unescaped = text.replace('\\', "");
    let _ = rules::located(text, 7, &unescaped);
    let _ = rules::located(&unescaped, 0, text);
}

/// A Markdown body on its own, as `_section.md` bodies and inline fields are read.
fn markdown(text: &str) {
    let analysis = markdown::analyse(text, 3);
    render(text, &analysis);
    let _ = markdown::render_inline(text, &mut Links::default());
    // What check and render do with each link as written.
    for link in &analysis.links {
        let path = link.dest.split('#').next().unwrap_or_default();
        let _ = urls::percent_decode(path);
        let _ = urls::join("strategies", path);
        let _ = urls::relative("/strategies/one/", path, false);
        let _ = urls::relative("/", path, true);
        let _ = urls::output_path(path);
    }
    // What search makes of the text.
    let language = Language::new("en");
    for block in plain::blocks(text, &rule) {
        for word in search::text::words(&block.text) {
            let folded = search::text::fold(word);
            if !language.is_stop(&folded) {
                let _ = language.stem(&folded);
            }
        }
    }
}

/// Reads a page's Markdown the way loading and rendering do.
fn render_page(page: &Page) {
    let analysis = PageAnalysis::of(page);
    let _ = analysis.anchors().count();
    let _ = analysis.rule_uses().count();
    render(page.body_text(), &analysis.body);
    for text in content::analysis::inline_texts(page) {
        let _ = markdown::render_inline(&text.value, &mut Links::default());
        let mut n = 0;
        let _ = plain::inline(&text.value, &rule, &mut |keys: &[Cited]| {
            n += 1;
            format!(" [{n}:{}]", keys.len())
        });
    }
}

fn render(text: &str, analysis: &Analysis) {
    let _ = markdown::render(text, analysis, &mut Links::default());
    let _ = plain::blocks(text, &rule);
}

fn rule(name: &str) -> Option<String> {
    (name.len() % 2 == 1).then(|| format!("<{name}>"))
}

fn page(
    file: Arc<SourceFile>,
    common: front_matter::Common,
    data: PageData,
    body: std::ops::Range<usize>,
) -> Page {
    Page {
        id: 0,
        section: 0,
        source_path: file.display_path(),
        slug: "page".to_string(),
        slug_span: common.title.span.clone(),
        url: "/s/page/".to_string(),
        title: common.title.value,
        title_span: common.title.span,
        summary: common.summary,
        summary_span: common.summary_span,
        own_guidance: common.own_guidance,
        weight: common.weight,
        prefix: None,
        related: common.related,
        sources: common.sources,
        body,
        analysis: Arc::default(),
        data,
        file,
    }
}

/// Every diagnostic as `check` prints it: with and without colour, and as JSON.
fn show(diagnostics: Diagnostics) {
    for d in diagnostics.sorted() {
        let _ = d.position();
        let _ = d.render(false);
        let _ = d.render(true);
        let _ = d.to_json();
    }
}

/// A rewriter like the site's: links to `.md` files become folders, citations are numbered.
#[derive(Default)]
struct Links {
    cited: usize,
}

impl Rewriter for Links {
    fn href(&self, dest: &str) -> Option<String> {
        let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
        path.strip_suffix(".md")
            .map(|p| format!("../{p}/#{fragment}"))
    }
    fn cite(&mut self, keys: &[Cited]) -> String {
        self.cited += 1;
        format!("<sup>[{}:{}]</sup>", self.cited, keys.len())
    }
    fn rule(&self, name: &str) -> Option<String> {
        rule(name)
    }
    fn code_block(&mut self, lang: &str, code: &str) -> String {
        format!("<pre data-lang=\"{lang}\">{}</pre>", code.len())
    }
    fn anchor(&self, id: &str) -> String {
        format!("p--{id}")
    }
    fn heading_shift(&self) -> u8 {
        1
    }
}
