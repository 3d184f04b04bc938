//! Brand colours: parsing, WCAG contrast, and the dark-scheme shades derived from light ones.
//!
//! Committees give one primary and one accent colour for a light page, and may give the dark
//! scheme's pair too; otherwise the dark shade is the light one lightened, keeping its hue,
//! until it reads comfortably (6:1) on the dark surfaces, not merely at the 4.5:1 minimum.

use std::fmt;

mod oklch;
pub mod surfaces;

pub use surfaces::{Brand, Surface, Surfaces, Use};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
pub const BLACK: Rgb = Rgb(0, 0, 0);
/// WCAG 2 AA for text.
pub const TEXT_CONTRAST: f64 = 4.5;
/// WCAG 2 AA for interface marks: bars, borders, underlines (1.4.11).
pub const MARK_CONTRAST: f64 = 3.0;
/// What a derived dark-scheme shade reaches for text: comfortable reading, not the minimum.
pub const DARK_SHADE_CONTRAST: f64 = 6.0;

impl Rgb {
    /// `#rgb` or `#rrggbb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Rgb(r * 17, g * 17, b * 17)),
            [r1, r2, g1, g2, b1, b2] => Some(Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
            _ => None,
        }
    }

    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// The closest shade, mixing toward `target` (white for dark backgrounds, black for light
    /// ones), that reaches `ratio` on every one of `backgrounds`; `target` itself if none does.
    pub fn toward(self, target: Rgb, backgrounds: &[Rgb], ratio: f64) -> Rgb {
        (0..=100)
            .map(|step| self.mix(target, f64::from(step) / 100.0))
            .find(|c| backgrounds.iter().all(|b| c.contrast(*b) >= ratio))
            .unwrap_or(target)
    }

    /// A text colour (near-black or white) readable on this colour used as a background.
    pub fn readable_text(self) -> Rgb {
        let dark = Rgb(0x11, 0x11, 0x11);
        if self.contrast(dark) >= self.contrast(WHITE) {
            dark
        } else {
            WHITE
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(Rgb::parse("#0b5d4b"), Some(Rgb(0x0b, 0x5d, 0x4b)));
        assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
        assert_eq!(Rgb::parse("green"), None);
        assert_eq!(Rgb::parse("#12345"), None);
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((black.contrast(white) - 21.0).abs() < 1e-9);
        assert!((Rgb(0x77, 0x77, 0x77).contrast(white) - 4.48).abs() < 0.01);
    }

    #[test]
    fn shades_reach_the_ratio_on_every_background() {
        let primary = Rgb::parse("#0b5d4b").unwrap();
        let backgrounds = [Rgb(0x16, 0x1a, 0x1d), Rgb(0x1f, 0x24, 0x28)];
        let dark = primary.toward(WHITE, &backgrounds, TEXT_CONTRAST);
        assert!(
            backgrounds
                .iter()
                .all(|b| dark.contrast(*b) >= TEXT_CONTRAST)
        );
        assert!(
            dark.contrast(backgrounds[1]) < TEXT_CONTRAST + 0.2,
            "the closest shade"
        );
        assert_ne!(dark, WHITE);
        let pale = Rgb::parse("#63a35c").unwrap();
        let light = pale.toward(BLACK, &[Rgb(0xf4, 0xf6, 0xf7)], TEXT_CONTRAST);
        assert!(light.contrast(Rgb(0xf4, 0xf6, 0xf7)) >= TEXT_CONTRAST);
    }
}
