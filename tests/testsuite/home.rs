//! The header every page shares: a band of the institution's colour that stays at the top
//! of long pages.

use serde_json::Value;

use crate::browser::{built_offline, chromium};
use crate::common::cdp;

/// The WCAG contrast ratio of two computed `rgb(…)` colours, in the page.
const CONTRAST: &str = "const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; }; const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };";

/// The header's fill, the brand colour as the page resolves `--brand-primary`, and the
/// lowest contrast of the header's visible text (outside the search box) on that fill.
fn header_colours(browser: &mut cdp::Browser) -> Value {
    browser.eval(&format!("(() => {{ {CONTRAST} const head = document.querySelector('.masthead'); const fill = getComputedStyle(head).backgroundColor; const probe = document.createElement('div'); probe.style.background = 'var(--brand-primary)'; document.body.appendChild(probe); const brand = getComputedStyle(probe).backgroundColor; probe.remove(); const texts = [...head.querySelectorAll('*')].filter(e => !e.closest('.site-search') && e.getClientRects().length && [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim())); return {{ fill, brand, texts: texts.length, lowest: Math.min(...texts.map(e => ratio(getComputedStyle(e).color, fill))) }}; }})()"))
}

/// The header is a band of the brand colour, its text at 4.5:1 or more on it, light and
/// dark, phone and desktop; it stays at the top of a long page, 64 px tall at most on a phone.
#[test]
fn the_header_is_a_brand_band_that_stays_at_the_top() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let page = |p: &str| format!("file://{}", root.join("public").join(p).display());
    let mut browser = cdp::Browser::start(chromium, 1280);
    for scheme in ["light", "dark"] {
        browser.color_scheme(scheme);
        for (width, mobile) in [(1280, false), (360, true)] {
            browser.viewport(width, mobile);
            browser.goto(&page("index.html"));
            let seen = header_colours(&mut browser);
            assert_eq!(seen["fill"], seen["brand"], "{scheme} at {width}: {seen}");
            assert!(seen["texts"].as_u64().unwrap() >= 2, "{seen}");
            assert!(
                seen["lowest"].as_f64().unwrap() >= 4.5,
                "{scheme} at {width}: {seen}"
            );
        }
    }
    for (width, mobile) in [(1280, false), (360, true)] {
        browser.viewport(width, mobile);
        browser.goto(&page("editors-guide/index.html"));
        browser.eval("window.scrollTo({ top: document.documentElement.scrollHeight / 2, behavior: 'instant' })");
        let head = browser.eval("(() => { const r = document.querySelector('.masthead').getBoundingClientRect(); return [scrollY, r.top, r.height]; })()");
        assert!(head[0].as_f64().unwrap() > 1000.0, "scrolled: {head}");
        assert_eq!(head[1].as_f64().unwrap(), 0.0, "at {width}: {head}");
        assert!(head[2].as_f64().unwrap() <= 64.0, "at {width}: {head}");
    }
}
