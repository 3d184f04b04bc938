//! Site URLs and the relative links between them.
//!
//! Inside the site every link is relative, so the output works under any path prefix and,
//! with `--offline`, opened straight from a folder (links to folders end in `index.html`).

/// The page hosts serve for an address the site does not have.
pub const NOT_FOUND_URL: &str = "/404.html";

/// What changed in each edition (see `crate::history`), a page the build makes.
pub const CHANGES_URL: &str = "/changes/";

/// The theme's files, published under `/theme/`: its static files by their names there, and
/// the files the build makes for it. Pages are given these as relative links (their script
/// tag carries the way to the site's root), so the scripts derive no address themselves.
pub mod theme {
    pub const FOLDER: &str = "/theme/";
    pub const STYLE: &str = "/theme/style.css";
    pub const BRAND: &str = "/theme/brand.css";
    pub const HIGHLIGHT: &str = "/theme/highlight.css";
    pub const SCRIPT: &str = "/theme/handbook.js";
    pub const SEARCH_SCRIPT: &str = "/theme/search.js";
    pub const FAVICON: &str = "/theme/favicon.svg";
    /// The whole menu of a book too large to carry it on every page.
    pub const NAV_SCRIPT: &str = "/theme/nav.js";
    /// Where the print editions find their faces.
    pub const PRINT_FONT_REGULAR: &str = "/theme/fonts/print-regular.ttf";
    pub const PRINT_FONT_BOLD: &str = "/theme/fonts/print-bold.ttf";
}

/// The output file of a site URL: `/a/b/` -> `a/b/index.html`, `/404.html` -> `404.html`.
/// The one rule from address to file: the build writes by it and `serve` answers by it.
pub fn output_path(url: &str) -> String {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".to_string()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

/// The link from the page at `from` to `to` (both site URLs starting with `/`).
pub fn relative(from: &str, to: &str, offline: bool) -> String {
    let (path, fragment) = match to.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (to, None),
    };
    // Folders of each URL: `/a/b/` is in `a/b`, `/a/x.css` in `a`. Only the folders below
    // the ones they share are climbed and descended, so a sibling page is `../sibling/`.
    // (Every page's sidebar makes dozens of these: no allocation but the result.)
    let (from_dir, _) = folder_and_file(from);
    let (to_dir, to_file) = folder_and_file(path);
    let shared = folder_names(from_dir)
        .zip(folder_names(to_dir))
        .take_while(|(a, b)| a == b)
        .count();
    let up = folder_names(from_dir).count() - shared;
    let mut out = String::with_capacity(3 * up + to.len() + "index.html".len());
    for _ in 0..up {
        out.push_str("../");
    }
    for dir in folder_names(to_dir).skip(shared) {
        out.push_str(dir);
        out.push('/');
    }
    out.push_str(to_file);
    if offline && (out.is_empty() || out.ends_with('/')) {
        out.push_str("index.html");
    } else if out.is_empty() {
        out.push_str("./");
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// A site URL's folder and file: `/a/b/` is `a/b` and ``, `/a/x.css` is `a` and `x.css`.
fn folder_and_file(url: &str) -> (&str, &str) {
    let url = url.trim_start_matches('/');
    match url.rfind('/') {
        Some(at) => (&url[..at], &url[at + 1..]),
        None => ("", url),
    }
}

/// The names of a folder's path (`a/b`: `a`, `b`; none for the top).
fn folder_names(folder: &str) -> impl Iterator<Item = &str> {
    folder
        .split('/')
        .take(if folder.is_empty() { 0 } else { usize::MAX })
}

/// Joins a relative path to a folder, resolving `.` and `..`. `None` when it climbs above the
/// top of the tree it is resolved in.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%20`-style escapes in a link written in Markdown; `None` when the decoded bytes
/// are not UTF-8. A `%` not followed by two hex digits is kept as written.
pub fn percent_decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_only_as_far_as_needed() {
        assert_eq!(
            relative("/strategies/trust/", "/roles/mentor/", false),
            "../../roles/mentor/"
        );
        assert_eq!(
            relative("/", "/roles/mentor/", true),
            "roles/mentor/index.html"
        );
        assert_eq!(relative("/a/", "/", false), "../");
        assert_eq!(relative("/", "/", false), "./");
        assert_eq!(relative("/", "/", true), "index.html");
        assert_eq!(
            relative("/404.html", "/theme/style.css", false),
            "theme/style.css"
        );
        assert_eq!(relative("/a/b/", "/a/b/#top", false), "./#top");
        assert_eq!(relative("/a/b/", "/a/c/", false), "../c/");
        assert_eq!(relative("/a/b/", "/a/c/", true), "../c/index.html");
        assert_eq!(relative("/a/b/", "/a/", false), "../");
        assert_eq!(relative("/a/", "/a/b/", false), "b/");
        assert_eq!(relative("/a/b/", "/a/b/c.png", false), "c.png");
        assert_eq!(
            relative("/a/b/", "/theme/style.css", false),
            "../../theme/style.css"
        );
    }

    #[test]
    fn joins_resolve_dots_and_refuse_to_escape() {
        assert_eq!(
            join("strategies", "../roles/mentor.md").as_deref(),
            Some("roles/mentor.md")
        );
        assert_eq!(join("", "./a.md").as_deref(), Some("a.md"));
        assert_eq!(join("", "../x.md"), None);
    }

    #[test]
    fn escapes_decode_and_bad_ones_never_panic() {
        assert_eq!(
            percent_decode("my%20plan.md").as_deref(),
            Some("my plan.md")
        );
        assert_eq!(percent_decode("plan%1é.md").as_deref(), Some("plan%1é.md"));
        assert_eq!(percent_decode("%e9.md"), None);
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
    }

    #[test]
    fn output_paths_are_pretty() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/roles/mentor/"), "roles/mentor/index.html");
        assert_eq!(output_path("/404.html"), "404.html");
    }
}

