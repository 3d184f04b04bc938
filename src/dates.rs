//! Dates written for people: book.yaml's `reviewed: 2026-11-01` is shown as "1 November
//! 2026". One formatter for every place a date is shown (the footer, the print edition's
//! cover, and the PDFs' covers to come), with the words in one table per language, so that
//! a translation adds a table.

/// Month names by language (BCP 47 primary subtag).
const MONTHS: &[(&str, [&str; 12])] = &[(
    "en",
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
)];

/// `iso` (YYYY-MM-DD) as a person writes it in `language`: day, month name, year. `None` when
/// the date is not of that form or the language has no table yet (the ISO date is shown).
pub fn written(iso: &str, language: &str) -> Option<String> {
    let primary = language.split(['-', '_']).next()?.to_ascii_lowercase();
    let (_, months) = MONTHS.iter().find(|(tag, _)| *tag == primary)?;
    let mut parts = iso.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let year: u32 = year.parse().ok()?;
    let month: usize = month.parse().ok()?;
    let day: u32 = day.parse().ok()?;
    let name = months.get(month.checked_sub(1)?)?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{day} {name} {year}"))
}

#[cfg(test)]
mod tests {
    use super::written;

    #[test]
    fn dates_are_written_out_in_english_and_left_alone_otherwise() {
        assert_eq!(
            written("2026-11-01", "en").as_deref(),
            Some("1 November 2026")
        );
        assert_eq!(
            written("2027-01-31", "en-GB").as_deref(),
            Some("31 January 2027")
        );
        assert_eq!(written("2026-13-01", "en"), None);
        assert_eq!(written("2026-11-1", "en"), None);
        assert_eq!(written("2026-11-01", "ur"), None);
    }
}
