//! Values of book.yaml that look fine but would be wrong: a review date that is not a date,
//! a language that is not a language tag, a base URL that is neither an address nor a path.
//! Each is reported where it is written, with the fix.

use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::Spanned;

/// `reviewed` as `YYYY-MM-DD`, a date that exists.
pub fn check_date(file: &Arc<SourceFile>, value: &Spanned<String>, diagnostics: &mut Diagnostics) {
    if is_iso_date(&value.value) {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::Date,
            format!("`{}` is not a date written as YYYY-MM-DD", value.value),
        )
        .at(file, value.span.clone())
        .hint("write the day of the last review as year-month-day, e.g. `reviewed: 2026-11-01`"),
    );
}

pub fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return false;
    }
    let (year, month, day): (u32, u32, u32) = match (y.parse(), m.parse(), d.parse()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return false,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `language` as a BCP 47 tag: a language subtag of 2–3 letters, then subtags of 1–8 letters
/// or digits joined by `-` (`en`, `en-GB`, `ur-PK`, `zh-Hant-TW`).
pub fn check_language(
    file: &Arc<SourceFile>,
    value: &Spanned<String>,
    diagnostics: &mut Diagnostics,
) {
    if is_language_tag(&value.value) {
        return;
    }
    let hint = match value.value.replace('_', "-") {
        fixed if is_language_tag(&fixed) => format!("language tags use `-`: `language: {fixed}`"),
        _ => "use the language's tag: `en` for English, `ur` for Urdu, `en-GB` for British English"
            .to_string(),
    };
    diagnostics.push(
        Diagnostic::new(
            Code::Language,
            format!("`{}` is not a language tag", value.value),
        )
        .at(file, value.span.clone())
        .hint(hint),
    );
}

pub fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let first = parts.next().unwrap_or("");
    let language = (2..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic());
    language
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `base_url` as an `http(s)://` address or a path from the server's root (`/handbook/`).
pub fn check_base_url(
    file: &Arc<SourceFile>,
    value: &Spanned<String>,
    diagnostics: &mut Diagnostics,
) {
    let url = value.value.trim();
    let lower = url.to_ascii_lowercase();
    let address = lower.starts_with("https://") || lower.starts_with("http://");
    // Characters an address may not hold as they are: a browser would change them, and the
    // sitemap and every absolute link would carry them.
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "<>\"`{}|\\^".contains(*c))
    {
        diagnostics.push(
            Diagnostic::new(
                Code::BaseUrl,
                format!("`{url}` holds {c:?}, which an address may not hold as it is"),
            )
            .at(file, value.span.clone())
            .hint("percent-encode it (`%20` for a space) or leave it out"),
        );
        return;
    }
    if address {
        if let Err(err) = url::Url::parse(url) {
            diagnostics.push(
                Diagnostic::new(Code::BaseUrl, format!("`{url}` is not an address: {err}"))
                    .at(file, value.span.clone())
                    .hint("write it as a browser shows it, e.g. `https://mentoring.example.edu/handbook/`"),
            );
        }
        return;
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::BaseUrl,
            format!("`{url}` is neither an address starting with https:// nor a path starting with /"),
        )
        .at(file, value.span.clone())
        .hint(format!("write the full address, e.g. `base_url: https://{}`, or the path the site is served under, e.g. `/handbook/`", url.trim_start_matches('/'))),
    );
}

/// A folder book.yaml names (`output_dir`, a variant's `content`): inside the handbook, so
/// that a build never writes or reads elsewhere. `--out` on the command line may go anywhere.
pub fn check_inside(
    file: &Arc<SourceFile>,
    key: &str,
    value: &Spanned<String>,
    diagnostics: &mut Diagnostics,
) {
    let path = std::path::Path::new(&value.value);
    let escapes = path.is_absolute()
        || path.components().any(|c| {
            matches!(
                c,
                std::path::Component::ParentDir | std::path::Component::Prefix(_)
            )
        });
    if !escapes {
        return;
    }
    diagnostics.push(
        Diagnostic::new(
            Code::PathEscape,
            format!("`{key}: {}` leads outside the handbook", value.value),
        )
        .at(file, value.span.clone())
        .hint(format!(
            "name a folder inside the handbook, e.g. `{key}: public`; to write a build elsewhere, use `handbook build --out DIR`"
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(is_iso_date("2026-11-01"));
        assert!(is_iso_date("2024-02-29"));
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "1 Nov 2026",
            "2026-11-1",
            "26-11-01",
            "",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn language_tags_follow_bcp_47() {
        for good in ["en", "ur", "en-GB", "ur-PK", "zh-Hant-TW", "es-419"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["English", "en_GB", "e", "en-", "-en", "en-toolongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
