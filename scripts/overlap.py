#!/usr/bin/env python3
"""Report runs of N or more consecutive words that content/ shares with a folder of source texts.

Usage: scripts/overlap.py SOURCES_DIR [--content content] [--n 10]

What counts as prose: Markdown bodies, and every string value of YAML (front matter, checklists,
sources.yaml), keys aside. What is exempt:
- quotations of fewer than 12 words marked as quotations ("…" or “…”) in the prose: a short
  quotation with its citation is how a handbook should use a source's words;
- the `title` of each entry of sources.yaml: a cited work's title must be given exactly.
Longer quotations are not exempt: paraphrase them, or quote less.
Words are lowercased runs of letters, digits and apostrophes; a removed quotation breaks a run.
Exit 1 when any run is found.
"""
import argparse
import os
import re
import sys

import yaml

WORD = re.compile(r"[a-z0-9'’]+")
QUOTE = re.compile(r"\"([^\"\n]*)\"|“([^”]*)”")
BREAK = "\u2029"
MAX_QUOTE_WORDS = 12


def without_short_quotes(text):
    """Replaces each quotation of fewer than 12 words by a break."""

    def swap(m):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        return f" {BREAK} " if len(WORD.findall(inner.lower())) < MAX_QUOTE_WORDS else m.group(0)

    return QUOTE.sub(swap, text)


def tokens(text):
    out = []
    for part in text.lower().split(BREAK):
        out.extend(w.replace("’", "'") for w in WORD.findall(part))
        out.append(BREAK)
    return out


def yaml_strings(value, skip_keys=()):
    """Every string value in a YAML document, each as its own piece of prose."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from yaml_strings(v, skip_keys)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k in skip_keys:
                continue
            yield from yaml_strings(v, skip_keys)


def prose(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    name = os.path.basename(path)
    pieces = []
    if name.endswith((".yaml", ".yml")):
        data = yaml.safe_load(text) or {}
        skip = ("title",) if name == "sources.yaml" else ()
        if name == "sources.yaml":
            pieces = [s for entry in data.values() for s in yaml_strings(entry, skip)]
        else:
            pieces = list(yaml_strings(data))
    elif name.endswith(".md"):
        body = text
        m = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
        if m:
            pieces.extend(yaml_strings(yaml.safe_load(m.group(1)) or {}))
            body = text[m.end():]
        pieces.append(body)
    else:
        return []
    words = []
    for piece in pieces:
        words.extend(tokens(without_short_quotes(piece)))
    return words


def source_words(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return tokens(f.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sources")
    ap.add_argument("--content", default="content")
    ap.add_argument("--n", type=int, default=10)
    a = ap.parse_args()
    grams = set()
    for name in sorted(os.listdir(a.sources)):
        w = source_words(os.path.join(a.sources, name))
        grams.update(tuple(w[i:i + a.n]) for i in range(len(w) - a.n + 1))
    grams = {g for g in grams if BREAK not in g}
    found = 0
    for dirpath, _, files in sorted(os.walk(a.content)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            w = prose(path)
            for i in range(len(w) - a.n + 1):
                run = tuple(w[i:i + a.n])
                if run in grams:
                    print(f"{path}: {' '.join(run)}")
                    found += 1
    print(f"{found} shared runs of {a.n} words")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
