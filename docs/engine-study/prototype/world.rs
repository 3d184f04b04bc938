//! A closed Typst `World`: one fixed template, the document as data, the theme's fonts.
//!
//! Nothing here touches the network, the system's fonts, the package registry or the disk:
//! the only files a Typst script can open are the ones put in `files` (the template itself,
//! `/doc.json` and the logo). Any other path — `/etc/passwd`, `@preview/...` — is NotFound.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

pub struct BookWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    files: HashMap<FileId, Bytes>,
}

pub fn file_id(path: &str) -> FileId {
    FileId::new(RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    ))
}

impl BookWorld {
    /// `template`: the fixed Typst source; `files`: virtual path → bytes; `fonts`: font files.
    pub fn new(template: &str, files: Vec<(&str, Vec<u8>)>, font_files: Vec<Vec<u8>>) -> Self {
        let fonts: Vec<Font> =
            font_files.into_iter().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        let book = FontBook::from_fonts(&fonts);
        let main = Source::new(file_id("/main.typ"), template.to_string());
        let files = files.into_iter().map(|(p, b)| (file_id(p), Bytes::new(b))).collect();
        Self {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(book),
            fonts,
            main,
            files,
        }
    }
}

impl World for BookWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            // Only the template is Typst code; data files are never parsed as markup.
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files.get(&id).cloned().ok_or_else(|| {
            FileError::NotFound(id.vpath().get_without_slash().into())
        })
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: the same input gives the same bytes.
        None
    }
}
