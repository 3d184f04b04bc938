#!/usr/bin/env python3
"""Report runs of N or more consecutive words shared by content/ and a folder of source texts.

Usage: scripts/overlap.py SOURCES_DIR [--content content] [--n 12]
Words are lowercased runs of letters, digits and apostrophes. Exit 1 when any run is found.
"""
import argparse, os, re, sys

WORD = re.compile(r"[a-z0-9']+")

def words(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return WORD.findall(f.read().lower())

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sources")
    ap.add_argument("--content", default="content")
    ap.add_argument("--n", type=int, default=12)
    a = ap.parse_args()
    grams = set()
    for name in sorted(os.listdir(a.sources)):
        w = words(os.path.join(a.sources, name))
        grams.update(tuple(w[i:i + a.n]) for i in range(len(w) - a.n + 1))
    found = 0
    for dirpath, _, files in sorted(os.walk(a.content)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            w = words(path)
            for i in range(len(w) - a.n + 1):
                if tuple(w[i:i + a.n]) in grams:
                    print(f"{path}: {' '.join(w[i:i + a.n])}")
                    found += 1
    print(f"{found} shared runs of {a.n} words")
    sys.exit(1 if found else 0)

if __name__ == "__main__":
    main()
