//! Faces embedded as subsets. The pages are drawn apart (in parallel), each noting the
//! glyphs it shows; a glyph's code on the page is its number in the face (CID = glyph id),
//! so pages need not agree on numbers before they are drawn. Once every page is drawn, a
//! TrueType face is cut down to the glyphs shown and a `/CIDToGIDMap` leads each code to its
//! glyph in the subset; a CFF face is embedded whole, its codes being its glyph ids.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Name, Rect, Ref, Str};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use super::{Refs, deflate};

/// The glyphs of one face a page shows, by id.
#[derive(Clone, Default)]
pub struct Glyphs(Vec<u64>);

impl Glyphs {
    pub fn insert(&mut self, gid: u16) {
        let (word, bit) = (usize::from(gid) / 64, gid % 64);
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    pub fn union(&mut self, other: &Glyphs) {
        if other.0.len() > self.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// The glyph ids, in order.
    pub fn ids(&self) -> Vec<u16> {
        let mut ids = Vec::new();
        for (w, word) in self.0.iter().enumerate() {
            for bit in 0..64 {
                if word & (1 << bit) != 0 {
                    ids.push((w * 64 + bit) as u16);
                }
            }
        }
        ids
    }
}

const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// A face being embedded.
struct Embedding<'a> {
    face: FontRef<'a>,
    data: &'a [u8],
    /// The glyphs it keeps, in order, `.notdef` first.
    ids: Vec<u16>,
    name: String,
    cff: bool,
    /// Font units per em.
    upem: f32,
}

impl Embedding<'_> {
    /// A length in font units in PDF's thousandths of an em.
    fn to_pdf(&self, v: f32) -> f32 {
        v / self.upem * 1000.0
    }
}

