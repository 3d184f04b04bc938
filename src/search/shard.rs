//! How the index is cut into files: shards keyed by word prefixes, with file names safe on
//! any file system, and postings written as compact text.

use std::collections::BTreeMap;

/// One block's score for one stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Posting {
    pub page: u32,
    pub block: u16,
    pub impact: u8,
}

/// Shard keys are the first character of a word, or more where a shard is split.
const FIRST_KEY: usize = 1;

/// Groups sorted `(name, entry)` pairs into shards keyed by a prefix of the name: the first
/// two characters, or more where a shard would be larger than `limit` bytes. A name no
/// longer than its group's prefix stays in the group's own shard. The client finds a name's
/// shard as the longest key that is a prefix of it.
pub fn shard(items: &[(String, String)], limit: usize) -> BTreeMap<String, Vec<usize>> {
    let mut out = BTreeMap::new();
    let all: Vec<usize> = (0..items.len()).collect();
    split(items, &all, 0, limit, &mut out);
    out
}

fn prefix(name: &str, chars: usize) -> &str {
    match name.char_indices().nth(chars) {
        Some((i, _)) => &name[..i],
        None => name,
    }
}

fn split(
    items: &[(String, String)],
    group: &[usize],
    depth: usize,
    limit: usize,
    out: &mut BTreeMap<String, Vec<usize>>,
) {
    let chars = if depth == 0 {
        FIRST_KEY
    } else {
        FIRST_KEY + depth
    };
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in group {
        by_key
            .entry(prefix(&items[i].0, chars))
            .or_default()
            .push(i);
    }
    for (key, members) in by_key {
        let size: usize = members
            .iter()
            .map(|&i| items[i].0.len() + items[i].1.len() + 4)
            .sum();
        let (own, longer): (Vec<usize>, Vec<usize>) = members
            .iter()
            .partition(|&&i| items[i].0.chars().count() <= chars);
        if size <= limit || longer.len() < 2 || depth >= 12 {
            out.insert(key.to_string(), members);
            continue;
        }
        if !own.is_empty() {
            out.insert(key.to_string(), own);
        }
        split(items, &longer, depth + 1, limit, out);
    }
}

/// A shard key as a file name: ASCII letters and digits as they are, any other character as
/// `_<hex code point>_`.
pub fn file_key(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A little-endian base-32 number whose non-final digits are marked by adding 32.
fn push_number(out: &mut String, value: u32) {
    let mut v = value;
    while v >= 32 {
        out.push(DIGITS[(32 + (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(DIGITS[v as usize] as char);
}

/// Postings as text: per posting the page (as the difference from the previous one), the
/// block and the score, each a little-endian base-32 number whose non-final digits are
/// marked by adding 32.
pub fn encode(list: &[Posting]) -> String {
    let mut out = String::with_capacity(list.len() * 3);
    let mut previous = 0;
    for p in list {
        for value in [p.page - previous, u32::from(p.block), u32::from(p.impact)] {
            push_number(&mut out, value);
        }
        previous = p.page;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Vec<u32> {
        let mut values = Vec::new();
        let (mut value, mut shift) = (0u32, 0);
        for c in text.bytes() {
            let d = DIGITS.iter().position(|&x| x == c).unwrap() as u32;
            if d >= 32 {
                value += (d - 32) << shift;
                shift += 5;
            } else {
                values.push(value + (d << shift));
                (value, shift) = (0, 0);
            }
        }
        values
    }

    #[test]
    fn postings_encode_as_deltas_in_base_32() {
        let list = [
            Posting {
                page: 3,
                block: 0,
                impact: 31,
            },
            Posting {
                page: 3,
                block: 40,
                impact: 1,
            },
            Posting {
                page: 5000,
                block: 2,
                impact: 9,
            },
        ];
        assert_eq!(decode(&encode(&list)), [3, 0, 31, 0, 40, 1, 4997, 2, 9]);
    }

    #[test]
    fn shards_split_by_longer_prefixes_until_small() {
        let mut items: Vec<(String, String)> = (0..300)
            .map(|i| (format!("pro{i:03}"), "x".repeat(20)))
            .collect();
        items.push(("pr".into(), "y".into()));
        items.push(("zebra".into(), "z".into()));
        items.sort();
        let shards = shard(&items, 1000);
        assert!(
            shards.contains_key("z"),
            "a small group keeps a one-letter key"
        );
        assert_eq!(shards["pr"], vec![0], "a name as long as the prefix stays");
        assert!(shards.keys().any(|k| k.starts_with("pro") && k.len() > 3));
        let total: usize = shards.values().map(Vec::len).sum();
        assert_eq!(total, items.len(), "every item is in exactly one shard");
        for (key, members) in &shards {
            for &i in members {
                assert!(items[i].0.starts_with(key.as_str()));
            }
        }
    }

    #[test]
    fn file_keys_are_plain_ascii() {
        assert_eq!(file_key("pr"), "pr");
        assert_eq!(file_key("do'"), "do_27_");
        assert_eq!(file_key("رہ"), "_631__6c1_");
    }
}
