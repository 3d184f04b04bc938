//! The book's tag tree, built once every sheet is drawn: each node of the flow with the text
//! drawn for it, a link's text and its annotations grouped in a `Link`.

use std::collections::HashMap;
use std::num::NonZeroU16;

use krilla::tagging::{
    Identifier, ListNumbering, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};

use super::flow::{Kind, Node};

/// What was drawn for each node: the identifiers of its spans, each with its link; and the
/// annotations of each link.
#[derive(Default)]
pub struct Drawn {
    pub content: HashMap<usize, Vec<(Identifier, Option<usize>)>>,
    pub annotations: HashMap<usize, Vec<Identifier>>,
}

pub fn tree(nodes: &[Node], mut drawn: Drawn) -> TagTree {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        match node.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut tree = TagTree::new();
    for root in roots {
        tree.push(group(root, nodes, &children, &mut drawn));
    }
    tree
}

fn group(i: usize, nodes: &[Node], children: &[Vec<usize>], drawn: &mut Drawn) -> TagGroup {
    let mut group = TagGroup::new(tag(&nodes[i].kind));
    let content = drawn.content.remove(&i).unwrap_or_default();
    let mut at = 0;
    while at < content.len() {
        let link = content[at].1;
        let end = (at..content.len())
            .find(|&j| content[j].1 != link)
            .unwrap_or(content.len());
        let annotations = link.and_then(|l| drawn.annotations.remove(&l));
        match annotations {
            Some(annotations) => {
                let mut link = TagGroup::new(Tag::Link);
                for (id, _) in &content[at..end] {
                    link.push(*id);
                }
                for id in annotations {
                    link.push(id);
                }
                group.push(link);
            }
            None => {
                for (id, _) in &content[at..end] {
                    group.push(*id);
                }
            }
        }
        at = end;
    }
    for &child in &children[i] {
        group.push(self::group(child, nodes, children, drawn));
    }
    group
}

fn tag(kind: &Kind) -> TagKind {
    let level = |n: u8| NonZeroU16::new(u16::from(n)).unwrap_or(NonZeroU16::MIN);
    match kind {
        Kind::Section => Tag::Section.into(),
        Kind::Heading(n, title) => Tag::Hn(level(*n), Some(title.clone())).into(),
        Kind::P => Tag::P.into(),
        Kind::List(true) => Tag::L(ListNumbering::Decimal).into(),
        Kind::List(false) => Tag::L(ListNumbering::Disc).into(),
        Kind::Item => Tag::LI.into(),
        Kind::Label => Tag::Lbl.into(),
        Kind::Body => Tag::LBody.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeadCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Code => Tag::Code.into(),
        Kind::Quote => Tag::BlockQuote.into(),
        Kind::Figure(alt) => Tag::Figure((!alt.is_empty()).then(|| alt.clone())).into(),
        Kind::Contents => Tag::TOC.into(),
        Kind::ContentsItem => Tag::TOCI.into(),
    }
}