/// Writes the face `data` as the Type 0 font `font`, with the glyphs `used` (and `.notdef`);
/// `said` gives what glyphs not in the face's map read as (shaped forms, ligatures).
pub fn embed(
    chunk: &mut Chunk,
    refs: &mut Refs,
    font: Ref,
    data: &[u8],
    used: &Glyphs,
    said: &BTreeMap<u16, String>,
) -> Result<(), String> {
    let face = FontRef::new(data).map_err(|e| format!("the PDF font cannot be read: {e}"))?;
    let mut ids = used.ids();
    if ids.first() != Some(&0) {
        ids.insert(0, 0);
    }
    let metrics = face.metrics(Size::unscaled(), LocationRef::default());
    let e = Embedding {
        name: format!("{}+{}", tag(&ids, data.len()), postscript_name(&face)),
        cff: face.cff().is_ok() || face.cff2().is_ok(),
        upem: f32::from(metrics.units_per_em),
        face,
        data,
        ids,
    };
    let (cid, descriptor, cmap, file) = (refs.next(), refs.next(), refs.next(), refs.next());
    chunk
        .type0_font(font)
        .base_font(Name(e.name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let map = (!e.cff).then(|| refs.next());
    cid_font(chunk, &e, cid, descriptor, map);
    program(chunk, &e, file, map)?;
    font_descriptor(chunk, &e, descriptor, file)?;
    to_unicode(chunk, &e, cmap, said);
    Ok(())
}

/// The descendant font: its kind, its descriptor, the map of codes to the subset's glyphs
/// and the glyphs' widths.
fn cid_font(chunk: &mut Chunk, e: &Embedding, id: Ref, descriptor: Ref, map: Option<Ref>) {
    let advances = e
        .face
        .glyph_metrics(Size::unscaled(), LocationRef::default());
    let mut cid_font = chunk.cid_font(id);
    cid_font
        .subtype(if e.cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(e.name.as_bytes()))
        .system_info(SYSTEM_INFO)
        .font_descriptor(descriptor)
        .default_width(0.0);
    if let Some(map) = map {
        cid_font.cid_to_gid_map_stream(map);
    }
    let mut widths = cid_font.widths();
    for run in e.ids.chunk_by(|a, b| *b == a + 1) {
        let width = |g: &u16| {
            let advance = advances.advance_width(GlyphId::new(u32::from(*g)));
            e.to_pdf(advance.unwrap_or(0.0))
        };
        widths.consecutive(run[0], run.iter().map(width));
    }
}

/// The font program: a TrueType face cut to its glyphs, with the map of codes (the face's
/// glyph ids) to the subset's; a CFF face whole.
fn program(chunk: &mut Chunk, e: &Embedding, file: Ref, map: Option<Ref>) -> Result<(), String> {
    let program = if e.cff {
        deflate(e.data)
    } else {
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&e.ids);
        let subset = subsetter::subset(e.data, 0, &remapper)
            .map_err(|err| format!("the PDF font cannot be cut to its glyphs: {err:?}"))?;
        let last = e.ids.last().copied().unwrap_or(0);
        let mut codes = Vec::with_capacity(2 * (usize::from(last) + 1));
        for gid in 0..=last {
            codes.extend_from_slice(&remapper.get(gid).unwrap_or(0).to_be_bytes());
        }
        if let Some(map) = map {
            chunk
                .stream(map, &deflate(&codes))
                .filter(Filter::FlateDecode);
        }
        deflate(&subset)
    };
    let mut stream = chunk.stream(file, &program);
    stream.filter(Filter::FlateDecode);
    if e.cff {
        stream.pair(Name(b"Subtype"), Name(b"OpenType"));
    }
    Ok(())
}

fn font_descriptor(chunk: &mut Chunk, e: &Embedding, id: Ref, file: Ref) -> Result<(), String> {
    let face = &e.face;
    let metrics = face.metrics(Size::unscaled(), LocationRef::default());
    let head = face
        .head()
        .map_err(|err| format!("the PDF font has no head table: {err}"))?;
    let italic = metrics.italic_angle;
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::ITALIC, italic != 0.0);
    flags.set(
        FontFlags::FIXED_PITCH,
        face.post().is_ok_and(|p| p.is_fixed_pitch() != 0),
    );
    let weight = face.os2().map_or(400.0, |o| f32::from(o.us_weight_class()));
    let ascent = e.to_pdf(metrics.ascent);
    let mut descriptor = chunk.font_descriptor(id);
    descriptor
        .name(Name(e.name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            e.to_pdf(f32::from(head.x_min())),
            e.to_pdf(f32::from(head.y_min())),
            e.to_pdf(f32::from(head.x_max())),
            e.to_pdf(f32::from(head.y_max())),
        ))
        .italic_angle(italic)
        .ascent(ascent)
        .descent(e.to_pdf(metrics.descent))
        .cap_height(metrics.cap_height.map_or(ascent, |c| e.to_pdf(c)))
        .stem_v(10.0 + 0.244 * (weight - 50.0));
    if e.cff {
        descriptor.font_file3(file);
    } else {
        descriptor.font_file2(file);
    }
    Ok(())
}

/// What each glyph reads as: the text it was drawn for, or else the first character (by
/// code point) the face sets with it.
fn to_unicode(chunk: &mut Chunk, e: &Embedding, id: Ref, said: &BTreeMap<u16, String>) {
    let last = e.ids.last().copied().unwrap_or(0);
    let mut chars: Vec<Option<char>> = vec![None; usize::from(last) + 1];
    for (code, gid) in e.face.charmap().mappings() {
        let slot = usize::try_from(gid.to_u32())
            .ok()
            .and_then(|g| chars.get_mut(g));
        if let (Some(slot @ None), Some(c)) = (slot, char::from_u32(code)) {
            *slot = Some(c);
        }
    }
    let mut unicode = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    for &gid in &e.ids {
        match (said.get(&gid), chars[usize::from(gid)]) {
            (Some(text), _) if !text.is_empty() => unicode.pair_with_multiple(gid, text.chars()),
            (_, Some(c)) => unicode.pair(gid, c),
            _ => {}
        }
    }
    let data = deflate(&unicode.finish());
    let mut stream = chunk.cmap(id, &data);
    stream.name(Name(b"Custom")).system_info(SYSTEM_INFO);
    stream.filter(Filter::FlateDecode);
}

fn postscript_name(face: &FontRef) -> String {
    let name = face
        .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
        .english_or_first()
        .map(|s| {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .unwrap_or_default();
    if name.is_empty() {
        "Font".to_string()
    } else {
        name
    }
}

/// Six capital letters naming a subset, from its glyphs (the same subset, the same tag).
fn tag(ids: &[u16], len: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ len as u64;
    for id in ids {
        for byte in id.to_be_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}
