//! Rendering: the checked site model to the files of the published site.
//!
//! `render` returns every output file as data (path and bytes, or a file to copy); it writes
//! nothing, so `build` can put them on disk atomically and `serve` can keep them in memory.
//! Pages are rendered in parallel; the result is sorted by path so it never depends on timing.

pub mod citations;
pub mod context;
mod fingerprint;
pub mod highlight;
pub mod markdown;
mod pages;
pub mod theme;
pub mod urls;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::check::Analyses;
use crate::check::resolve::{ASSETS_DIR, Resolver, asset_files};
use crate::content::Site;
use crate::diagnostic::Diagnostics;
use theme::Theme;

pub use pages::Renderer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Bytes kept from one render to the next.
    Shared(std::sync::Arc<Vec<u8>>),
    /// Copied from this file when written.
    Copy(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub contents: Contents,
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub offline: bool,
    /// Overrides book.yaml's `base_url`.
    pub base_url: Option<String>,
}

/// Rendered pages from the previous render, by output path, with their fingerprints.
#[derive(Debug, Default)]
pub struct RenderState {
    pages: HashMap<String, (u64, std::sync::Arc<Vec<u8>>)>,
    /// Pages rendered (not reused) by the last render.
    pub rendered: usize,
    /// Bumped whenever the theme is reloaded: every page depends on it.
    pub theme_generation: u64,
}

/// One output page: rendered now (`fresh`) or reused from the previous render.
struct JobResult {
    path: String,
    fingerprint: u64,
    bytes: Option<std::sync::Arc<Vec<u8>>>,
    fresh: bool,
    diagnostics: Diagnostics,
}

/// Every file of the site, sorted by path.
pub fn render(
    site: &Site,
    analyses: &Analyses,
    theme: &Theme,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Vec<OutputFile> {
    render_incremental(
        site,
        analyses,
        theme,
        options,
        &mut RenderState::default(),
        diagnostics,
    )
}

/// Renders the pages whose inputs changed since `state` was filled, and reuses the rest.
/// The result is the same, byte for byte, as a full render.
pub fn render_incremental(
    site: &Site,
    analyses: &Analyses,
    theme: &Theme,
    options: &RenderOptions,
    state: &mut RenderState,
    diagnostics: &mut Diagnostics,
) -> Vec<OutputFile> {
    let resolver = Resolver::new(site, analyses);
    let renderer = Renderer::new(site, analyses, theme, &resolver, options);
    let fingerprints = fingerprint::Fingerprints {
        site,
        resolver: &resolver,
        global: fingerprint::global(
            site,
            state.theme_generation,
            options.offline,
            renderer.base_url(),
        ),
        sections: fingerprint::sections(site),
    };
    let mut files: BTreeMap<String, Contents> = BTreeMap::new();

    let previous = &state.pages;
    let rendered: Vec<JobResult> = renderer
        .jobs()
        .into_par_iter()
        .map(|job| {
            let mut local = Diagnostics::new();
            let path = urls::output_path(&renderer.url(job));
            let fp = fingerprints.job(&renderer, job);
            if let Some((old, bytes)) = previous.get(&path)
                && *old == fp
            {
                return JobResult {
                    path,
                    fingerprint: fp,
                    bytes: Some(bytes.clone()),
                    fresh: false,
                    diagnostics: local,
                };
            }
            let bytes = renderer
                .render_job(job, &mut local)
                .map(std::sync::Arc::new);
            JobResult {
                path,
                fingerprint: fp,
                bytes,
                fresh: true,
                diagnostics: local,
            }
        })
        .collect();
    let mut next = HashMap::new();
    state.rendered = 0;
    for job in rendered {
        diagnostics.extend(job.diagnostics);
        state.rendered += usize::from(job.fresh);
        if let Some(bytes) = job.bytes {
            files.insert(job.path.clone(), Contents::Shared(bytes.clone()));
            next.insert(job.path, (job.fingerprint, bytes));
        }
    }
    state.pages = next;
    for (name, bytes) in &theme.static_files {
        files.insert(format!("theme/{name}"), Contents::Bytes(bytes.clone()));
    }
    files.insert(
        "theme/highlight.css".into(),
        Contents::Bytes(highlight::stylesheet().into_bytes()),
    );
    files.insert(
        "theme/brand.css".into(),
        Contents::Bytes(brand_css(site).into_bytes()),
    );
    for asset in asset_files(&site.root) {
        let from = site.root.join(ASSETS_DIR).join(&asset);
        files.insert(format!("{ASSETS_DIR}/{asset}"), Contents::Copy(from));
    }
    for file in &site.files {
        files.insert(
            file.clone(),
            Contents::Copy(site.root.join(crate::content::CONTENT_DIR).join(file)),
        );
    }
    if let Some(sitemap) = renderer.sitemap() {
        files.insert("sitemap.xml".into(), Contents::Bytes(sitemap.into_bytes()));
    }
    files
        .into_iter()
        .map(|(path, contents)| OutputFile { path, contents })
        .collect()
}

/// The institution's colours as CSS custom properties, with dark-scheme shades derived.
fn brand_css(site: &Site) -> String {
    use crate::color::TEXT_CONTRAST;
    let institution = &site.config.institution;
    let (primary, accent) = (institution.primary, institution.accent);
    format!(
        "/* Generated by handbook from book.yaml's institution colours. */\n\
:root {{\n  --brand-primary: {primary};\n  --brand-accent: {accent};\n  --brand-on-primary: {on_primary};\n}}\n\
@media (prefers-color-scheme: dark) {{\n  :root {{\n    --brand-primary: {dark_primary};\n    --brand-accent: {dark_accent};\n    --brand-on-primary: {dark_on_primary};\n  }}\n}}\n",
        on_primary = primary.readable_text(),
        dark_primary = primary.for_dark_background(TEXT_CONTRAST),
        dark_accent = accent.for_dark_background(TEXT_CONTRAST),
        dark_on_primary = primary.for_dark_background(TEXT_CONTRAST).readable_text(),
    )
}

/// Escapes text for HTML and XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
