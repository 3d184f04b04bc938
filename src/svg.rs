//! SVG files the handbook publishes (the logo, images): what they would run and what they
//! refer to, and the one rule for what they may refer to.
//!
//! An SVG may refer to `data:` images, to its own fragments (`#grad`) and to files inside
//! content/ or assets/, resolved from the SVG's own folder; anything else is external. The
//! PDFs draw only what this rule allows (the files are read by the build, never by the SVG
//! library), and with `allow_html: false` an SVG with scripts, event handlers or external
//! references is an error. This module reads no file; it only reads the text it is given.

use crate::links::urls::{join, percent_decode};

/// What an SVG holds that could run, or reach outside the handbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A `<script>` element.
    Script,
    /// An event handler attribute (`onload`, …), by name.
    Handler(String),
    /// A reference the rule does not allow (another host, a path outside content/ and assets/,
    /// an animation that sets a link, a style sheet to import), as written.
    External(String),
}

impl Finding {
    /// One line for a diagnostic.
    pub fn describe(&self) -> String {
        match self {
            Finding::Script => "a `<script>` element".to_string(),
            Finding::Handler(name) => format!("an event handler (`{name}`)"),
            Finding::External(what) => format!("an external reference (`{what}`)"),
        }
    }
}

/// One finding and the byte offset in the SVG's text where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub finding: Finding,
    pub offset: usize,
}

/// What `scan` found in one SVG.
#[derive(Debug, Default)]
pub struct Scan {
    pub faults: Vec<Fault>,
    /// The files it refers to that the rule allows: each as written, and its path from the
    /// handbook root (`assets/img/seal.png`).
    pub local: Vec<(String, String)>,
}

/// Where one reference leads.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A fragment of the SVG itself, a `data:image/…` image, or nothing.
    Inside,
    /// A file inside content/ or assets/, from the handbook root.
    Local(String),
    External,
}

/// Reads the SVG `text`, which lives in the folder `own_dir` (from the handbook root, e.g.
/// `assets`). `Err`: not well-formed XML, with the message and the offset.
pub fn scan(text: &str, own_dir: &str) -> Result<Scan, (String, usize)> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        let offset = offset_of(text, pos.row as usize, pos.col as usize);
        (e.to_string(), offset)
    })?;
    let mut scan = Scan::default();
    for node in doc.descendants() {
        let offset = node.range().start;
        let mut reference = |value: &str, scan: &mut Scan| match target(own_dir, value) {
            Target::Inside => {}
            Target::Local(path) => scan.local.push((value.to_string(), path)),
            Target::External => scan.faults.push(Fault {
                finding: Finding::External(value.to_string()),
                offset,
            }),
        };
        if node.is_pi() {
            if let Some(pi) = node.pi()
                && pi.target.eq_ignore_ascii_case("xml-stylesheet")
            {
                scan.faults.push(Fault {
                    finding: Finding::External(format!(
                        "<?xml-stylesheet {}?>",
                        pi.value.unwrap_or("")
                    )),
                    offset,
                });
            }
            continue;
        }
        if node.is_text() {
            if node
                .parent()
                .is_some_and(|p| p.tag_name().name() == "style")
            {
                css(node.text().unwrap_or(""), &mut scan, &mut reference);
            }
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let element = node.tag_name().name();
        if element.eq_ignore_ascii_case("script") {
            scan.faults.push(Fault {
                finding: Finding::Script,
                offset,
            });
        }
        for attribute in node.attributes() {
            let name = attribute.name();
            let value = attribute.value();
            if name.len() > 2 && name[..2].eq_ignore_ascii_case("on") {
                scan.faults.push(Fault {
                    finding: Finding::Handler(name.to_string()),
                    offset,
                });
            } else if matches!(name, "href" | "src") {
                reference(value, &mut scan);
            } else if name == "attributeName" && value.ends_with("href") {
                scan.faults.push(Fault {
                    finding: Finding::External(format!("<{element} attributeName=\"{value}\">")),
                    offset,
                });
            } else if value.contains("url(") || value.contains("@import") {
                css(value, &mut scan, &mut reference);
            }
        }
    }
    Ok(scan)
}

