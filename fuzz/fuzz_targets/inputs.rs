//! Every kind of text a handbook's author writes, through the functions that read it, with
//! every diagnostic they report rendered as `check` would show it.
//!
//! The first byte chooses the kind (see `Input::of`: below 240, its value modulo 6 chooses
//! one of the first six kinds, as it did before the others came; from 240 up, its distance
//! from 240 modulo 3 one of the later ones); the rest, read as UTF-8 with invalid bytes
//! replaced, is the file. For front matter, the first byte divided by 6 also chooses the page
//! kind. `fuzz/README.md` lists the bytes each seed starts with.
//!
//! `HANDBOOK_FUZZ_KIND=checklist` (or any name of `Input::NAMES`) keeps a whole run on one
//! kind, whatever the first byte says, so that each kind gets its share of fuzzing time; an
//! input found that way reproduces only with the same setting.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use handbook::check;
use handbook::color::Surfaces;
use handbook::config::Config;
use handbook::content::front_matter;
use handbook::content::{self, Bibliography, Kind, Page, PageAnalysis, PageData, checklist};
use handbook::diagnostic::{Code, Diagnostic, Diagnostics};
use handbook::links::urls;
use handbook::markdown::{self, Analysis, Cited, Rewriter, plain, rules};
use handbook::reserved::RESERVED_IDS;
use handbook::search::{self, text::Language};
use handbook::source::SourceFile;
use libfuzzer_sys::fuzz_target;

/// What the first byte asks for (see `Input::of`).
enum Input {
    FrontMatter,
    Markdown,
    Checklist,
    BookYaml,
    Sources,
    Rules,
    Surfaces,
    Headings,
    Site,
}

/// First bytes below this choose among the first six kinds by their value modulo 6, as every
/// byte did before the later kinds came, so that the seeds and corpora made then keep their
/// kinds; bytes from it up choose among the later kinds.
const LATER_KINDS_FROM: u8 = 240;

impl Input {
    const NAMES: [&str; 9] = [
        "front-matter",
        "markdown",
        "checklist",
        "book",
        "sources",
        "rules",
        "surfaces",
        "headings",
        "site",
    ];

