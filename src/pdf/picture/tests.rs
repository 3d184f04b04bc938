//! Tests of `pdf::picture`: lopdf reads back a page drawing each picture.

use lopdf::{Document, Object, Stream};
use pdf_writer::{Content, Finish, Name, Pdf, Rect};

use super::*;

/// A one-page PDF drawing `picture` as `/P`, read back with lopdf.
fn document(picture: &Picture) -> Document {
    let mut alloc = Ref::new(1);
    let [catalog, pages, page, content] = [(); 4].map(|()| alloc.bump());
    let mut chunk = Chunk::new();
    let drawn = xobject(picture, &mut chunk, &mut || alloc.bump());
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut writer = pdf.page(page);
    writer
        .parent(pages)
        .media_box(Rect::new(0.0, 0.0, 200.0, 200.0));
    writer.contents(content);
    writer.resources().x_objects().pair(Name(b"P"), drawn);
    writer.finish();
    let mut draw = Content::new();
    draw.save_state()
        .transform([100.0, 0.0, 0.0, 50.0, 10.0, 20.0]);
    draw.x_object(Name(b"P")).restore_state();
    pdf.stream(content, &draw.finish());
    pdf.extend(&chunk);
    Document::load_mem(&pdf.finish()).expect("lopdf reads the PDF")
}

/// The XObject the page draws.
fn drawn(doc: &Document) -> &Stream {
    let (_, page) = doc.get_pages().into_iter().next().expect("a page");
    let resources = doc.get_dictionary(page).unwrap().get(b"Resources").unwrap();
    let xobjects = resources.as_dict().unwrap().get(b"XObject").unwrap();
    let id = xobjects
        .as_dict()
        .unwrap()
        .get(b"P")
        .unwrap()
        .as_reference()
        .unwrap();
    doc.get_object(id).unwrap().as_stream().unwrap()
}

fn name<'a>(stream: &'a Stream, key: &[u8]) -> &'a [u8] {
    stream.dict.get(key).unwrap().as_name().unwrap()
}

fn int(stream: &Stream, key: &[u8]) -> i64 {
    stream.dict.get(key).unwrap().as_i64().unwrap()
}

fn numbers(object: &Object) -> Vec<f32> {
    let array = object.as_array().unwrap();
    array.iter().map(|n| n.as_float().unwrap()).collect()
}

fn mask<'a>(doc: &'a Document, image: &Stream) -> Option<&'a Stream> {
    let id = image.dict.get(b"SMask").ok()?.as_reference().unwrap();
    Some(doc.get_object(id).unwrap().as_stream().unwrap())
}

fn read_bytes(bytes: Vec<u8>) -> (Picture, (f32, f32)) {
    read(&Arc::new(bytes)).expect("a picture")
}

fn png_file(width: u32, height: u32, color: png::ColorType, pixels: &[u8]) -> Vec<u8> {
    let mut file = Vec::new();
    let mut encoder = png::Encoder::new(&mut file, width, height);
    encoder.set_color(color);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(pixels).unwrap();
    writer.finish().unwrap();
    file
}

/// A baseline JPEG of one 8×8 block a component, every sample mid-gray, written by hand
/// (no JPEG encoder is in the tree): each Huffman table has one code, `0`, for symbol 0
/// (DC difference 0; AC end of block), so each block is two 0 bits.
fn jpeg_file(components: u8, adobe: bool) -> Vec<u8> {
    let mut file = vec![0xFF, 0xD8];
    if adobe {
        // APP14 "Adobe": version 100, no flags, transform 0 (CMYK as is).
        file.extend([0xFF, 0xEE, 0, 14]);
        file.extend(b"Adobe");
        file.extend([0, 100, 0, 0, 0, 0, 0]);
    }
    file.extend([0xFF, 0xDB, 0, 67, 0]);
    file.extend([1; 64]);
    file.extend([0xFF, 0xC0, 0, 8 + 3 * components, 8, 0, 8, 0, 8, components]);
    for id in 1..=components {
        file.extend([id, 0x11, 0]);
    }
    for class in [0x00, 0x10] {
        file.extend([0xFF, 0xC4, 0, 20, class, 1]);
        file.extend([0; 15]);
        file.push(0);
    }
    file.extend([0xFF, 0xDA, 0, 6 + 2 * components, components]);
    for id in 1..=components {
        file.extend([id, 0]);
    }
    file.extend([0, 63, 0]);
    // 2 bits a block, padded with 1 bits.
    let bits = 2 * u32::from(components);
    file.push((0xFFu32 >> bits.min(8)) as u8);
    file.extend([0xFF, 0xD9]);
    file
}

