//! Footnotes as the page shows them, with ids made from their numbers.

/// Footnote labels in the order they are first met (referred to or defined): a note's number,
/// and its ids (`fn-N`, `fnref-N`, through the output's anchor rule), come from its place
/// here, never from its label, which could be an id the theme or another page uses.
#[derive(Default)]
pub(super) struct Footnotes {
    labels: Vec<String>,
    /// Notes already referred to: only the first reference carries the id to come back to.
    referred: Vec<bool>,
}

impl Footnotes {
    /// A footnote's number, from 1.
    fn number(&mut self, label: &str) -> usize {
        let at = match self.labels.iter().position(|l| l == label) {
            Some(at) => at,
            None => {
                self.labels.push(label.to_string());
                self.referred.push(false);
                self.labels.len() - 1
            }
        };
        at + 1
    }

    /// The HTML of a reference to the note `label`.
    pub(super) fn reference(&mut self, label: &str, anchor: impl Fn(&str) -> String) -> String {
        let n = self.number(label);
        let note = anchor(&format!("fn-{n}"));
        let first = !std::mem::replace(&mut self.referred[n - 1], true);
        let back = if first {
            format!(" id=\"{}\"", anchor(&format!("fnref-{n}")))
        } else {
            String::new()
        };
        format!("<sup class=\"footnote-reference\"{back}><a href=\"#{note}\">{n}</a></sup>")
    }

    /// The opening HTML of the note `label`'s definition (closed by `</div>`).
    pub(super) fn definition(&mut self, label: &str, anchor: impl Fn(&str) -> String) -> String {
        let n = self.number(label);
        let note = anchor(&format!("fn-{n}"));
        format!(
            "<div class=\"footnote-definition\" id=\"{note}\"><sup class=\"footnote-definition-label\">{n}</sup>"
        )
    }
}
