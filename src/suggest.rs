//! "Did you mean …?": the closest valid name to a misspelt one.

/// The candidate closest to `wrong`, if any is close enough to be a plausible typo.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_closest_name() {
        assert_eq!(did_you_mean("titel", ["title", "slug", "weight"]), Some("title"));
        assert_eq!(did_you_mean("relatd", ["roles", "related"]), Some("related"));
        assert_eq!(did_you_mean("zzz", ["title", "slug"]), None);
    }
}
