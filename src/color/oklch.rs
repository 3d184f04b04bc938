//! Lighter shades of a colour that keep its hue and colourfulness, for the dark scheme.
//!
//! Mixing a dark brand colour with white until it reads on a dark page washes it out (a deep
//! green becomes sage). Raising only its lightness in OKLCH, a perceptual space, keeps the hue
//! and as much of the chroma as the sRGB gamut allows at that lightness, so the shade still
//! reads as the institution's colour.

use super::{Rgb, WHITE};

/// OKLab lightness, a and b (Björn Ottosson's matrices).
fn oklab(color: Rgb) -> (f64, f64, f64) {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (linear(color.0), linear(color.1), linear(color.2));
    let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
    let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
    let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
    (
        0.210_454_255_3 * l + 0.793_617_785_0 * m - 0.004_072_046_8 * s,
        1.977_998_495_1 * l - 2.428_592_205_0 * m + 0.450_593_709_9 * s,
        0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766_0 * s,
    )
}

/// The sRGB colour of an OKLab value, or `None` outside the gamut.
fn from_oklab(lightness: f64, a: f64, b: f64) -> Option<Rgb> {
    let l = (lightness + 0.396_337_777_4 * a + 0.215_803_757_3 * b).powi(3);
    let m = (lightness - 0.105_561_345_8 * a - 0.063_854_172_8 * b).powi(3);
    let s = (lightness - 0.089_484_177_5 * a - 1.291_485_548_0 * b).powi(3);
    let channel = |c: f64| {
        let c = if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        };
        let c = (c * 255.0).round();
        (-0.5..=255.5)
            .contains(&c)
            .then(|| c.clamp(0.0, 255.0) as u8)
    };
    Some(Rgb(
        channel(4.076_741_662_1 * l - 3.307_711_591_3 * m + 0.230_969_929_2 * s)?,
        channel(-1.268_438_004_6 * l + 2.609_757_401_1 * m - 0.341_319_396_5 * s)?,
        channel(-0.004_196_086_3 * l - 0.703_418_614_7 * m + 1.707_614_701_0 * s)?,
    ))
}

impl Rgb {
    /// This colour at OKLCH `lightness` (0 to 1), same hue, with the most of its chroma that
    /// fits in sRGB.
    fn at_lightness(self, lightness: f64) -> Rgb {
        let (_, a, b) = oklab(self);
        let (chroma, hue) = (a.hypot(b), b.atan2(a));
        (0..=100)
            .rev()
            .find_map(|step| {
                let c = chroma * f64::from(step) / 100.0;
                from_oklab(lightness, c * hue.cos(), c * hue.sin())
            })
            .unwrap_or(WHITE)
    }

    /// The darkest shade at least as light as this colour, same hue and chroma as far as
    /// sRGB allows, that reaches each `(background, ratio)`; white if none does.
    pub fn lightened_to(self, goals: &[(Rgb, f64)]) -> Rgb {
        let reaches = |c: &Rgb| goals.iter().all(|(b, ratio)| c.contrast(*b) >= *ratio);
        if reaches(&self) {
            return self;
        }
        let start = (oklab(self).0 * 1000.0).ceil() as u32;
        (start..=1000)
            .map(|step| self.at_lightness(f64::from(step) / 1000.0))
            .find(reaches)
            .unwrap_or(WHITE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oklab_round_trips_and_keeps_the_hue() {
        for color in [
            Rgb(0x0b, 0x5d, 0x4b),
            Rgb(0x8a, 0x61, 0x16),
            Rgb(0, 0, 0),
            WHITE,
        ] {
            let (l, a, b) = oklab(color);
            assert_eq!(from_oklab(l, a, b), Some(color));
        }
        let green = Rgb(0x0b, 0x5d, 0x4b);
        let light = green.at_lightness(0.7);
        let hue = |c: Rgb| {
            let (_, a, b) = oklab(c);
            b.atan2(a)
        };
        assert!((hue(light) - hue(green)).abs() < 0.05, "{light}");
    }

    #[test]
    fn a_lightened_green_stays_green_where_mixing_with_white_greys_it() {
        let page = Rgb(0x16, 0x1a, 0x1d);
        let green = Rgb(0x0b, 0x5d, 0x4b);
        let shade = green.lightened_to(&[(page, 6.0)]);
        assert!(shade.contrast(page) >= 6.0);
        assert!(
            shade.contrast(page) < 6.3,
            "the darkest such shade: {shade}"
        );
        let mixed = green.toward(WHITE, &[page], 6.0);
        let chroma = |c: Rgb| {
            let (_, a, b) = oklab(c);
            a.hypot(b)
        };
        // The shade keeps the green's colourfulness; white takes a third of it away.
        assert!(chroma(shade) > 0.95 * chroma(green), "{shade}");
        assert!(chroma(mixed) < 0.7 * chroma(green), "{mixed}");
        assert_eq!(WHITE.lightened_to(&[(page, 6.0)]), WHITE);
        assert_eq!(green.lightened_to(&[(page, 30.0)]), WHITE, "out of reach");
    }
}
