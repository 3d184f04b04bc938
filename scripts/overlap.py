#!/usr/bin/env python3
"""Report runs of N or more consecutive words shared by content/ and a folder of source texts.

Usage: scripts/overlap.py SOURCES_DIR [--content content] [--n 12] [--exempt-titles]
Words are lowercased runs of letters, digits and apostrophes. Exit 1 when any run is found.
--exempt-titles leaves out the `title:` lines of sources.yaml: a cited work's title must be
quoted exactly, so it always matches its source; the runs it would add are counted apart.
"""
import argparse, os, re, sys

WORD = re.compile(r"[a-z0-9']+")

def words(path, exempt_titles=False):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if exempt_titles and os.path.basename(path) == "sources.yaml":
        # A line break stands in for each title, so runs cannot join across it.
        text = re.sub(r"(?m)^\s+title:.*$", "\u2029", text)
        return [w for part in text.lower().split("\u2029") for w in WORD.findall(part) + ["\u2029"]]
    return WORD.findall(text.lower())

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sources")
    ap.add_argument("--content", default="content")
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--exempt-titles", action="store_true")
    a = ap.parse_args()
    grams = set()
    for name in sorted(os.listdir(a.sources)):
        w = words(os.path.join(a.sources, name))
        grams.update(tuple(w[i:i + a.n]) for i in range(len(w) - a.n + 1))
    found = 0
    for dirpath, _, files in sorted(os.walk(a.content)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            w = words(path, a.exempt_titles)
            for i in range(len(w) - a.n + 1):
                if tuple(w[i:i + a.n]) in grams:
                    print(f"{path}: {' '.join(w[i:i + a.n])}")
                    found += 1
    print(f"{found} shared runs of {a.n} words")
    sys.exit(1 if found else 0)

if __name__ == "__main__":
    main()
