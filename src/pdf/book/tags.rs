//! The book's tag tree, written once every sheet is drawn: each node of the flow with the
//! text drawn for it (marked-content ids on their pages), a link's text and its annotations
//! grouped in a `Link`, under one `Document`; and the parent tree that leads each piece of
//! text and each annotation back to its element.

use std::collections::HashMap;

use pdf_writer::types::{ListNumbering, StructRole, TableHeaderScope};
use pdf_writer::{Chunk, Finish, Ref, TextStr};

use super::flow::{Kind, Node};
use crate::pdf::writer::Refs;

/// A piece of tagged text: its sheet, its marked-content id there, and its link.
#[derive(Clone, Copy)]
pub struct Marked {
    pub sheet: usize,
    pub mcid: usize,
    pub link: Option<usize>,
}

/// A link annotation: its object, its sheet, and its key in the parent tree.
#[derive(Clone, Copy)]
pub struct Annotated {
    pub object: Ref,
    pub sheet: usize,
    pub key: i32,
}

/// What was drawn: each node's text, in the order drawn; each link's annotations.
pub struct Drawn {
    pub content: Vec<Vec<Marked>>,
    pub annotations: HashMap<usize, Vec<Annotated>>,
    /// How many marked-content ids each sheet has.
    pub mcids: Vec<usize>,
}

enum Kid {
    Text(Marked),
    Element(Ref),
    Object(Annotated),
}

/// Writes the tree under `root`; `sheets` are the pages' objects. The pages' keys in the
/// parent tree are their indices, the annotations' keys follow.
pub fn write(
    chunk: &mut Chunk,
    refs: &mut Refs,
    root: Ref,
    nodes: &[Node],
    mut drawn: Drawn,
    sheets: &[Ref],
) {
    let first = refs.block(nodes.len());
    let node_ref = |i: usize| Ref::new(first.get() + i as i32);
    let document = refs.next();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        match node.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut tree = Parents {
        pages: drawn.mcids.iter().map(|n| vec![document; *n]).collect(),
        objects: Vec::new(),
    };
    for (i, node) in nodes.iter().enumerate() {
        let me = node_ref(i);
        let content = std::mem::take(&mut drawn.content[i]);
        let mut kids = text_kids(chunk, refs, me, &content, &mut drawn, &mut tree, sheets);
        kids.extend(children[i].iter().map(|&c| Kid::Element(node_ref(c))));
        let parent = node.parent.map_or(document, node_ref);
        let mut e = element(chunk, me, parent, role(&node.kind), &kids, sheets);
        attributes(&mut e, &node.kind);
        e.finish();
    }
    let mut doc = chunk.struct_element(document);
    doc.kind(StructRole::Document).parent(root);
    let mut kids = doc.children();
    for &r in &roots {
        kids.struct_element(node_ref(r));
    }
    kids.finish();
    doc.finish();
    tree.write(chunk, refs, root, document);
}

/// The element each marked-content id (by page) and each annotation (by key) belongs to.
struct Parents {
    pages: Vec<Vec<Ref>>,
    objects: Vec<(i32, Ref)>,
}

impl Parents {
    /// The tree's root, with its one child and the parent tree.
    fn write(&self, chunk: &mut Chunk, refs: &mut Refs, root: Ref, document: Ref) {
        let arrays = refs.block(self.pages.len());
        for (s, refs_of) in self.pages.iter().enumerate() {
            chunk
                .indirect(Ref::new(arrays.get() + s as i32))
                .array()
                .items(refs_of.iter().copied());
        }
        let mut tree = chunk
            .indirect(root)
            .start::<pdf_writer::writers::StructTreeRoot>();
        tree.child(document);
        let mut parent_tree = tree.parent_tree();
        let mut nums = parent_tree.nums();
        for s in 0..self.pages.len() {
            nums.insert(s as i32, Ref::new(arrays.get() + s as i32));
        }
        for (key, link) in &self.objects {
            nums.insert(*key, *link);
        }
        nums.finish();
        parent_tree.finish();
        tree.parent_tree_next_key((self.pages.len() + self.objects.len()) as i32);
    }
}

