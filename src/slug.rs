//! Slugs: the URL-safe names of pages and heading anchors.

/// `text` with its first letter in capitals: `mentor` -> `Mentor`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` in Unicode's composed form (NFC): `café` saved as `cafe` + a combining accent (as
/// some systems write file names) reads as the `café` typed elsewhere.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Lowercase letters and digits of any script, words joined by `-`; punctuation dropped.
/// Used for heading ids, file-name slugs and checklist item ids alike, so they agree. The
/// text is read composed (`nfc`), so a name written either way gives one slug.
pub fn slugify(text: &str) -> String {
    let text = nfc(text);
    let text = text.as_ref();
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' || c == '/' || c == '.' {
            pending_dash = true;
        }
    }
    out
}

/// Splits a file stem like `01-socialised-niceness` into its number prefix and slug.
pub fn split_number_prefix(stem: &str) -> (Option<u32>, &str) {
    let digits = stem.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && stem[digits..].starts_with('-') && stem.len() > digits + 1 {
        (stem[..digits].parse().ok(), &stem[digits + 1..])
    } else {
        (None, stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_names_give_one_slug() {
        assert_eq!(slugify("cafe\u{301}"), slugify("caf\u{e9}"));
        assert_eq!(slugify("caf\u{e9}"), "caf\u{e9}");
        assert_eq!(nfc("Cafe\u{301}/x"), "Caf\u{e9}/x");
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(
            slugify("Build trust: why it matters"),
            "build-trust-why-it-matters"
        );
        assert_eq!(slugify("  Self-assessment (SWOT) "), "self-assessment-swot");
        assert_eq!(slugify("رہنمائی کا کردار"), "رہنمائی-کا-کردار");
    }

    #[test]
    fn number_prefixes_are_split_off() {
        assert_eq!(
            split_number_prefix("01-socialised-niceness"),
            (Some(1), "socialised-niceness")
        );
        assert_eq!(split_number_prefix("mentor"), (None, "mentor"));
        assert_eq!(split_number_prefix("2024"), (None, "2024"));
    }
}
