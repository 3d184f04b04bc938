//! The sidebar: bounded per page. A page carries at most `INLINE_TOP` top-level entries and
//! `INLINE_PAGES` pages of its section, around the reader's place, with stand-ins linking on;
//! a larger book's whole navigation is one shared script (`links::urls::theme::NAV_SCRIPT`) that the theme's
//! script shows in place of the inline part. Without scripts, section index pages are the way
//! through. So a page's size does not grow with the number of sections or pages.

use serde::Serialize;

use super::inputs::{self, FrameInput, Hashed, NavTop};
use crate::content::SectionId;
use crate::links::SOURCES_URL;
use crate::links::urls::relative;

/// A titled link: a sidebar entry's "more", a breadcrumb, a related page.
#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The sidebar shows at most this many top-level entries inline, and this many pages of the
/// reader's section, around the reader's place; a larger book's whole navigation is one shared
/// file (`/theme/nav.js`) that the script loads. So a page's size does not grow with the book.
pub const INLINE_TOP: usize = 12;
pub const INLINE_PAGES: usize = 13;

/// The sources page's name in the menu.
const SOURCES_TITLE: &str = "Sources";

#[derive(Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    /// The reader is in this section (or on this page).
    pub current: bool,
    /// This entry is the page being read.
    pub here: bool,
    pub pages: Vec<NavPage>,
    /// When not every page of the section is listed: a link to the section's index.
    pub more: Option<Link>,
    /// A stand-in for top-level entries left out ("5 earlier sections"), linking to the nearest.
    pub stand_in: bool,
}

impl NavItem {
    fn entry(title: &str, url: String, current: bool, here: bool) -> NavItem {
        NavItem {
            title: title.to_string(),
            url,
            current,
            here,
            pages: Vec::new(),
            more: None,
            stand_in: false,
        }
    }
}

/// What the script needs to show the whole navigation in place of the inline part.
#[derive(Serialize)]
pub struct FullNav {
    /// The shared file, relative to the page.
    pub script: String,
    /// The way from the page to the site's root (`../../`), which the file's URLs start from.
    pub root: String,
    /// The page's own URL as the file writes it, to mark it as current.
    pub here: String,
}

#[derive(Serialize)]
pub struct NavPage {
    pub title: String,
    pub url: String,
    pub here: bool,
    pub number: Option<i64>,
}

/// The sidebar of the output `input` frames: the inline part, and what the script needs to
/// show the whole navigation when the inline part is not all of it.
pub fn sidebar(input: &FrameInput) -> (Vec<NavItem>, Option<FullNav>) {
    let settings = &input.settings.value;
    let url = input.url.as_str();
    let rel = |to: &str| relative(url, to, settings.offline);
    let mut nav = Vec::new();
    if settings.has_home {
        nav.push(NavItem::entry("Home", rel("/"), url == "/", url == "/"));
    }
    let current = input.section.as_ref().map(|s| s.position);
    let top = window(input.nav.len(), current, INLINE_TOP);
    let mut partial = top.len() < input.nav.len();
    let stand_in = |count: usize, nearest: usize, which: &str| {
        let plural = if count == 1 { "" } else { "s" };
        let title = format!("{count} {which} section{plural}");
        NavItem {
            stand_in: true,
            ..NavItem::entry(&title, rel(&input.nav[nearest].0.url), false, false)
        }
    };
    if top.start > 0 {
        nav.push(stand_in(top.start, top.start - 1, "earlier"));
    }
    for (i, (entry, _)) in input.nav.iter().enumerate().take(top.end).skip(top.start) {
        let here = entry.url == url;
        let mut item = NavItem::entry(
            &entry.title,
            rel(&entry.url),
            current == Some(i) || here,
            here,
        );
        if let Some(section) = input.section.as_ref().filter(|s| s.position == i) {
            let shown = window(section.pages.len(), section.here, INLINE_PAGES);
            if shown.len() < section.pages.len() {
                partial = true;
                item.more = Some(Link {
                    title: format!("All {} pages of {}", section.pages.len(), entry.title),
                    url: rel(&entry.url),
                });
            }
            item.pages = section.pages[shown]
                .iter()
                .map(|p| NavPage {
                    title: p.title.clone(),
                    url: rel(&p.url),
                    here: p.url == url,
                    number: p.number,
                })
                .collect();
        }
        nav.push(item);
    }
    if top.end < input.nav.len() {
        nav.push(stand_in(input.nav.len() - top.end, top.end, "more"));
    }
    if settings.has_sources {
        let here = url == SOURCES_URL;
        nav.push(NavItem::entry(SOURCES_TITLE, rel(SOURCES_URL), here, here));
    }
    let full_nav = partial.then(|| FullNav {
        script: rel(crate::links::urls::theme::NAV_SCRIPT),
        root: "../".repeat(url.trim_start_matches('/').matches('/').count()),
        here: relative("/", url, settings.offline),
    });
    (nav, full_nav)
}

