//! The handbook as a book, before it is laid out: chapters of blocks of styled text, with
//! citations already numbered for the whole book and links already resolved to site URLs.
//! The build makes it from the content (`render::book`); everything drawn is in it, so its
//! hash says whether the PDF has changed.

/// The whole book.
#[derive(Debug, Clone, Default, Hash, PartialEq)]
pub struct Book {
    pub cover: Cover,
    pub chapters: Vec<Chapter>,
    /// The bibliography, in citation order: entry `i` is source number `i + 1`.
    pub bibliography: Vec<Vec<Inline>>,
    /// The words the book prints (headings of its generated parts).
    pub words: Words,
}

/// What the cover shows.
#[derive(Debug, Clone, Default, Hash, PartialEq)]
pub struct Cover {
    pub institution: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub edition: Option<String>,
    pub reviewed: Option<String>,
}

/// The words of the parts the book makes itself, kept apart for translation.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Words {
    pub contents: String,
    pub sources: String,
    pub edition: String,
    pub reviewed: String,
    /// Before a page number in a cross-reference: "p." gives "(p. 12)".
    pub page: String,
    pub chapter: String,
}

impl Default for Words {
    fn default() -> Words {
        Words {
            contents: "Contents".into(),
            sources: "Sources".into(),
            edition: "Edition".into(),
            reviewed: "Reviewed".into(),
            page: "p.".into(),
            chapter: "Chapter".into(),
        }
    }
}

/// A chapter: it starts a new sheet; its pages follow one another inside it.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Chapter {
    pub title: String,
    /// The site URL of the chapter's own page (the section's index, or a top-level page):
    /// where cross-references to it point.
    pub url: String,
    /// The chapter's own text (a section's introduction, a top-level page's body).
    pub blocks: Vec<Block>,
    pub pages: Vec<Part>,
}

/// A page inside a chapter.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Part {
    pub title: String,
    /// "Strategy 8": shown above the title.
    pub label: Option<String>,
    pub url: String,
    /// A form: it starts a new sheet, as on paper.
    pub new_sheet: bool,
    pub blocks: Vec<Block>,
}

/// One block of a page.
#[derive(Debug, Clone, Hash, PartialEq)]
pub enum Block {
    /// A heading inside a page (`##` is level 2), with the site URL its anchor makes.
    Heading {
        level: u8,
        text: Vec<Inline>,
        url: String,
    },
    Paragraph(Vec<Inline>),
    /// A page's summary, set larger under its title.
    Lead(Vec<Inline>),
    List {
        /// The first number of a numbered list; `None`: bullets.
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Code(String),
    Quote(Vec<Block>),
    Rule,
    Figure {
        image: Image,
        alt: String,
    },
    /// A checklist item with its box.
    Tick {
        text: Vec<Inline>,
        note: Option<Vec<Inline>>,
    },
    /// A labelled space to write in, `lines` lines tall.
    Field {
        label: Vec<Inline>,
        note: Option<Vec<Inline>>,
        lines: usize,
    },
    /// A table to fill in: its columns over `rows` empty rows.
    FillIn {
        columns: Vec<String>,
        rows: usize,
    },
}

/// An image of the content: its bytes and format.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Image {
    /// The site URL, for messages.
    pub url: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
}

/// A run of text in one style, or a mark the book numbers.
#[derive(Debug, Clone, Hash, PartialEq)]
pub enum Inline {
    Text {
        text: String,
        style: TextStyle,
        link: Option<Link>,
    },
    /// Source numbers (`[1, p. 3]` as numbers with their locators), ascending.
    Cite(Vec<(usize, Option<String>)>),
    /// The page a site URL is on, written after the link to it: "(p. 12)".
    PageOf(String),
    /// A line break written in the text.
    Break,
}

#[derive(Debug, Clone, Copy, Default, Hash, PartialEq, Eq)]
pub struct TextStyle {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum Link {
    /// A page of the book, by site URL (with its fragment).
    Inside(String),
    /// Anything else: an address opened outside the PDF.
    Outside(String),
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline::Text {
            text: text.into(),
            style: TextStyle::default(),
            link: None,
        }
    }
}

/// The text of inlines, without marks: for the outline and the contents.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Break => out.push(' '),
            Inline::Cite(_) | Inline::PageOf(_) => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
