//! The runs text is set in: a run's face, size, colour and link, the lines they make, and
//! how runs of one style join into words and lines.

/// Which of the book's faces sets a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaceId {
    Regular,
    Bold,
    Italic,
    Mono,
}

/// The colours text is printed in, resolved with the book's brand when drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    Text,
    Muted,
    Brand,
    /// The light shade behind code.
    Wash,
}

/// Where a link goes: a page of the book or a heading on it (by site URL), a source of
/// the bibliography, or an address outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Inside(String),
    Source(usize),
    Outside(String),
}

/// A run of text in one face, size and colour.
#[derive(Debug, Clone)]
pub struct Frag {
    pub text: String,
    pub face: FaceId,
    pub size: f32,
    /// How far above the baseline (citation numbers).
    pub rise: f32,
    pub ink: Ink,
    /// The link it belongs to: an index into the flow's links.
    pub link: Option<usize>,
    /// A page number filled in when the sheets are drawn; `text` holds the slot meanwhile.
    pub page: Option<Box<PageSlot>>,
}

/// A page number not known while the book is laid out: `text` is set with a slot of the
/// widest digits in its place, as many as the book's last page number can have, so the
/// number drawn later never runs past the room the line gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSlot {
    /// The site URL whose page it is.
    pub url: String,
    /// The text around the number: "(p. " and ")".
    pub before: String,
    pub after: String,
    /// Set flush right in the slot's room (the contents' numbers), else from its start.
    pub flush_right: bool,
}

impl PageSlot {
    /// The text drawn for page `number`.
    pub fn text(&self, number: &str) -> String {
        format!("{}{number}{}", self.before, self.after)
    }
}

/// One set line: its runs at their offsets from the line's start, and its width.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub runs: Vec<(f32, Frag)>,
    pub width: f32,
}

pub(super) fn frag(text: &str, face: FaceId, size: f32, ink: Ink, link: Option<usize>) -> Frag {
    Frag {
        text: text.to_string(),
        face,
        size,
        rise: 0.0,
        ink,
        link,
        page: None,
    }
}

pub(super) fn same_run(a: &Frag, b: &Frag) -> bool {
    a.face == b.face
        && a.size == b.size
        && a.rise == b.rise
        && a.ink == b.ink
        && a.link == b.link
        && a.page.is_none()
        && b.page.is_none()
}

/// Adds `frag` to the word that starts at `start` in `runs`, joining it to the word's last
/// run when they share a style.
pub(super) fn push(runs: &mut Vec<Frag>, start: usize, frag: Frag) {
    let in_word = runs.len() > start;
    match runs.last_mut() {
        Some(last) if in_word && same_run(last, &frag) => last.text.push_str(&frag.text),
        _ => runs.push(frag),
    }
}

/// Adds a word's runs (`widths` wide) to `line`, after a space `gap` wide when `spaced`: a
/// run in the style of the one before it continues that run, so a line is drawn in few runs.
pub(super) fn append(
    line: &mut Line,
    frags: impl Iterator<Item = Frag>,
    widths: &[f32],
    spaced: bool,
    gap: f32,
) {
    for (i, (frag, &w)) in frags.zip(widths).enumerate() {
        let space = i == 0 && spaced;
        match line.runs.last_mut() {
            Some((_, last)) if same_run(last, &frag) && frag.link.is_none() => {
                if space {
                    last.text.push(' ');
                    line.width += gap;
                }
                last.text.push_str(&frag.text);
            }
            _ => {
                if space {
                    line.width += gap;
                }
                line.runs.push((line.width, frag));
            }
        }
        line.width += w;
    }
}
