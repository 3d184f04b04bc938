//! Markdown read into the book's blocks.

use super::*;

struct Plain(Vec<String>);

impl Context for Plain {
    fn link(&self, dest: &str) -> Option<Link> {
        Some(if dest.starts_with("http") {
            Link::Outside(dest.into())
        } else {
            Link::Inside(format!("/{}/", dest.trim_end_matches(".md")))
        })
    }
    fn image(&self, _: &str) -> Option<Image> {
        None
    }
    fn rule(&self, name: &str) -> Option<String> {
        (name == "meetings").then(|| "monthly".into())
    }
    fn cite(&mut self, cited: &[Cited]) -> Vec<(usize, Option<String>)> {
        cited
            .iter()
            .map(|c| {
                let n = match self.0.iter().position(|k| *k == c.key) {
                    Some(i) => i + 1,
                    None => {
                        self.0.push(c.key.clone());
                        self.0.len()
                    }
                };
                (n, c.locator.clone())
            })
            .collect()
    }
}

#[test]
fn markdown_becomes_blocks_with_rules_citations_and_page_references() {
    let text = "Meet {{ rules.meetings }} [@b; @a, p. 3].\n\n## Duties\n\n- See [the mentor](roles/mentor.md)\n- **Two**\n\n> Quoted\n\n```\ncode {{ rules.meetings }}\n```\n";
    let mut cx = Plain(vec!["a".into()]);
    let blocks = blocks(text, &["/x/#duties".to_string()], &mut cx);
    let Block::Paragraph(first) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(first[0], Inline::plain("Meet monthly"));
    assert_eq!(
        first[1],
        Inline::Cite(vec![(1, Some("p. 3".into())), (2, None)])
    );
    assert!(matches!(&blocks[1], Block::Heading { level: 2, url, .. } if url == "/x/#duties"));
    let Block::List { start: None, items } = &blocks[2] else {
        panic!("{blocks:?}")
    };
    let Block::Paragraph(item) = &items[0][0] else {
        panic!()
    };
    assert_eq!(item.last(), Some(&Inline::PageOf("/roles/mentor/".into())));
    assert!(matches!(&blocks[3], Block::Quote(q) if q.len() == 1));
    assert_eq!(blocks[4], Block::Code("code {{ rules.meetings }}".into()));
}