#[test]
fn a_png_with_transparency_has_a_soft_mask_and_its_pixels() {
    #[rustfmt::skip]
    let pixels = [
        255, 0, 0, 255,   0, 255, 0, 255,   0, 0, 255, 0,
        10, 20, 30, 255,  40, 50, 60, 128,  70, 80, 90, 255,
    ];
    let (picture, size) = read_bytes(png_file(3, 2, png::ColorType::Rgba, &pixels));
    assert_eq!(size, (2.25, 1.5));
    let doc = document(&picture);
    let image = drawn(&doc);
    assert_eq!(name(image, b"Subtype"), b"Image");
    assert_eq!((int(image, b"Width"), int(image, b"Height")), (3, 2));
    assert_eq!(name(image, b"ColorSpace"), b"DeviceRGB");
    assert_eq!(name(image, b"Filter"), b"FlateDecode");
    let rgb: Vec<u8> = pixels.chunks(4).flat_map(|p| &p[..3]).copied().collect();
    assert_eq!(image.decompressed_content().unwrap(), rgb);
    let mask = mask(&doc, image).expect("a soft mask");
    assert_eq!(name(mask, b"ColorSpace"), b"DeviceGray");
    assert_eq!(
        mask.decompressed_content().unwrap(),
        [255, 255, 0, 255, 128, 255]
    );
}

#[test]
fn an_opaque_png_has_no_soft_mask() {
    let pixels = [255, 0, 0, 255, 0, 255, 0, 255, 9, 8, 7, 255];
    let (picture, _) = read_bytes(png_file(1, 3, png::ColorType::Rgba, &pixels));
    let doc = document(&picture);
    assert!(mask(&doc, drawn(&doc)).is_none());
    let gray = png_file(2, 1, png::ColorType::Grayscale, &[0, 200]);
    let doc = document(&read_bytes(gray).0);
    let image = drawn(&doc);
    assert_eq!(name(image, b"ColorSpace"), b"DeviceGray");
    assert_eq!(image.decompressed_content().unwrap(), [0, 200]);
}

#[test]
fn a_jpeg_is_embedded_as_it_is() {
    for (components, space) in [(1, &b"DeviceGray"[..]), (3, b"DeviceRGB")] {
        let file = jpeg_file(components, false);
        let (picture, size) = read_bytes(file.clone());
        assert_eq!(size, (6.0, 6.0));
        let doc = document(&picture);
        let image = drawn(&doc);
        assert_eq!(name(image, b"Filter"), b"DCTDecode");
        assert_eq!(name(image, b"ColorSpace"), space);
        assert_eq!((int(image, b"Width"), int(image, b"Height")), (8, 8));
        assert_eq!(image.content, file);
    }
}

#[test]
fn a_cmyk_jpeg_is_embedded_inverted_when_adobe_wrote_it_else_decoded() {
    let file = jpeg_file(4, true);
    let doc = document(&read_bytes(file.clone()).0);
    let image = drawn(&doc);
    assert_eq!(name(image, b"ColorSpace"), b"DeviceCMYK");
    assert_eq!(
        numbers(image.dict.get(b"Decode").unwrap()),
        [1.0, 0.0].repeat(4)
    );
    assert_eq!(image.content, file);
    let doc = document(&read_bytes(jpeg_file(4, false)).0);
    let image = drawn(&doc);
    assert_eq!(name(image, b"Filter"), b"FlateDecode");
    assert_eq!(name(image, b"ColorSpace"), b"DeviceRGB");
    assert_eq!(image.decompressed_content().unwrap().len(), 8 * 8 * 3);
}

#[test]
fn what_is_no_image_is_not_read() {
    assert!(read(&Arc::new(b"not an image".to_vec())).is_none());
    let mut png = png_file(1, 1, png::ColorType::Rgb, &[1, 2, 3]);
    png.truncate(30);
    assert!(read(&Arc::new(png)).is_none());
}

/// The operations of a form's content.
fn operations(form: &Stream) -> Vec<lopdf::content::Operation> {
    let content = form.decompressed_content().unwrap();
    lopdf::content::Content::decode(&content)
        .unwrap()
        .operations
}

/// The operands of each `operator`, as numbers.
fn colors(operations: &[lopdf::content::Operation], operator: &str) -> Vec<Vec<f32>> {
    let ops = operations.iter().filter(|o| o.operator == operator);
    ops.map(|o| o.operands.iter().map(|n| n.as_float().unwrap()).collect())
        .collect()
}

fn has_image(doc: &Document) -> bool {
    doc.objects.values().any(|object| {
        let subtype = object
            .as_stream()
            .ok()
            .and_then(|s| s.dict.get(b"Subtype").ok());
        subtype.and_then(|s| s.as_name().ok()) == Some(b"Image")
    })
}

