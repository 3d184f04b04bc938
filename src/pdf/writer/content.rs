//! A page's content stream, written by hand: the few operators the book draws with, numbers
//! set to three decimals at most, glyphs as hexadecimal strings. Coordinates are taken from
//! the top of the page down, as the layout has them, and turned up for PDF here.

use std::ops::Range;

/// Colour as red, green and blue from 0 to 1.
pub type Rgb = [f32; 3];

/// A glyph placed on a line: its code, how far the pen moves back after it (thousandths of
/// an em, as `TJ` takes it) and how far it is raised (ems).
pub type Placed = (u16, f32, f32);

/// One page's operators.
pub struct Content {
    buf: Vec<u8>,
    /// The page's height: y is flipped with it.
    height: f32,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
}

impl Content {
    pub fn new(height: f32) -> Content {
        Content {
            buf: Vec::with_capacity(16 * 1024),
            height,
            fill: None,
            stroke: None,
        }
    }

    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    /// `y` from the top, as PDF's y from the bottom.
    pub fn up(&self, y: f32) -> f32 {
        self.height - y
    }

    fn num(&mut self, v: f32) {
        number(&mut self.buf, v);
        self.buf.push(b' ');
    }

    fn op(&mut self, op: &[u8]) {
        self.buf.extend_from_slice(op);
        self.buf.push(b'\n');
    }

    pub fn set_fill(&mut self, color: Rgb) {
        if self.fill == Some(color) {
            return;
        }
        self.fill = Some(color);
        for c in color {
            self.num(c);
        }
        self.op(b"rg");
    }

    fn set_stroke(&mut self, color: Rgb, width: f32) {
        if self.stroke == Some((color, width)) {
            return;
        }
        self.stroke = Some((color, width));
        for c in color {
            self.num(c);
        }
        self.op(b"RG");
        self.num(width);
        self.op(b"w");
    }

    /// A marked-content sequence tagged `tag` with the properties `dict` (written as given,
    /// e.g. `<</MCID 3>>`).
    pub fn begin_marked(&mut self, tag: &[u8], dict: &[u8]) {
        self.buf.push(b'/');
        self.buf.extend_from_slice(tag);
        self.buf.extend_from_slice(dict);
        self.op(b"BDC");
    }

    /// What follows is an artifact of `kind` (`Layout`, `Pagination`), not content.
    pub fn begin_artifact(&mut self, kind: &[u8]) {
        self.buf.extend_from_slice(b"/Artifact<</Type/");
        self.buf.extend_from_slice(kind);
        self.op(b">>BDC");
    }

    pub fn begin_span(&mut self, mcid: usize) {
        self.buf.extend_from_slice(b"/Span<</MCID ");
        integer(&mut self.buf, mcid as u64);
        self.op(b">>BDC");
    }

    pub fn end_marked(&mut self) {
        self.op(b"EMC");
    }

    /// Glyphs of font `font` at `size` from `(x, y)` (the first glyph's origin, y from the
    /// top), each placed as `Placed` says. The glyphs of each range of `reversed` (a word of
    /// a right-to-left run, drawn left to right) are marked `/ReversedChars`, so their text
    /// reads in its own order.
    pub fn glyphs(
        &mut self,
        font: usize,
        size: f32,
        (x, y): (f32, f32),
        glyphs: &[Placed],
        reversed: &[Range<usize>],
    ) {
        self.op(b"BT");
        self.buf.extend_from_slice(b"/F");
        integer(&mut self.buf, font as u64);
        self.buf.push(b' ');
        self.num(size);
        self.op(b"Tf");
        let y = self.up(y);
        self.num(x);
        self.num(y);
        self.op(b"Td");
        if reversed.is_empty() {
            self.show(glyphs, size);
        }
        for range in reversed {
            self.op(b"/ReversedChars BMC");
            self.show(&glyphs[range.clone()], size);
            self.op(b"EMC");
        }
        self.op(b"ET");
    }

