//! Every diagnostic code, in one list: its stable name (documented, greppable, safe to match
//! on in tests and editors), its severity, and one line on what it means. The corpus test
//! walks `Code::ALL`, so a code with no test case fails the suite.

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $name:literal: $description:literal,)*) => {
        /// A kind of problem `handbook` reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name: `E-…` for errors, `W-…` for warnings.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// One line on what the code means.
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $description,)*
                }
            }
        }
    };
}

codes! {
    Anchor = "E-ANCHOR": "a link names a heading that the target page does not have",
    ChecklistEmpty = "E-CHECKLIST-EMPTY": "a checklist, or a section of one, has nothing in it",
    ChecklistId = "E-CHECKLIST-ID": "two checklist items share an id, so their ticks would mix",
    ChecklistItemEmpty = "E-CHECKLIST-ITEM-EMPTY": "a checklist item has no text",
    ChecklistField = "E-CHECKLIST-FIELD": "a checklist field's `lines` is not a whole number from 1 to 12",
    ChecklistTable = "E-CHECKLIST-TABLE": "a checklist table without column headings, with more than 8 columns or with a bad number of rows",
    Citation = "E-CITATION": "a citation names a key that sources.yaml does not have",
    Color = "E-COLOR": "a colour in book.yaml is not a #rrggbb value",
    ControlCharacter = "W-CONTROL-CHARACTER": "a file holds control characters (NUL, BEL, ESC...) other than tab and line breaks; they are removed",
    ConfigMissing = "E-CONFIG-MISSING": "the handbook has no book.yaml",
    ConfigNotBuilt = "W-CONFIG-NOT-BUILT": "a book.yaml key whose feature is not built yet",
    ContentMissing = "E-CONTENT-MISSING": "the handbook has no content/ folder",
    ContentNested = "E-CONTENT-NESTED": "a page sits more than one folder deep in content/",
    BaseUrl = "E-BASE-URL": "`base_url` is neither an http(s) address nor a path starting with `/`",
    Contrast = "E-CONTRAST": "a brand colour does not keep text readable on the theme's backgrounds",
    PdfGlyph = "W-PDF-GLYPH": "a checklist, or a page when the handbook's PDF is made, holds characters the PDFs have no face for (scripts other than Latin, Arabic and Hebrew, emoji); they would print as empty boxes",
    PdfName = "E-PDF-NAME": "a checklist's slug would give its PDF the name of the pack of all checklists or of the handbook's PDF (`checklists`, `handbook`)",
    Audience = "E-AUDIENCE": "a page's `audience` is neither `readers` nor `editors`",
    Paper = "E-PAPER": "print.paper in book.yaml is not a4 or letter",
    Date = "E-DATE": "a date is not written as YYYY-MM-DD",
    FieldEmpty = "E-FIELD-EMPTY": "a required text field is empty",
    FieldMissing = "E-FIELD-MISSING": "a required field is missing",
    FieldType = "E-FIELD-TYPE": "a field has a value of the wrong type",
    FieldUnknown = "E-FIELD-UNKNOWN": "a field that this kind of file does not have (often a typo)",
    FileExtension = "E-FILE-EXTENSION": "a content file named like a page or YAML file but with another extension (`.MD`, `.markdown`, `.yml`...)",
    FileEmpty = "E-FILE-EMPTY": "a content file is empty",
    FileEncoding = "E-FILE-ENCODING": "a file is not UTF-8 text",
    FileSize = "E-FILE-SIZE": "a Markdown or YAML file is larger than 4 MB",
    FileScript = "E-FILE-SCRIPT": "with `allow_html: false`, a copied file would run scripts (.html, .js, an SVG with scripts, event handlers or external references)",
    FileRead = "E-FILE-READ": "a file or folder cannot be read",
    FrontMatterMissing = "E-FRONT-MATTER-MISSING": "a Markdown page does not start with front matter",
    FrontMatterUnclosed = "E-FRONT-MATTER-UNCLOSED": "front matter has no closing `---` line",
    HeadingAttribute = "W-HEADING-ATTRIBUTE": "a heading sets an attribute other than its id and classes (it is dropped)",
    History = "W-HISTORY": "the editions could not be read from the git repository (the page of changes says so)",
    HomeMissing = "E-HOME-MISSING": "the handbook has no content/index.md",
    IdReserved = "E-ID-RESERVED": "a heading's explicit id is one the theme uses (`main`, `sidebar`, ...)",
    ImageAlt = "W-IMAGE-ALT": "an image has no alt text for screen readers",
    KindUnknown = "E-KIND-UNKNOWN": "a section names a kind that does not exist",
    Language = "E-LANGUAGE": "`language` is not a language tag such as `en`, `en-GB` or `ur`",
    Link = "E-LINK": "a link points to a page or file that does not exist",
    LinkCache = "W-LINK-CACHE": "`check --external` cannot read or write its cache of answers (.handbook-links.json); every link is checked again",
    LinkDead = "W-LINK-DEAD": "an external link or address (`check --external`) answers with an error status or not at all",
    LinkEscape = "E-LINK-ESCAPE": "a link leads outside the handbook's content and assets",
    Logo = "E-LOGO": "the institution's logo is missing or outside assets/",
    PathEscape = "E-PATH-ESCAPE": "a folder named in book.yaml (output_dir, a variant's content) leads outside the handbook",
    Placeholder = "W-PLACEHOLDER": "the handbook would publish a placeholder address (example.org, example.com)",
    Related = "E-RELATED": "`related` names a page that does not exist or is ambiguous",
    RuleInTitle = "E-RULE-TITLE": "a page's title holds `{{ rules.name }}`; rules never go in titles",
    RuleName = "E-RULE-NAME": "a rule in book.yaml has a name content could not write",
    RuleUnknown = "E-RULE-UNKNOWN": "content uses `{{ rules.name }}` for a rule book.yaml does not set",
    RuleUnused = "W-RULE-UNUSED": "book.yaml sets a rule that no content uses",
    Role = "E-ROLE": "a strategy's `roles` names something that is not a role page",
    SectionEmpty = "W-SECTION-EMPTY": "a section folder has no pages",
    Slug = "E-SLUG": "a `slug` is not lowercase words joined by dashes",
    SlugDuplicate = "E-SLUG-DUPLICATE": "two pages would have the same URL",
    SourceUnused = "W-SOURCE-UNUSED": "a source in sources.yaml is cited nowhere",
    StrategyNumber = "E-STRATEGY-NUMBER": "a strategy number is missing, not positive or used twice",
    StrategyPrefix = "W-STRATEGY-PREFIX": "a strategy's file-name number and `number` disagree",
    SymlinkEscape = "E-SYMLINK-ESCAPE": "a file is a link to a place outside the handbook",
    Template = "E-TEMPLATE": "a template of the theme fails to parse or render",
    Theme = "E-THEME": "the theme does not exist or lacks a template",
    Type = "E-TYPE": "a YAML file or mapping has the wrong shape",
    UrlScript = "E-URL-SCRIPT": "a link or address would run a script (javascript:, vbscript:, data:)",
    UrlScheme = "E-URL-SCHEME": "a link or address uses a scheme other than http, https, mailto and tel (data:image/… for images), or starts with `//`",
    UrlCollision = "E-URL-COLLISION": "two sources would publish the same file (pages, sections, content files, generated files)",
    VariantMissing = "E-VARIANT-MISSING": "a variant's content folder does not exist",
    Yaml = "E-YAML": "a file is not valid YAML",
    YamlPlace = "E-YAML-PLACE": "a YAML file that is neither a checklist nor sources.yaml",
    Internal = "E-INTERNAL": "handbook itself failed (a bug): the message says where",
}

impl Code {
    pub fn severity(self) -> Severity {
        if self.name().starts_with("W-") {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_prefixed() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            assert!(code.name().starts_with("E-") || code.name().starts_with("W-"));
            assert_eq!(Code::from_name(code.name()), Some(*code));
            assert!(!code.description().is_empty());
        }
    }
}
