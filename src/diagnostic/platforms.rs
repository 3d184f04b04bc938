//! Diagnostics as CI platforms show them on the changed lines of a pull or merge request:
//! GitHub's workflow commands (`check --format github`) and GitLab's code-quality report
//! (`check --format gitlab`). Paths are the handbook's own (relative to its root), which is
//! what both platforms match against the files of the repository, so a handbook kept at the
//! root of its repository is annotated in place.

use serde::Serialize;

use super::{Diagnostic, Severity};

/// One GitHub workflow command: `::error file=PATH,line=L,col=C,title=CODE::MESSAGE`
/// (`::warning …` for warnings), with the hint on a line of its own.
pub fn github_command(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = d.file_name() {
        properties.push(format!("file={}", escape_property(&file)));
    }
    if let Some((line, column, _, _)) = d.position() {
        properties.push(format!("line={line}"));
        properties.push(format!("col={column}"));
    }
    properties.push(format!("title={}", escape_property(d.code.name())));
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&match &d.hint {
            Some(hint) => format!("{}\nhelp: {hint}", d.message),
            None => d.message.clone(),
        })
    )
}

/// GitLab's code-quality report: a JSON array (an empty one when nothing is wrong).
pub fn gitlab_report(diagnostics: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Issue<'a> {
        description: String,
        check_name: &'a str,
        fingerprint: String,
        severity: &'a str,
        location: Location,
    }
    #[derive(Serialize)]
    struct Location {
        path: String,
        lines: Lines,
    }
    #[derive(Serialize)]
    struct Lines {
        begin: usize,
    }
    let issues: Vec<Issue> = diagnostics
        .iter()
        .map(|d| {
            // A fault of the handbook as a whole is shown at its settings, book.yaml.
            let path = d.file_name().unwrap_or_else(|| "book.yaml".to_string());
            let line = d.position().map_or(1, |p| p.0);
            Issue {
                description: match &d.hint {
                    Some(hint) => format!("{} (help: {hint})", d.message),
                    None => d.message.clone(),
                },
                check_name: d.code.name(),
                fingerprint: fingerprint(&[d.code.name(), &path, &line.to_string(), &d.message]),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path,
                    lines: Lines { begin: line },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into())
}

/// GitHub's escaping of a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a command's property value, which also ends at `,` and `:`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A 128-bit FNV-1a hash of the parts (each ended by a zero byte), in hex: the same fault at
/// the same place gets the same fingerprint in every run and on every machine, which is how
/// GitLab tells new faults from old ones.
fn fingerprint(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::source::SourceFile;

    #[test]
    fn github_escapes_message_and_properties() {
        let file = SourceFile::new("content/a,b:c.md", "x: 1\n");
        let d = Diagnostic::new(Code::FieldUnknown, "100% wrong\r\nreally")
            .at(&file, 0..1)
            .hint("fix it");
        assert_eq!(
            github_command(&d),
            "::error file=content/a%2Cb%3Ac.md,line=1,col=1,title=E-FIELD-UNKNOWN::100%25 wrong%0D%0Areally%0Ahelp: fix it"
        );
    }

    #[test]
    fn fingerprints_are_stable_and_tell_places_apart() {
        assert_eq!(
            fingerprint(&[]),
            format!("{:032x}", 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d_u128)
        );
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        assert_eq!(fingerprint(&["a"]).len(), 32);
    }
}
