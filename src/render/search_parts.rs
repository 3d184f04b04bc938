//! search.js is written in parts, one per job (the default theme's `search/1-loading.js`,
//! `2-stemmer.js`, …), and shipped as one file: the parts joined in the order of their names,
//! without their comment lines and indentation, which a reader's first search would download
//! (about a third of the file).
//! Its own file with no imports, so that `build.rs` (which joins the default theme's parts)
//! and the theme loader (which joins those of a handbook's own theme) apply the same rule.

/// The theme's folder of search.js's parts.
pub const FOLDER: &str = "search/";

/// Whether a file of that folder, by its name there, is a part.
pub fn is_part(name: &str) -> bool {
    name.ends_with(".js") && !name.contains('/')
}

/// The parts, by name, joined in the order of their names, then compacted (see `compact`).
pub fn join(mut parts: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    compact(parts.into_iter().flat_map(|(_, bytes)| bytes).collect())
}

/// The script without its blank lines, its lines that are only a `//` comment, and each line's
/// indentation. Line by line, so that what remains runs as written; a script whose code holds
/// a template literal or a line continuation (whose lines are text this would change), or
/// that is not UTF-8, is left as it is.
fn compact(script: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&script) else {
        return script;
    };
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect();
    if kept
        .iter()
        .any(|line| line.contains('`') || line.ends_with('\\'))
    {
        return script;
    }
    let mut out = kept.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn comment_lines_and_indentation_are_left_out_of_the_shipped_script() {
        let parts = vec![
            ("2.js".to_string(), b"  f(a);\n".to_vec()),
            (
                "1.js".to_string(),
                b"// A note.\n  var a = 1; // kept\n\n".to_vec(),
            ),
        ];
        assert_eq!(join(parts), b"var a = 1; // kept\nf(a);\n");
        // A template literal's lines are text: such a script is left as it is.
        let literal = b"var t = `\n  // text\n`;\n".to_vec();
        assert_eq!(join(vec![("1.js".to_string(), literal.clone())]), literal);
    }
}