#[test]
fn the_logo_is_drawn_as_vectors() {
    let logo = include_bytes!("../../../assets/logo.svg").to_vec();
    let (picture, size) = read_bytes(logo);
    assert_eq!(size, (48.0, 48.0));
    let doc = document(&picture);
    let form = drawn(&doc);
    assert_eq!(name(form, b"Subtype"), b"Form");
    assert_eq!(
        numbers(form.dict.get(b"BBox").unwrap()),
        [0.0, 0.0, 64.0, 64.0]
    );
    let matrix = numbers(form.dict.get(b"Matrix").unwrap());
    assert_eq!(matrix, [1.0 / 64.0, 0.0, 0.0, -1.0 / 64.0, 0.0, 1.0]);
    let drawing = operations(form);
    assert_eq!(drawing.iter().filter(|o| o.operator == "f").count(), 5);
    let fills = colors(&drawing, "rg");
    let near = |a: &[f32], b: [f32; 3]| a.iter().zip(b).all(|(a, b)| (a - b).abs() < 0.001);
    assert!(near(&fills[0], [0.043, 0.365, 0.294]), "{fills:?}");
    assert!(near(&fills[1], [1.0, 1.0, 1.0]), "{fills:?}");
    assert!(near(&fills[2], [0.953, 0.851, 0.643]), "{fills:?}");
    assert!(!has_image(&doc));
}

#[test]
fn strokes_and_group_opacity_are_drawn_as_vectors() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">
            <g opacity="0.5" transform="translate(2 3)">
              <rect width="10" height="10" fill="#ff0000"/>
              <rect x="5" width="10" height="10" fill="#0000ff" fill-opacity="0.25"/>
            </g>
            <path d="M1 1 Q 20 10 39 1" fill="none" stroke="#008000" stroke-width="2"
                  stroke-linecap="round" stroke-dasharray="3 1"/>
          </svg>"##;
    let doc = document(&read_bytes(svg.as_bytes().to_vec()).0);
    let form = drawn(&doc);
    assert_eq!(
        numbers(form.dict.get(b"BBox").unwrap()),
        [0.0, 0.0, 40.0, 20.0]
    );
    let drawing = operations(form);
    let ops: Vec<&str> = drawing.iter().map(|o| o.operator.as_str()).collect();
    for op in ["cm", "gs", "Do", "RG", "w", "J", "d", "c", "S"] {
        assert!(ops.contains(&op), "{op} in {ops:?}");
    }
    assert!(!has_image(&doc));
    let resources = form.dict.get(b"Resources").unwrap().as_dict().unwrap();
    let states = resources.get(b"ExtGState").unwrap().as_dict().unwrap();
    let g0 = states.get(b"G0").unwrap().as_dict().unwrap();
    assert_eq!(g0.get(b"ca").unwrap().as_float().unwrap(), 0.5);
    let xobjects = resources.get(b"XObject").unwrap().as_dict().unwrap();
    let group = xobjects.get(b"X0").unwrap().as_reference().unwrap();
    let group = doc.get_object(group).unwrap().as_stream().unwrap();
    let inner = operations(group);
    assert_eq!(inner.iter().filter(|o| o.operator == "f").count(), 2);
    assert!(group.dict.get(b"Group").is_ok());
}

#[test]
fn a_gradient_falls_back_to_an_image() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10">
            <linearGradient id="g"><stop offset="0" stop-color="#ff0000"/>
              <stop offset="1" stop-color="#0000ff"/></linearGradient>
            <rect width="20" height="10" fill="url(#g)"/>
          </svg>"##;
    let doc = document(&read_bytes(svg.as_bytes().to_vec()).0);
    let image = drawn(&doc);
    assert_eq!(name(image, b"Subtype"), b"Image");
    assert_eq!((int(image, b"Width"), int(image, b"Height")), (60, 30));
    assert!(mask(&doc, image).is_none(), "the rectangle covers it all");
    let pixels = image.decompressed_content().unwrap();
    let (first, last) = (&pixels[..3], &pixels[59 * 3..60 * 3]);
    assert!(first[0] > 200 && first[2] < 50, "{first:?}");
    assert!(last[0] < 50 && last[2] > 200, "{last:?}");
}

#[test]
fn the_bytes_are_the_same_each_time() {
    let png = png_file(2, 1, png::ColorType::Rgba, &[1, 2, 3, 4, 5, 6, 7, 255]);
    let logo = include_bytes!("../../../assets/logo.svg").to_vec();
    let gradient = br##"<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">
            <radialGradient id="g"><stop offset="0" stop-color="#fff"/>
              <stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>
            <circle cx="4" cy="4" r="4" fill="url(#g)" opacity="0.5"/></svg>"##;
    for file in [png, logo, gradient.to_vec()] {
        let (picture, _) = read_bytes(file);
        let write = || {
            let mut alloc = Ref::new(1);
            let mut chunk = Chunk::new();
            xobject(&picture, &mut chunk, &mut || alloc.bump());
            chunk.as_bytes().to_vec()
        };
        assert_eq!(write(), write());
    }
}
