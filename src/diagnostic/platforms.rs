//! Diagnostics as CI platforms show them on the changed lines of a pull or merge request:
//! GitHub's workflow commands (`check --format github`) and GitLab's code-quality report
//! (`check --format gitlab`). Paths are the handbook's own (relative to its root), which is
//! what both platforms match against the files of the repository, so a handbook kept at the
//! root of its repository is annotated in place.

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
        escape_data(&with_hint(d, "\nhelp: "))
    )
}

fn with_hint(d: &Diagnostic, separator: &str) -> String {
    match &d.hint {
        Some(hint) => format!("{}{separator}{hint}", d.message),
        None => d.message.clone(),
    }
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
}