    fn of(selector: u8) -> Input {
        static FORCED: OnceLock<Option<u8>> = OnceLock::new();
        let forced = FORCED.get_or_init(|| {
            let name = std::env::var("HANDBOOK_FUZZ_KIND").ok()?;
            let index = Input::NAMES.iter().position(|n| *n == name);
            Some(index.expect("HANDBOOK_FUZZ_KIND names one of Input::NAMES") as u8)
        });
        let chosen = if selector < LATER_KINDS_FROM {
            selector % 6
        } else {
            6 + (selector - LATER_KINDS_FROM) % 3
        };
        match forced.unwrap_or(chosen) {
            0 => Input::FrontMatter,
            1 => Input::Markdown,
            2 => Input::Checklist,
            3 => Input::BookYaml,
            4 => Input::Sources,
            5 => Input::Rules,
            6 => Input::Surfaces,
            7 => Input::Headings,
            _ => Input::Site,
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
        Input::Surfaces => surfaces(selector, &text, &mut diagnostics),
        Input::Headings => headings(selector, text, &mut diagnostics),
        Input::Site => site(&text, &mut diagnostics),
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

/// A theme's `surfaces.yaml`, as loading a theme reads it, then what brand.css, the code
/// stylesheet and `check` make of it, against one of two institutions' colours.
fn surfaces(selector: u8, text: &str, diagnostics: &mut Diagnostics) {
    let surfaces = match Surfaces::parse(text) {
        Ok(surfaces) => surfaces,
        Err(message) => {
            diagnostics.push(
                Diagnostic::new(Code::Theme, format!("the theme's surfaces: {message}"))
                    .in_file("themes/t/surfaces.yaml"),
            );
            return;
        }
    };
    let _ = surfaces.css(true);
    let _ = surfaces.css(false);
    let code = &surfaces.list[surfaces.code];
    for surface in &surfaces.list {
        for &brand in &surface.text {
            let _ = surfaces.dark_shade(brand, surface.light);
        }
        let _ = surfaces.code_color(surface.dark, true);
        let _ = surfaces.code_color(surface.light, false);
    }
    let _ = (code.light.contrast(code.dark), code.light.readable_text());
    static BRANDED: OnceLock<[Config; 2]> = OnceLock::new();
    let configs = BRANDED.get_or_init(|| {
        let book = |colors: &str| {
            let text = format!("title: T\ninstitution:\n  name: I\n  colors: {colors}\n");
            Config::parse(SourceFile::new("book.yaml", text), &mut Diagnostics::new())
                .expect("a valid book.yaml")
        };
        [
            book("{ primary: \"#0b5d4b\", accent: \"#8a6116\" }"),
            book("{ primary: \"#ffe680\", accent: \"#777\" }"),
        ]
    });
    check::brand::check_colors(&configs[usize::from(selector % 2)], &surfaces, diagnostics);
}

/// A page body whose headings set ids, classes and other attributes, rendered as the site
/// renders it with `allow_html: false` (here raw HTML is escaped, so that every heading tag
/// in the output is one the Markdown made), on the page or, for `selector / 3 % 3` above 0,
/// in the print edition (ids prefixed, levels shifted). The page's ids must be unique and
/// none the theme's; the output's headings must carry those ids, in order, and no attribute
/// but `id` and `class`.
fn headings(selector: u8, text: String, diagnostics: &mut Diagnostics) {
    let file = SourceFile::new("content/s/page.md", text);
    let analysis = markdown::analyse(&file.text, 0);
    check::check_headings(&file, &analysis, diagnostics);
    let mut seen = std::collections::HashSet::new();
    for heading in &analysis.headings {
        assert!(
            seen.insert(heading.id.as_str()),
            "heading id `{}` twice",
            heading.id
        );
        assert!(
            !RESERVED_IDS.contains(&heading.id.as_str()),
            "heading id `{}` is the theme's",
            heading.id
        );
    }
    let shift = (selector / 3) % 3;
    let mut page = SitePage { shift };
    let html = markdown::render(&file.text, &analysis, &mut page);
    let tags = heading_tags(&html);
    let ids: Vec<String> = analysis
        .headings
        .iter()
        .map(|h| page.anchor(&h.id))
        .collect();
    let shown: Vec<String> = tags
        .iter()
        .map(|t| t.id.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        shown, ids,
        "the output's heading ids are not the page's anchors"
    );
    for tag in &tags {
        assert!(tag.level > shift, "a heading was not shifted by {shift}");
        assert!(
            tag.others.is_empty(),
            "a heading in the output sets {:?}",
            tag.others
        );
    }
}

/// What the site's renderer does that headings depend on: anchors (prefixed in the print
/// edition), the level shift, and raw HTML replaced (escaped here).
struct SitePage {
    shift: u8,
}

impl Rewriter for SitePage {
    fn href(&self, _dest: &str) -> Option<String> {
        None
    }
    fn cite(&mut self, keys: &[Cited]) -> String {
        format!("<sup>[{}]</sup>", keys.len())
    }
    fn rule(&self, name: &str) -> Option<String> {
        rule(name)
    }
    fn code_block(&mut self, _lang: &str, code: &str) -> String {
        format!("<pre>{}</pre>", handbook::render::escape(code))
    }
    fn anchor(&self, id: &str) -> String {
        if self.shift == 0 {
            id.to_string()
        } else {
            format!("p-s-page--{id}")
        }
    }
    fn heading_shift(&self) -> u8 {
        self.shift
    }
    fn raw_html(&self, html: &str) -> Option<String> {
        Some(handbook::render::escape(html))
    }
}

/// A heading's start tag in HTML: `<h2 id="a" class="b">`.
struct HeadingTag {
    level: u8,
    id: Option<String>,
    /// Attributes other than one `id` and one `class`.
    others: Vec<String>,
}

/// Every heading start tag in `html` (as pulldown-cmark writes them: `name="value"`, with the
/// value escaped).
fn heading_tags(html: &str) -> Vec<HeadingTag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let level = match rest.as_bytes().first() {
            Some(b @ b'1'..=b'6') => b - b'0',
            _ => continue,
        };
        rest = &rest[1..];
        if !(rest.starts_with(' ') || rest.starts_with('>')) {
            continue;
        }
        let end = rest.find('>').expect("a heading tag ends");
        let mut attributes = &rest[..end];
        rest = &rest[end..];
        let mut tag = HeadingTag {
            level,
            id: None,
            others: Vec::new(),
        };
        let mut class = false;
        while let Some(after) = attributes.strip_prefix(' ') {
            let (name, value) = after.split_once("=\"").expect("an attribute with a value");
            let close = value.find('"').expect("a closed attribute value");
            match name {
                "id" if tag.id.is_none() => tag.id = Some(unescape(&value[..close])),
                "class" if !class => class = true,
                _ => tag.others.push(name.to_string()),
            }
            attributes = &value[close + 1..];
        }
        assert!(
            attributes.is_empty(),
            "a heading tag ends with `{attributes}`"
        );
        tags.push(tag);
    }
    tags
}

/// An attribute value as pulldown-cmark escapes it, read back.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// At most this many files in a handbook (`site`); later markers are text.
const SITE_FILES: usize = 12;

/// A small handbook written out and checked as `handbook check` checks one, short of the
/// theme and rendering: book.yaml, the content, every check across files, and the brand
/// colours against the default theme's surfaces. The input is its files one after another:
/// book.yaml first, then each file after a line `=== PATH` (a path inside the handbook,
/// such as `content/index.md`; at most `SITE_FILES` files, later such lines are text).
fn site(text: &str, diagnostics: &mut Diagnostics) {
    let root = scratch();
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root).expect("the scratch folder can be made");
    for (path, content) in site_files(text) {
        let path = root.join(path);
        let made = path
            .parent()
            .is_none_or(|p| std::fs::create_dir_all(p).is_ok());
        // A path that is also another file's folder is not written.
        if made {
            let _ = std::fs::write(&path, content);
        }
    }
    let Some(config) = Config::load(root, diagnostics) else {
        return;
    };
    let site = content::load(root, config, diagnostics);
    check::check(&site, diagnostics);
    static DEFAULT: OnceLock<Surfaces> = OnceLock::new();
    let surfaces = DEFAULT.get_or_init(Surfaces::default_theme);
    check::brand::check_colors(&site.config, surfaces, diagnostics);
}