/// The references of CSS text (a `<style>` element, a `style` or presentation attribute):
/// each `url(…)`, and an `@import`, which is always external (a style sheet is no image).
fn css(text: &str, scan: &mut Scan, reference: &mut impl FnMut(&str, &mut Scan)) {
    for value in css_references(text) {
        reference(&value, scan);
    }
    if text.contains("@import") {
        reference("@import:", scan);
    }
}

/// Where `value`, written in an SVG in `own_dir`, leads.
fn target(own_dir: &str, value: &str) -> Target {
    let value = value.trim();
    if value.is_empty() || value.starts_with('#') {
        return Target::Inside;
    }
    if value.to_ascii_lowercase().starts_with("data:image/") {
        return Target::Inside;
    }
    // A scheme (even https: is another host's file), `//host`, a path from the server's root,
    // or backslashes, which browsers take as slashes.
    let head = value.split(['/', '?', '#']).next().unwrap_or("");
    if head.contains(':') || value.starts_with('/') || value.contains('\\') {
        return Target::External;
    }
    let path = value.split(['#', '?']).next().unwrap_or("");
    let Some(path) = percent_decode(path) else {
        return Target::External;
    };
    match join(own_dir, &path) {
        Some(joined)
            if (joined.starts_with("content/") || joined.starts_with("assets/"))
                && !joined.ends_with('/') =>
        {
            Target::Local(joined)
        }
        _ => Target::External,
    }
}

/// The addresses in CSS text: each `url(…)`, unquoted, single- or double-quoted.
fn css_references(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        let inner = rest[..end].trim().trim_matches(['"', '\'']);
        found.push(inner.to_string());
        rest = &rest[end..];
    }
    found
}

/// The byte offset of a 1-based row and column (in characters) of `text`.
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum();
    text[line_start.min(text.len())..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(svg: &str) -> Vec<Finding> {
        scan(svg, "assets")
            .unwrap()
            .faults
            .into_iter()
            .map(|f| f.finding)
            .collect()
    }

    #[test]
    fn a_plain_svg_has_no_findings() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" height="4"/><use xlink:href="#g"/><image href="data:image/png;base64,AAAA"/><image href="img/seal.png"/><image xlink:href="../content/a%20b.png"/><style>rect { fill: url(#g) }</style></svg>"##;
        let scan = scan(svg, "assets").unwrap();
        assert_eq!(scan.faults, []);
        let local: Vec<&str> = scan.local.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(local, ["assets/img/seal.png", "content/a b.png"]);
    }

    #[test]
    fn scripts_handlers_and_external_references_are_found() {
        let svg = r#"<?xml-stylesheet href="https://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">
<script>alert(2)</script>
<image href="/some/file.png"/><image href="../book.yaml"/><image href="https://host/x.png"/>
<image href="file:///etc/passwd"/><image href="//host/x.png"/><image href="..\..\x.png"/>
<rect style="fill: url('https://host/p.svg#p')"/>
<a href="javascript:alert(3)"><text>x</text></a>
<set attributeName="href" to="javascript:alert(4)"/>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://host/"/><b OnClick="x()"/></div></foreignObject>
<style>@import "https://host/s.css";</style>
</svg>"#;
        let found = findings(svg);
        assert!(found.contains(&Finding::Script), "{found:?}");
        assert!(found.contains(&Finding::Handler("onload".into())));
        assert!(found.contains(&Finding::Handler("OnClick".into())));
        for external in [
            "/some/file.png",
            "../book.yaml",
            "https://host/x.png",
            "file:///etc/passwd",
            "//host/x.png",
            "..\\..\\x.png",
            "https://host/p.svg#p",
            "javascript:alert(3)",
            "https://host/",
            "@import:",
        ] {
            assert!(
                found.contains(&Finding::External(external.into())),
                "{external} not found in {found:?}"
            );
        }
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Finding::External(e) if e.starts_with("<?xml-stylesheet")))
        );
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Finding::External(e) if e.starts_with("<set")))
        );
    }

    #[test]
    fn faults_point_at_their_element_and_bad_xml_is_an_error() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script/>\n</svg>";
        let scan = scan(svg, "assets").unwrap();
        assert_eq!(scan.faults[0].offset, svg.find("<script").unwrap());
        let (message, offset) = super::scan("<svg>\n<g></svg>", "assets").unwrap_err();
        assert!(!message.is_empty());
        assert_eq!(offset, 9);
    }
}
