//! The HTML writer on small pieces of Markdown.

use super::*;
use crate::markdown::analyse;

struct Plain(Vec<Vec<Cited>>);
impl Rewriter for Plain {
    fn href(&self, dest: &str) -> Option<String> {
        dest.strip_suffix(".md").map(|d| format!("{d}/"))
    }
    fn cite(&mut self, keys: &[Cited]) -> String {
        self.0.push(keys.to_vec());
        format!("<sup>[{}]</sup>", self.0.len())
    }
    fn rule(&self, name: &str) -> Option<String> {
        (name == "meetings").then(|| "4 <b>".to_string())
    }
    fn code_block(&mut self, lang: &str, code: &str) -> String {
        format!("<pre data-lang=\"{lang}\">{code}</pre>")
    }
}

#[test]
fn rendering_rewrites_links_and_numbers_citations() {
    let text = "## Duties\n\nSee [mentor](mentor.md) [@a, p. 3; @b].\n";
    let a = analyse(text, 0);
    let mut links = Plain(Vec::new());
    let html = render(text, &a, &mut links);
    assert!(html.contains(r#"<h2 id="duties">"#), "{html}");
    assert!(html.contains(r#"href="mentor/""#), "{html}");
    assert!(html.contains("<sup>[1]</sup>"), "{html}");
    let cited = |key: &str, locator: Option<&str>| Cited {
        key: key.into(),
        locator: locator.map(Into::into),
    };
    assert_eq!(
        links.0,
        vec![vec![cited("a", Some("p. 3")), cited("b", None)]]
    );
}

#[test]
fn rules_are_substituted_and_escaped_except_in_code() {
    let text = "Meet {{ rules.meetings }} times, `{{ rules.meetings }}` {{ rules.other }}\n\n```\n{{ rules.meetings }}\n```\n";
    let a = analyse(text, 10);
    let names: Vec<&str> = a.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["meetings", "other"]);
    assert_eq!(a.rules[0].span, 15..35);
    let html = render(text, &a, &mut Plain(Vec::new()));
    assert!(html.contains("Meet 4 &lt;b&gt; times"), "{html}");
    assert!(html.contains("<code>{{ rules.meetings }}</code>"), "{html}");
    assert!(html.contains("{{ rules.other }}"), "{html}");
    assert!(html.contains(">{{ rules.meetings }}\n</pre>"), "{html}");
}

#[test]
fn tables_scroll_in_a_focusable_wrapper() {
    let text = "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n";
    let html = render(text, &analyse(text, 0), &mut Plain(Vec::new()));
    let wrapped = wrapper_around_table(&html);
    assert!(wrapped, "{html}");
}

fn wrapper_around_table(html: &str) -> bool {
    let open = html.find("<div class=\"table-scroll\" tabindex=\"0\">\n<table>");
    let close = html.find("</table>\n</div>\n<p>After.</p>");
    matches!((open, close), (Some(a), Some(b)) if a < b)
}

#[test]
fn headings_keep_their_id_and_classes_and_nothing_else() {
    let text = "## Hi {#h .note autofocus onfocus=alert(1) tabindex=1}\n";
    let html = render(text, &analyse(text, 0), &mut Plain(Vec::new()));
    assert_eq!(html, "<h2 id=\"h\" class=\"note\">Hi</h2>\n");
}

#[test]
fn inline_rendering_drops_the_paragraph() {
    let mut links = Plain(Vec::new());
    assert_eq!(render_inline("Do *this*", &mut links), "Do <em>this</em>");
}
