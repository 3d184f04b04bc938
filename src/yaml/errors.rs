//! The parser's errors in words an editor can act on.

use super::MAX_DEPTH;

/// The parser's common messages in an editor's words, each with what to do. Others pass
/// through as the parser words them.
pub(super) fn plain_words(message: String) -> (String, Option<String>) {
    let said = |m: &str, h: &str| (m.to_string(), Some(h.to_string()));
    if message.contains("mapping values are not allowed") {
        return said(
            "a `: ` inside a value, or a line indented under another: YAML reads it as a new key",
            "if the value contains `: `, put it all in quotes (`title: \"Listen: first\"`); otherwise line the key up with the keys above it",
        );
    }
    if message.contains("unclosed quote") || message.contains("quoted scalar") {
        return said(
            "a quotation mark is opened but never closed",
            "close the quote at the end of the value, or remove it",
        );
    }
    if message.contains("found a tab") || message.contains("tab character") {
        return said(
            "a tab character: YAML lines are indented with spaces only",
            "replace the tab with spaces",
        );
    }
    if let Some(bracket) = ["[", "{"]
        .iter()
        .find(|b| message.contains(&format!("unclosed bracket '{b}'")))
    {
        let close = if *bracket == "[" { "]" } else { "}" };
        return (
            format!("a `{bracket}` is opened but never closed with `{close}`"),
            Some(format!(
                "close it, or put the value in quotes if the `{bracket}` is part of the text"
            )),
        );
    }
    if message.contains("unknown anchor") {
        return said(
            "a value starts with `*`, which YAML reads as a reference to an anchor that does not exist",
            "put the value in quotes: `title: \"*Important*\"`",
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            format!("`{key}` is given twice"),
            Some(format!("keep one `{key}:` line")),
        );
    }
    if message.contains("did not find expected") || message.contains("block sequence entries") {
        return said(
            &format!("this line does not fit the lines around it ({message})"),
            "check its indentation, and quote a value that contains `: `, `- ` or starts with `[`, `{`, `&`, `*` or `#`",
        );
    }
    (message, None)
}

/// The parser's error in words an editor can act on. Limit breaches are named by their
/// variant, since they are what an editor will least expect; for the rest, serde-saphyr's
/// message without the ` at line X column Y` it appends (we show positions ourselves).
pub(super) fn describe(err: &serde_saphyr::Error) -> String {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let nested = || format!("YAML nested more than {MAX_DEPTH} levels deep");
    let aliases =
        || "YAML aliases expand too far (an alias bomb?); handbook limits alias use".to_string();
    match err {
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => nested(),
            B::Aliases { .. } | B::Anchors { .. } => aliases(),
            _ => "YAML document too large or too complex".to_string(),
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => aliases(),
        other => {
            let message = other.to_string();
            // The scanner's own nesting guard reaches us as a plain message.
            if message.contains("recursion limit") {
                return nested();
            }
            let first = message.lines().next().unwrap_or(&message).trim();
            match first.rfind(" at line ") {
                Some(i) => first[..i].to_string(),
                None => first.to_string(),
            }
        }
    }
}
