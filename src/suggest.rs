//! "Did you mean …?": the closest valid name to a misspelt one.

/// The candidate closest to `wrong`, if any is close enough to be a plausible typo: a few
/// edits away (a swapped pair of letters counts as one), relative to the name's length.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            let lower = c.to_lowercase();
            let distance = strsim::damerau_levenshtein(&wrong_lower, &lower);
            let similarity = strsim::jaro_winkler(&wrong_lower, &lower);
            (distance, -similarity, c)
        })
        .filter(|(distance, _, _)| *distance <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)))
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_closest_name() {
        assert_eq!(
            did_you_mean("titel", ["title", "slug", "weight"]),
            Some("title")
        );
        assert_eq!(
            did_you_mean("relatd", ["roles", "related"]),
            Some("related")
        );
        assert_eq!(did_you_mean("scr", ["src", "rehman2024"]), Some("src"));
        assert_eq!(
            did_you_mean("rehman2042", ["rehman2024", "rehman2025"]),
            Some("rehman2024")
        );
        assert_eq!(did_you_mean("zzz", ["title", "slug"]), None);
        assert_eq!(did_you_mean("x", ["title"]), None);
    }
}