/// The handbook's files in `text` (see `site`).
fn site_files(text: &str) -> Vec<(&str, &str)> {
    let mut files = vec![("book.yaml", 0)];
    let mut markers = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let path = line
            .strip_prefix("=== ")
            .map(|p| p.trim_end_matches(['\n', '\r']))
            .filter(|p| inside(p));
        if let Some(path) = path.filter(|_| files.len() < SITE_FILES) {
            markers.push(at);
            files.push((path, at + line.len()));
        }
        at += line.len();
    }
    let ends = markers.into_iter().chain([text.len()]);
    files
        .iter()
        .zip(ends)
        .map(|(&(path, start), end)| (path, &text[start..end]))
        .collect()
}

/// A relative path of at most four folders that stays inside the handbook.
fn inside(path: &str) -> bool {
    path.len() <= 100
        && path.split('/').count() <= 5
        && !path.contains('\0')
        && path.split('/').all(|part| !matches!(part, "" | "." | ".."))
}

/// The folder `site` writes its handbooks in: `HANDBOOK_FUZZ_SCRATCH` (run.sh sets one in
/// /dev/shm and removes it after the run), else one named after the process in the system's
/// temporary folder.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| match std::env::var_os("HANDBOOK_FUZZ_SCRATCH") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join(format!("handbook-fuzz-{}", std::process::id())),
    })
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

/// Every diagnostic as `check` prints it: with and without colour, and as JSON; printed to
/// the standard error too with `HANDBOOK_FUZZ_SHOW=1` (to see what an input reaches).
fn show(diagnostics: Diagnostics) {
    static PRINT: OnceLock<bool> = OnceLock::new();
    let print = *PRINT.get_or_init(|| std::env::var_os("HANDBOOK_FUZZ_SHOW").is_some());
    for d in diagnostics.sorted() {
        let _ = d.position();
        let plain = d.render(false);
        if print {
            eprintln!("{plain}");
        }
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