/// The sidebar's entries as HTML, each `<li>` on a line of its own: what the theme's
/// `base.html` puts inside its `<ul class="nav-list">`, made here rather than by a template
/// loop because every page carries one (as mdBook renders its table of contents in code). A
/// theme that wants other markup loops over `nav` instead, which holds the same entries.
pub fn sidebar_html(nav: &[NavItem]) -> String {
    // Escaped straight into the output: a sidebar has dozens of entries on every page.
    let attr = html_escape::encode_quoted_attribute_to_string;
    let mut out = String::with_capacity(nav.len() * 64);
    let current = |here: bool| if here { " aria-current=\"page\"" } else { "" };
    for item in nav {
        let class = if item.current {
            " class=\"is-current\""
        } else if item.stand_in {
            " class=\"nav-more\""
        } else {
            ""
        };
        out.push_str("\n<li");
        out.push_str(class);
        out.push_str("><a href=\"");
        attr(&item.url, &mut out);
        out.push('"');
        out.push_str(current(item.here));
        out.push('>');
        attr(&item.title, &mut out);
        out.push_str("</a>");
        if !item.pages.is_empty() {
            out.push_str("<ul class=\"nav-pages\">");
            for page in &item.pages {
                out.push_str("<li><a href=\"");
                attr(&page.url, &mut out);
                out.push('"');
                out.push_str(current(page.here));
                out.push('>');
                if let Some(number) = page.number.filter(|n| *n != 0) {
                    out.push_str("<span class=\"nav-number\">");
                    out.push_str(&number.to_string());
                    out.push_str("</span> ");
                }
                attr(&page.title, &mut out);
                out.push_str("</a></li>");
            }
            if let Some(more) = &item.more {
                out.push_str("<li class=\"nav-more\"><a href=\"");
                attr(&more.url, &mut out);
                out.push_str("\">");
                attr(&more.title, &mut out);
                out.push_str("</a></li>");
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out
}

/// The part of a list of `len` entries shown inline: all of it when it fits in `size`, else
/// `size` entries around `here` (or from the start).
fn window(len: usize, here: Option<usize>, size: usize) -> std::ops::Range<usize> {
    if len <= size {
        return 0..len;
    }
    let start = here.unwrap_or(0).saturating_sub(size / 2).min(len - size);
    start..start + size
}

/// The whole navigation as one script, `window.handbookNav = "<li>…"`: the sidebar's markup
/// (`sidebar_html`, so the markup has one home) with every top-level entry and every
/// section's pages, URLs from the site's root as `offline` writes links, nothing marked
/// current. The theme's script rebases the links on the page's way to the root, marks the
/// page and its section, and keeps only that section's pages open. Shared by every page of a
/// book too large to carry it inline.
pub fn nav_script(
    has_home: bool,
    has_sources: bool,
    nav: &[(NavTop, Option<SectionId>)],
    section_pages: &[Hashed<Vec<inputs::NavPage>>],
    offline: bool,
) -> Option<String> {
    let pages_fit = nav
        .iter()
        .all(|(_, s)| s.is_none_or(|s| section_pages[s].len() <= INLINE_PAGES));
    if nav.len() <= INLINE_TOP && pages_fit {
        return None;
    }
    let url = |u: &str| relative("/", u, offline);
    let mut items = Vec::new();
    if has_home {
        items.push(NavItem::entry("Home", url("/"), false, false));
    }
    for (top, section) in nav {
        let mut item = NavItem::entry(&top.title, url(&top.url), false, false);
        if let Some(id) = section {
            item.pages = section_pages[*id]
                .iter()
                .map(|p| NavPage {
                    title: p.title.clone(),
                    url: url(&p.url),
                    here: false,
                    number: p.number,
                })
                .collect();
        }
        items.push(item);
    }
    if has_sources {
        items.push(NavItem::entry(
            SOURCES_TITLE,
            url(SOURCES_URL),
            false,
            false,
        ));
    }
    let html = serde_json::Value::from(sidebar_html(&items));
    Some(format!(
        "/* The whole navigation of this handbook, generated by handbook. */\nwindow.handbookNav = {html};\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loop a theme would write over `nav` (the default theme's until it used `nav_html`).
    const LOOP: &str = r#"{%- for item in nav %}
<li{% if item.current %} class="is-current"{% elif item.stand_in %} class="nav-more"{% endif %}><a href="{{ item.url }}"{% if item.here %} aria-current="page"{% endif %}>{{ item.title }}</a>
{%- if item.pages %}<ul class="nav-pages">
{%- for p in item.pages %}<li><a href="{{ p.url }}"{% if p.here %} aria-current="page"{% endif %}>{% if p.number %}<span class="nav-number">{{ p.number }}</span> {% endif %}{{ p.title }}</a></li>{% endfor %}
{%- if item.more %}<li class="nav-more"><a href="{{ item.more.url }}">{{ item.more.title }}</a></li>{% endif %}</ul>{% endif %}</li>
{%- endfor %}"#;

    fn page(title: &str, here: bool, number: Option<i64>) -> NavPage {
        NavPage {
            title: title.to_string(),
            url: format!("../{}/", title.to_lowercase()),
            here,
            number,
        }
    }

    #[test]
    fn the_sidebar_html_is_what_a_template_loop_over_nav_writes() {
        let nav = vec![
            NavItem::entry("Home", "../../".into(), false, false),
            NavItem {
                stand_in: true,
                ..NavItem::entry("3 earlier sections", "../../a/".into(), false, false)
            },
            NavItem {
                pages: vec![
                    page("Trust & <care>", false, Some(1)),
                    page("Here", true, Some(2)),
                    page("Plain", false, None),
                ],
                more: Some(Link {
                    title: "All 40 pages of \"Strategies\"".into(),
                    url: "../".into(),
                }),
                ..NavItem::entry("Strategies", "../".into(), true, false)
            },
            NavItem::entry("Sources", "../../sources/".into(), true, true),
        ];
        let mut tera = tera::Tera::default();
        tera.add_raw_template("loop.html", LOOP).unwrap();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::render::escape);
        let mut context = tera::Context::new();
        context.insert("nav", &nav);
        let looped = tera.render("loop.html", &context).unwrap();
        assert_eq!(sidebar_html(&nav), looped);
        assert!(looped.contains("Trust &amp; &lt;care&gt;"), "{looped}");
    }
}
