//! Files copied to the site as they are (content/'s images and downloads, assets/), when
//! book.yaml says `allow_html: false`: editors who may not run scripts on the site's origin
//! may not publish a page or script beside it either. HTML, XHTML, XSLT and JavaScript files
//! are errors, and so is an SVG with a script, an event handler or an external reference
//! (`svg.rs` holds the rule), each located at the file or at the place in it.

use crate::content::{ASSETS_DIR, CONTENT_DIR, Site};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// Extensions of files a browser would run scripts from when opened on the site.
const SCRIPTED: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "xsl", "xslt", "svgz",
];

pub(super) fn check_copied_files(site: &Site, diagnostics: &mut Diagnostics) {
    if site.config.allow_html {
        return;
    }
    let content = site.files.iter().map(|f| (CONTENT_DIR, f));
    let assets = site.assets.iter().map(|f| (ASSETS_DIR, f));
    for (dir, found) in content.chain(assets) {
        let path = format!("{dir}/{}", found.rel);
        let extension = path
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if SCRIPTED.contains(&extension.as_str()) {
            diagnostics.push(
                Diagnostic::new(
                    Code::FileScript,
                    format!("a `.{extension}` file would run in readers' browsers on the site, and `allow_html` is false"),
                )
                .in_file(path)
                .hint("remove the file, or link to where it is published elsewhere; raw HTML needs `allow_html: true` (trusted editors)"),
            );
        } else if extension == "svg" {
            check_svg(found, path, diagnostics);
        }
    }
}

/// An SVG's scripts, event handlers and external references, each at its element.
fn check_svg(found: &crate::files::Found, path: String, diagnostics: &mut Diagnostics) {
    let Ok(bytes) = std::fs::read(&found.abs) else {
        return; // Unreadable files are reported where they are copied.
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let own_dir = path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let scan = crate::svg::scan(&text, &own_dir);
    let file = SourceFile::new(path, text);
    match scan {
        Ok(scan) => {
            for fault in scan.faults {
                diagnostics.push(
                    Diagnostic::new(
                        Code::FileScript,
                        format!("this SVG holds {}, and `allow_html` is false", fault.finding.describe()),
                    )
                    .at(&file, fault.offset..fault.offset + 1)
                    .hint("SVG files may refer only to `data:` images and to files inside content/ or assets/; remove scripts and `on…` attributes"),
                );
            }
        }
        Err((message, offset)) => diagnostics.push(
            Diagnostic::new(
                Code::FileScript,
                format!("this SVG is not well-formed XML ({message}), so it cannot be checked for scripts"),
            )
            .at(&file, offset..offset + 1)
            .hint("save it again from the drawing program, or export it as PNG"),
        ),
    }
}