/// The kids of element `me` for its text: runs of one link with annotations grouped in a
/// `Link` element (written here), the rest as they are.
fn text_kids(
    chunk: &mut Chunk,
    refs: &mut Refs,
    me: Ref,
    content: &[Marked],
    drawn: &mut Drawn,
    tree: &mut Parents,
    sheets: &[Ref],
) -> Vec<Kid> {
    let mut kids = Vec::new();
    for run in content.chunk_by(|a, b| a.link == b.link) {
        let annotations = run[0].link.and_then(|l| drawn.annotations.remove(&l));
        let Some(annotations) = annotations else {
            for m in run {
                tree.pages[m.sheet][m.mcid] = me;
                kids.push(Kid::Text(*m));
            }
            continue;
        };
        let link = refs.next();
        let mut link_kids: Vec<Kid> = Vec::new();
        for m in run {
            tree.pages[m.sheet][m.mcid] = link;
            link_kids.push(Kid::Text(*m));
        }
        for a in annotations {
            tree.objects.push((a.key, link));
            link_kids.push(Kid::Object(a));
        }
        element(chunk, link, me, StructRole::Link, &link_kids, sheets).finish();
        kids.push(Kid::Element(link));
    }
    kids
}

fn attributes(e: &mut pdf_writer::writers::StructElement, kind: &Kind) {
    match kind {
        Kind::Heading(_, title) => {
            e.title(TextStr(title));
        }
        Kind::Figure(alt) if !alt.is_empty() => {
            e.alt(TextStr(alt));
        }
        Kind::List(numbered) => {
            e.attributes().push().list().list_numbering(if *numbered {
                ListNumbering::Decimal
            } else {
                ListNumbering::Disc
            });
        }
        Kind::HeadCell => {
            e.attributes()
                .push()
                .table()
                .scope(TableHeaderScope::Column);
        }
        _ => {}
    }
}

/// A structure element with its kids: text on one sheet as bare marked-content ids with the
/// sheet given once, else each with its sheet.
fn element<'c>(
    chunk: &'c mut Chunk,
    id: Ref,
    parent: Ref,
    role: StructRole,
    kids: &[Kid],
    sheets: &[Ref],
) -> pdf_writer::writers::StructElement<'c> {
    let mut texts = kids.iter().filter_map(|k| match k {
        Kid::Text(m) => Some(m.sheet),
        _ => None,
    });
    let one_sheet = texts.next().filter(|first| texts.all(|s| s == *first));
    let mut e = chunk.struct_element(id);
    e.kind(role).parent(parent);
    if let Some(sheet) = one_sheet {
        e.page(sheets[sheet]);
    }
    {
        let mut list = e.children();
        for kid in kids {
            match kid {
                Kid::Text(m) if one_sheet.is_some() => {
                    list.marked_content_id(m.mcid as i32);
                }
                Kid::Text(m) => {
                    list.marked_content_ref()
                        .page(sheets[m.sheet])
                        .marked_content_id(m.mcid as i32);
                }
                Kid::Element(r) => {
                    list.struct_element(*r);
                }
                Kid::Object(a) => {
                    list.object_ref().page(sheets[a.sheet]).object(a.object);
                }
            }
        }
    }
    e
}

fn role(kind: &Kind) -> StructRole {
    match kind {
        Kind::Section => StructRole::Sect,
        Kind::Heading(n, _) => match n {
            0 | 1 => StructRole::H1,
            2 => StructRole::H2,
            3 => StructRole::H3,
            4 => StructRole::H4,
            5 => StructRole::H5,
            _ => StructRole::H6,
        },
        Kind::P => StructRole::P,
        Kind::List(_) => StructRole::L,
        Kind::Item => StructRole::LI,
        Kind::Label => StructRole::Lbl,
        Kind::Body => StructRole::LBody,
        Kind::Table => StructRole::Table,
        Kind::Row => StructRole::TR,
        Kind::HeadCell => StructRole::TH,
        Kind::Cell => StructRole::TD,
        Kind::Code => StructRole::Code,
        Kind::Quote => StructRole::BlockQuote,
        Kind::Figure(_) => StructRole::Figure,
        Kind::Contents => StructRole::TOC,
        Kind::ContentsItem => StructRole::TOCI,
    }
}
