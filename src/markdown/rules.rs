//! Local rules in text: `{{ rules.name }}` stands for a value the institution sets in
//! book.yaml (`rules:`). This is plain substitution, escaped like any text: content is never
//! a template. Code spans and code blocks keep the braces as written (the caller does not
//! pass them here).

use std::borrow::Cow;
use std::ops::Range;

/// One `{{ rules.name }}` in a text: the name and the byte range of the whole token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleUse {
    pub name: String,
    pub span: Range<usize>,
}

const OPEN: &str = "{{";
const CLOSE: &str = "}}";
const PREFIX: &str = "rules.";

/// Every rule token in `text`, with ranges relative to `text`.
pub fn uses(text: &str) -> Vec<RuleUse> {
    scan(text, &mut 0)
}

/// `uses`, counting in `steps` the bytes it looks at: each `{{` is read forward only as far
/// as a token could reach (`{{`, spaces, `rules.`, a name, spaces, `}}`), and those stretches
/// never overlap, so the work grows with the text, not with the text times its braces.
fn scan(text: &str, steps: &mut usize) -> Vec<RuleUse> {
    let mut found = Vec::new();
    // Most texts have no brace at all: a byte search says so at once.
    if !text.as_bytes().contains(&b'{') {
        return found;
    }
    let mut from = 0;
    while let Some(open) = text[from..].find(OPEN).map(|i| from + i) {
        *steps += open - from + 1;
        let inner_start = open + OPEN.len();
        match token_at(text, inner_start, steps) {
            Some((name, end)) => {
                found.push(RuleUse {
                    name: name.to_string(),
                    span: open..end,
                });
                from = end;
            }
            None => from = inner_start,
        }
    }
    found
}

/// The name and end of a token whose `{{` ends at `at`: spaces, `rules.`, a name of letters,
/// digits and `_`, spaces and `}}`.
fn token_at<'t>(text: &'t str, at: usize, steps: &mut usize) -> Option<(&'t str, usize)> {
    let spaces = |from: usize, steps: &mut usize| {
        let rest = &text[from..];
        let end = rest
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map_or(rest.len(), |(i, _)| i);
        *steps += end + 1;
        from + end
    };
    let name_start = spaces(at, steps);
    let name_start = name_start
        + text[name_start..]
            .strip_prefix(PREFIX)
            .map(|_| PREFIX.len())?;
    let rest = &text[name_start..];
    let name_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    *steps += name_len + 1;
    if name_len == 0 {
        return None;
    }
    let close = spaces(name_start + name_len, steps);
    text[close..].starts_with(CLOSE).then(|| {
        (
            &text[name_start..name_start + name_len],
            close + CLOSE.len(),
        )
    })
}

/// The rule tokens of `value`, a text as read from `raw` (the source bytes it came from,
/// which start at byte `start` of the file), with file spans: where each token is written
/// when the source holds them as they read (the usual case), else at the start of `raw`.
pub fn located(raw: &str, start: usize, value: &str) -> Vec<RuleUse> {
    let in_raw = uses(raw);
    let in_value = uses(value);
    let exact = in_raw.len() == in_value.len();
    in_value
        .into_iter()
        .enumerate()
        .map(|(i, u)| RuleUse {
            name: u.name,
            span: match in_raw.get(i).filter(|_| exact) {
                Some(r) => start + r.span.start..start + r.span.end,
                None => start..start,
            },
        })
        .collect()
}

/// `text` with each rule token replaced by its value; unknown names are left as written
/// (`check` reports them).
pub fn substitute(text: &str, value: impl Fn(&str) -> Option<String>) -> Cow<'_, str> {
    let found = uses(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for rule in found {
        out.push_str(&text[last..rule.span.start]);
        match value(&rule.name) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&text[rule.span.clone()]),
        }
        last = rule.span.end;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_found_with_or_without_spaces() {
        let text =
            "Meet {{ rules.meetings_per_year }} times, {{rules.x}} and {{ other }} {{ rules. }}";
        let found = uses(text);
        let names: Vec<&str> = found.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["meetings_per_year", "x"]);
        assert_eq!(
            &text[found[0].span.clone()],
            "{{ rules.meetings_per_year }}"
        );
    }

    #[test]
    fn tokens_are_located_in_the_source_they_were_read_from() {
        let raw = "\"Meet {{ rules.a }}\"";
        let found = located(raw, 100, "Meet {{ rules.a }}");
        assert_eq!(found[0].span, 106..119);
        // An escape that changes the token: the span falls back to the start.
        let found = located("{{ rules.\\u0061 }}", 100, "{{ rules.a }}");
        assert_eq!(
            (found[0].name.as_str(), found[0].span.clone()),
            ("a", 100..100)
        );
    }

    #[test]
    fn the_scan_grows_with_the_text_not_with_its_braces() {
        for unit in ["{{ x ", "{{ rules.", "{{ rules.aaaa ", "{{", "{{ rules.a }"] {
            let work = |n: usize| {
                let text = format!("{}}}}}", unit.repeat(n));
                let mut steps = 0;
                let found = scan(&text, &mut steps);
                (steps, found.len())
            };
            let ((small, a), (large, b)) = (work(2_000), work(16_000));
            assert!(a <= 1 && b <= 1, "{unit:?}: {a} {b}");
            assert!(
                large <= 9 * small,
                "{unit:?}: {small} steps at 2,000, {large} at 16,000"
            );
        }
    }

    #[test]
    fn odd_braces_and_spaces_are_read_as_before() {
        for (text, names) in [
            ("{{{ rules.a }}", vec![]),
            ("{{ rules.a }}}", vec!["a"]),
            ("{{rules.a}}{{ rules.b\n}}", vec!["a", "b"]),
            ("{{ rules.a b }} {{ rules.c }}", vec!["c"]),
            ("{{ rules.a", vec![]),
            ("{{ rules.é_1 }}", vec!["é_1"]),
        ] {
            let got: Vec<String> = uses(text).into_iter().map(|u| u.name).collect();
            assert_eq!(got, names, "{text:?}");
        }
    }

    #[test]
    fn values_replace_known_names_only() {
        let text = "{{ rules.a }} and {{ rules.b }}";
        let out = substitute(text, |n| (n == "a").then(|| "4".to_string()));
        assert_eq!(out, "4 and {{ rules.b }}");
        assert_eq!(substitute("plain", |_| None), "plain");
    }
}