/// What is wrong with where an address written in the handbook leads, when anything is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeFault {
    /// Following it would run a script: `javascript:`, `vbscript:`, `data:` (but images').
    Script(&'static str),
    /// A scheme the site does not link to (`file:`, `ssh:`, …), lowercased, with its colon.
    Unsupported(String),
    /// `//host/…`: another host, on whatever scheme the page was served with.
    ProtocolRelative,
}

/// The schemes an external link may use (SPEC); images may also be `data:image/…`.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// What is wrong with the address `dest` (`image`: it is an image's source), read as a browser
/// reads it: leading spaces and control characters skipped, tabs and line breaks anywhere
/// ignored, backslashes taken as slashes. `None`: a relative address or an allowed scheme.
pub fn scheme_fault(dest: &str, image: bool) -> Option<SchemeFault> {
    let cleaned: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(32)
        .map(|c| {
            if c == '\\' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if cleaned.starts_with("//") {
        return Some(SchemeFault::ProtocolRelative);
    }
    let (scheme, rest) = cleaned.split_once(':')?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return None;
    }
    match scheme {
        "javascript" => Some(SchemeFault::Script("javascript:")),
        "vbscript" => Some(SchemeFault::Script("vbscript:")),
        "data" if rest.starts_with("image/") && image => None,
        "data" if rest.starts_with("image/") => Some(SchemeFault::Unsupported("data:".into())),
        "data" => Some(SchemeFault::Script("data:")),
        _ if LINK_SCHEMES.contains(&scheme) => None,
        _ => Some(SchemeFault::Unsupported(format!("{scheme}:"))),
    }
}

#[cfg(test)]
mod scheme_tests {
    use super::{SchemeFault, scheme_fault};

    #[test]
    fn script_addresses_are_found_however_written() {
        for dest in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  java\tscript:alert(1)",
            "\u{1}javascript:x",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
        ] {
            assert!(
                matches!(scheme_fault(dest, false), Some(SchemeFault::Script(_))),
                "{dest:?}"
            );
        }
    }

    #[test]
    fn only_the_allowed_schemes_pass() {
        for dest in [
            "https://example.edu/javascript:",
            "http://x.org",
            "mentor.md",
            "../roles/mentor.md#duties",
            "@/roles/mentor.md",
            "/sources/",
            "mailto:chair@uni.edu",
            "TEL:+92-21-1234",
            "#javascript",
            "notes/a:b.md",
        ] {
            assert_eq!(scheme_fault(dest, false), None, "{dest:?}");
        }
        assert_eq!(
            scheme_fault("data:image/png;base64,iVBORw0KGgo=", true),
            None
        );
        for (dest, scheme) in [
            ("file:///etc/passwd", "file:"),
            ("ssh://x", "ssh:"),
            ("zzz:abc", "zzz:"),
            (" FTP://host/x", "ftp:"),
            ("c:/windows/x.png", "c:"),
            ("data:image/png;base64,iVBORw0KGgo=", "data:"),
        ] {
            assert_eq!(
                scheme_fault(dest, false),
                Some(SchemeFault::Unsupported(scheme.into())),
                "{dest:?}"
            );
        }
        for dest in ["//host/x", " //host", "\\\\host\\x", "/\\host", "\t//host"] {
            assert_eq!(
                scheme_fault(dest, true),
                Some(SchemeFault::ProtocolRelative),
                "{dest:?}"
            );
        }
    }
}
