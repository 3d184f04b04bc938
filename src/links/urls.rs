//! Site URLs and the relative links between them.
//!
//! Inside the site every link is relative, so the output works under any path prefix and,
//! with `--offline`, opened straight from a folder (links to folders end in `index.html`).

/// The output file of a site URL: `/a/b/` -> `a/b/index.html`, `/404.html` -> `404.html`.
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
    let depth = from.trim_start_matches('/').matches('/').count();
    let (path, fragment) = match to.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (to, None),
    };
    let mut out = "../".repeat(depth);
    out.push_str(path.trim_start_matches('/'));
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
    fn relative_links_climb_to_the_root() {
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
        assert_eq!(relative("/a/b/", "/a/b/#top", false), "../../a/b/#top");
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
