//! Short class names for highlighted code. syntect names each span by every atom of its scope
//! (`hl-entity hl-name hl-tag hl-yaml`), but only the atoms that the stylesheets' selectors
//! name can change how a span looks. Those are given short names (`h1`, `h2`, ... `hz`,
//! `h10`...), the others are dropped, and a span left with no class is dropped too (selectors
//! only match descendants, never children, so no rule depends on it). A ten-line block comes
//! out at about half its size.

use std::collections::{BTreeSet, HashMap};

pub struct Short {
    names: HashMap<String, String>,
}

/// The atom after `.hl-` in a selector, or a class name in the HTML: syntect writes scope
/// atoms with these characters.
fn is_atom_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

impl Short {
    /// The names for every atom the stylesheets `css` use.
    pub fn from_css(css: &[&str]) -> Short {
        let mut atoms = BTreeSet::new();
        for sheet in css {
            for (at, _) in sheet.match_indices(".hl-") {
                let rest = &sheet[at + 4..];
                let end = rest.find(|c| !is_atom_char(c)).unwrap_or(rest.len());
                if end > 0 {
                    atoms.insert(rest[..end].to_string());
                }
            }
        }
        let names = atoms
            .into_iter()
            .enumerate()
            .map(|(i, atom)| (atom, format!("h{}", base36(i + 1))))
            .collect();
        Short { names }
    }

    /// `css` with each `.hl-atom` as its short name.
    pub fn css(&self, css: &str) -> String {
        let mut out = String::with_capacity(css.len());
        let mut rest = css;
        while let Some(at) = rest.find(".hl-") {
            out.push_str(&rest[..at]);
            let tail = &rest[at + 4..];
            let end = tail.find(|c| !is_atom_char(c)).unwrap_or(tail.len());
            match self.names.get(&tail[..end]) {
                Some(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                None => out.push_str(&rest[at..at + 4 + end]),
            }
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }

    /// Highlighted HTML with short class names, and without the spans no rule can colour.
    pub fn html(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() / 2);
        // For each open span: whether its tag was kept (so its end tag is kept too).
        let mut open = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(tail) = rest.strip_prefix("<span class=\"")
                && let Some(end) = tail.find("\">")
            {
                let mut classes: Vec<&str> = Vec::new();
                for class in tail[..end].split(' ') {
                    let name = class.strip_prefix("hl-").and_then(|a| self.names.get(a));
                    if let Some(name) = name
                        && !classes.contains(&name.as_str())
                    {
                        classes.push(name);
                    }
                }
                if !classes.is_empty() {
                    out.push_str("<span class=\"");
                    out.push_str(&classes.join(" "));
                    out.push_str("\">");
                }
                open.push(!classes.is_empty());
                rest = &tail[end + 2..];
            } else if let Some(tail) = rest.strip_prefix("</span>") {
                if open.pop().unwrap_or(true) {
                    out.push_str("</span>");
                }
                rest = tail;
            } else {
                out.push('<');
                rest = &rest[1..];
            }
        }
        out.push_str(rest);
        out
    }
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    while n > 0 {
        out.push(DIGITS[n % 36]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_styled_atoms_are_kept_under_short_names() {
        let short = Short::from_css(&[
            ".hl-entity.hl-name { color: #111 }\n.hl-string .hl-tag { color: #222 }\n",
        ]);
        assert_eq!(
            short.css(".hl-string .hl-tag { color: #222 }"),
            ".h3 .h4 { color: #222 }"
        );
        let html = "<span class=\"hl-source hl-yaml\"><span class=\"hl-entity hl-name hl-tag hl-yaml\">a</span>: <span class=\"hl-plain\">&lt;b&gt;</span></span>\n";
        assert_eq!(
            short.html(html),
            "<span class=\"h1 h2 h4\">a</span>: &lt;b&gt;\n"
        );
    }
}