    /// `TJ` operations for `glyphs`, one for each stretch raised alike.
    fn show(&mut self, glyphs: &[Placed], size: f32) {
        for part in glyphs.chunk_by(|a, b| a.2 == b.2) {
            let rise = part[0].2;
            if rise != 0.0 {
                self.num(rise * size);
                self.op(b"Ts");
            }
            self.buf.extend_from_slice(b"[<");
            for &(gid, adjust, _) in part {
                hex(&mut self.buf, gid);
                if adjust != 0.0 {
                    self.buf.push(b'>');
                    number(&mut self.buf, adjust);
                    self.buf.push(b'<');
                }
            }
            self.buf.extend_from_slice(b">]");
            self.op(b"TJ");
            if rise != 0.0 {
                self.op(b"0 Ts");
            }
        }
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) {
        self.set_stroke(color, width);
        self.num(from.0);
        let y = self.up(from.1);
        self.num(y);
        self.op(b"m");
        self.num(to.0);
        let y = self.up(to.1);
        self.num(y);
        self.op(b"l");
        self.op(b"S");
    }

    /// A rectangle `(x, y, w, h)` (its top-left corner from the top), filled or stroked.
    pub fn rect(
        &mut self,
        (x, y, w, h): (f32, f32, f32, f32),
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        match (fill, stroke) {
            (Some(color), None) => self.set_fill(color),
            (None, Some((color, width))) => self.set_stroke(color, width),
            _ => return,
        }
        let bottom = self.up(y + h);
        self.num(x);
        self.num(bottom);
        self.num(w);
        self.num(h);
        self.op(b"re");
        self.op(if fill.is_some() { b"f" } else { b"S" });
    }

    /// The XObject `name` (`/X0`) drawn in the box `(x, y, w, h)`, its top-left corner from
    /// the top.
    pub fn xobject(&mut self, index: usize, (x, y, w, h): (f32, f32, f32, f32)) {
        self.op(b"q");
        let bottom = self.up(y + h);
        for v in [w, 0.0, 0.0, h, x, bottom] {
            self.num(v);
        }
        self.op(b"cm");
        self.buf.extend_from_slice(b"/X");
        integer(&mut self.buf, index as u64);
        self.op(b" Do");
        self.op(b"Q");
        // The XObject may have changed the colours: set them again before the next use.
        self.fill = None;
        self.stroke = None;
    }
}

/// `v` with at most three decimals, no trailing zeros, no exponent.
pub fn number(buf: &mut Vec<u8>, v: f32) {
    let scaled = (f64::from(v) * 1000.0).round() as i64;
    if scaled < 0 {
        buf.push(b'-');
    }
    let abs = scaled.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    integer(buf, whole);
    if frac == 0 {
        return;
    }
    buf.push(b'.');
    let digits = [frac / 100, frac / 10 % 10, frac % 10];
    let used = if frac % 100 == 0 {
        1
    } else if frac % 10 == 0 {
        2
    } else {
        3
    };
    buf.extend(digits[..used].iter().map(|d| b'0' + *d as u8));
}

/// `n` in decimal digits.
pub fn integer(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

fn hex(buf: &mut Vec<u8>, gid: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        buf.push(DIGITS[usize::from((gid >> shift) & 0xf)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: f32) -> String {
        let mut buf = Vec::new();
        number(&mut buf, v);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn numbers_are_written_with_at_most_three_decimals() {
        assert_eq!(text(0.0), "0");
        assert_eq!(text(841.89), "841.89");
        assert_eq!(text(-0.25), "-0.25");
        assert_eq!(text(10.0), "10");
        assert_eq!(text(0.0549), "0.055");
        assert_eq!(text(1.0004), "1");
        assert_eq!(text(12.05), "12.05");
        assert_eq!(text(3.007), "3.007");
        assert_eq!(text(1234567.0), "1234567");
    }
}
