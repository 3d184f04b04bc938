#!/usr/bin/env python3
"""Deterministic generator of realistic handbooks, for the search and build benchmarks.

Writes a handbook in this project's format:

  DIR/book.yaml                        title, search: true
  DIR/content/index.md                 the home page
  DIR/content/sources.yaml             a few sources, each cited by some pages
  DIR/content/<section>/_section.md    title
  DIR/content/<section>/NNN-slug.md    the pages

Each page has front matter (title, summary, related: 1-2 other pages as section/slug,
sources: [key]) and about 600 words of prose in 2-4 `##` parts, with emphasis, three links to
other pages (`../section-002/007-some-slug.md`), a bullet list, a numbered list, a table (a
header and five rows), a blockquote, one or two fenced code blocks of 6-12 lines (yaml, toml,
sh, json or markdown; every block different) and a `[@key]` citation.

Words are drawn from the 20,000 most frequent English words of the `wordfreq` package, each
with its real frequency (Zipf-weighted sampling), so the text has a realistic vocabulary:
frequent function words, a long tail of rare ones. Tokens that are not words (numbers,
symbols, emoji, abbreviations with dots) are left out. Titles and headings come from the same
vocabulary, without stop words at their ends.

The same --seed and options always give the same files, byte for byte.

Usage: gen_handbook.py --pages N --out DIR [--seed 1] [--section-size 50] [--one-section]
                       [--hugo DIR]

--one-section puts every page in one section. --hugo DIR also writes the same pages as a Hugo
site (with the templates of the shared corpus generator, shared/bench/gen_corpus.py).
"""
import argparse
import bisect
import itertools
import json
import math
import os
import random
import shutil
import sys
import unicodedata

try:
    import wordfreq
except ImportError:  # pragma: no cover
    sys.exit("gen_handbook.py needs wordfreq: pip install wordfreq "
             "(bench/search/run.py installs it into bench/.venv)")

TOP_N = 20000

# English stop words: the union of the Snowball list and lunr's / elasticlunr's list. Used here
# only to keep titles from starting or ending on one, and by the search benchmark to pick
# query words (search indexes drop these words).
STOP_WORDS = frozenset("""
a able about above across after again against all almost also am among an and any are aren't
as at be because been before being below between both but by can can't cannot could couldn't
dear did didn't do does doesn't doing don't down during each either else ever every few for
from further get got had hadn't has hasn't have haven't having he he'd he'll he's her here
here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't
it it's its itself just least let let's like likely may me might more most must mustn't my
myself neither no nor not of off often on once only or other ought our ours ourselves out over
own rather said same say says shan't she she'd she'll she's should shouldn't since so some
such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through tis to too twas under until up us very wants was
wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while
who who's whom why why's will with won't would wouldn't yet you you'd you'll you're you've your
yours yourself yourselves
""".split())


# Left out so that screenshots of generated pages stay presentable.
OFFENSIVE = frozenset("""
anal arse ass asshole bitch bitches boobs butt cock cum cunt dick dicks fag fuck fucked fucking fucks
horny motherfucker naked nigga nigger nude penis porn pussy rape raped sex sexy shit shitty slut
tits vagina whore bullshit damn crap
""".split())


def is_word(w):
    return (all(c.isalpha() or c == "'" for c in w) and any(c.isalpha() for c in w)
            and w not in OFFENSIVE)


class Vocabulary:
    def __init__(self):
        words = [w for w in wordfreq.top_n_list("en", TOP_N) if is_word(w)]
        freqs = [wordfreq.word_frequency(w, "en") for w in words]
        self.words = words
        self.cum = list(itertools.accumulate(freqs))
        # Title words: no stop words, no apostrophes, weights flattened (square root) so that
        # titles are varied rather than all made of the 50 most common nouns.
        tw = [(w, math.sqrt(f)) for w, f in zip(words, freqs)
              if w not in STOP_WORDS and "'" not in w and len(w) > 2]
        self.title_words = [w for w, _ in tw]
        self.title_cum = list(itertools.accumulate(f for _, f in tw))
        self.content_words = [w for w in words if w not in STOP_WORDS and "'" not in w]

    def sample(self, r, k):
        return r.choices(self.words, cum_weights=self.cum, k=k)

    def title_sample(self, r, k):
        return r.choices(self.title_words, cum_weights=self.title_cum, k=k)


def slugify(text):
    """ASCII version of the handbook's slugify (src/slug.rs): letters and digits, lowercased,
    words joined by '-', punctuation dropped; accents are stripped for file names."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out, dash = [], False
    for c in text:
        if c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        elif c.isspace() or c in "-_/.":
            dash = True
    return "".join(out)


def cap(w):
    return "I" if w == "i" else (w[:1].upper() + w[1:])


def yq(s):
    """A YAML double-quoted scalar."""
    return json.dumps(s, ensure_ascii=False)


class Writer:
    def __init__(self, vocab, r):
        self.v, self.r = vocab, r

    def title(self, lo=2, hi=5):
        n = self.r.randint(lo, hi)
        if n <= 2:
            ws = self.v.title_sample(self.r, n)
        else:
            # a stop word or two may stand inside a longer title ("Trust in the team")
            ws = self.v.title_sample(self.r, 1) + self.v.sample(self.r, n - 2) + \
                self.v.title_sample(self.r, 1)
        return cap(" ".join(ws))

    def sentence(self, n, emphasis=False):
        ws = [("I" if w == "i" else w) for w in self.v.sample(self.r, n)]
        ws[0] = cap(ws[0])
        if emphasis and n > 6:
            i = self.r.randrange(1, n - 1)
            ws[i] = f"**{ws[i]}**"
            j = self.r.randrange(1, n - 1)
            if j != i:
                ws[j] = f"*{ws[j]}*"
        if n > 10 and self.r.random() < 0.5:
            k = self.r.randrange(3, n - 3)
            ws[k] += ","
        return " ".join(ws) + "."

    def paragraph(self, words, emphasis=True):
        out, left = [], words
        while left > 0:
            n = min(left, self.r.randint(8, 20))
            if left - n < 5:
                n = left
            out.append(self.sentence(n, emphasis and self.r.random() < 0.35))
            left -= n
        return " ".join(out)

    def phrase(self, n):
        return " ".join(("I" if w == "i" else w) for w in self.v.sample(self.r, n))

    def cword(self):
        return self.r.choice(self.v.content_words)


CODE_LANGS = ["yaml", "toml", "sh", "json", "markdown"]


def code_block(w, lang, serial):
    """A fenced block of 6-12 lines in `lang`. `serial` (a number unique in the whole
    handbook) goes into the block, so no two blocks are the same."""
    r = w.r
    n = r.randint(6, 12)
    cw = w.cword
    if lang == "yaml":
        lines = [f"# {w.phrase(4)}", f"id: {serial}"]
        while len(lines) < n:
            k = r.random()
            if k < 0.4:
                lines.append(f"{cw()}: {w.phrase(r.randint(1, 4))}")
            elif k < 0.7:
                lines.append(f"{cw()}: {r.randint(1, 500)}")
            else:
                lines.append(f"{cw()}: [{cw()}, {cw()}]")
    elif lang == "toml":
        lines = [f"[{cw()}]", f"id = {serial}"]
        while len(lines) < n:
            k = r.random()
            if k < 0.15 and len(lines) < n - 2:
                lines.append(f"\n[{cw()}.{cw()}]")
            elif k < 0.55:
                lines.append(f'{cw()} = "{w.phrase(r.randint(1, 4))}"')
            elif k < 0.8:
                lines.append(f"{cw()} = {r.randint(0, 999)}")
            else:
                lines.append(f"{cw()} = {'true' if r.random() < 0.5 else 'false'}")
        lines = "\n".join(lines).split("\n")[:n]
    elif lang == "sh":
        lines = [f"# {w.phrase(5)} ({serial})"]
        cmds = ["handbook check --root {a}", "mkdir -p {a}/{b}", "cp {a}.md {b}/",
                "grep -rn '{a}' content/", "git add {a}/{b}.md", "echo \"{p}\"",
                "handbook new page \"{P}\"", "ls -la {a}", "cd {a} && handbook build",
                "sed -i 's/{a}/{b}/g' {a}.md", "export {A}={n}", "git commit -m \"{P}\""]
        while len(lines) < n:
            c = r.choice(cmds)
            lines.append(c.format(a=cw(), b=cw(), p=w.phrase(4), P=cap(w.phrase(3)),
                                  A=cw().upper(), n=r.randint(1, 99)))
    elif lang == "json":
        keys = []
        while len(keys) < n - 2:
            k = cw()
            if k not in keys:
                keys.append(k)
        keys[0] = "id"
        vals = []
        for k in keys:
            if k == "id":
                vals.append(serial)
            elif r.random() < 0.5:
                vals.append(w.phrase(r.randint(1, 4)))
            elif r.random() < 0.5:
                vals.append(r.randint(0, 1000))
            else:
                vals.append([cw(), cw()])
        lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" +
                         ("," if i < len(keys) - 1 else "") for i, (k, v) in
                         enumerate(zip(keys, vals))] + ["}"]
    else:  # markdown
        lines = ["---", f"title: {cap(w.phrase(3))}", f"weight: {serial}", "---"]
        while len(lines) < n:
            k = r.random()
            if k < 0.3:
                lines.append(f"## {cap(w.phrase(3))}")
            elif k < 0.6:
                lines.append(f"- {w.phrase(r.randint(3, 7))}")
            else:
                lines.append(f"{cap(w.phrase(r.randint(5, 10)))} *{cw()}*.")
    assert len(lines) == n, (lang, len(lines), n)
    return f"```{lang}\n" + "\n".join(lines) + "\n```"


def page_body(w, links, key, serial):
    """About 600 words of Markdown. `links` are three (text, href) pairs."""
    r = w.r
    parts = []
    intro = w.paragraph(r.randint(40, 60))
    parts.append(f"{intro} {w.sentence(r.randint(8, 14))[:-1]} [@{key}].")
    nh = r.randint(2, 4)
    headings = []
    while len(headings) < nh:
        h = w.title(2, 5)
        if slugify(h) not in {slugify(x) for x in headings}:
            headings.append(h)
    # the blocks to spread over the parts, one part each
    blocks = ["ul", "ol", "table", "quote"] + ["code"] * r.randint(1, 2)
    r.shuffle(blocks)
    langs = r.sample(CODE_LANGS, 2)
    per_part = [[] for _ in range(nh)]
    for i, b in enumerate(blocks):
        per_part[i % nh].append(b)
    link_parts = [r.randrange(nh) for _ in links]
    # word budget for paragraphs: about 600 in all, less the intro and the lists
    fixed = len(intro.split()) + 12 + 5 * 6 + 4 * 7 + 18 + 24
    prose = max(150, 560 - fixed)
    per = prose // nh
    code_serial = 0
    for hi, h in enumerate(headings):
        parts.append(f"## {h}")
        text = w.paragraph(per * 6 // 10)
        for li, (lt, href) in enumerate(links):
            if link_parts[li] == hi:
                text += f" See [{lt}]({href}) for {w.phrase(r.randint(3, 6))}."
        parts.append(text)
        for b in per_part[hi]:
            if b == "ul":
                parts.append("\n".join(f"- {cap(w.phrase(r.randint(4, 8)))}" for _ in range(5)))
            elif b == "ol":
                parts.append("\n".join(f"{k + 1}. {cap(w.phrase(r.randint(5, 9)))}"
                                       for k in range(4)))
            elif b == "table":
                cols = [cap(w.cword()), cap(w.cword()), "Weeks"]
                rows = [f"| {cap(w.phrase(r.randint(1, 3)))} | {w.phrase(r.randint(1, 3))} | "
                        f"{r.randint(1, 52)} |" for _ in range(5)]
                parts.append("| " + " | ".join(cols) + " |\n| --- | --- | ---: |\n" +
                             "\n".join(rows))
            elif b == "quote":
                parts.append("> " + w.paragraph(r.randint(20, 28), emphasis=False))
            else:
                parts.append(code_block(w, langs[code_serial], serial * 2 + code_serial))
                code_serial += 1
        parts.append(w.paragraph(per - per * 6 // 10))
    return "\n\n".join(parts) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--section-size", type=int, default=50)
    ap.add_argument("--one-section", action="store_true")
    ap.add_argument("--hugo", metavar="DIR", help="also write the pages as a Hugo site")
    ap.add_argument("--no-search", action="store_true", help="write search: false")
    a = ap.parse_args(argv)
    if a.pages < 6:
        ap.error("--pages must be at least 6")
    if a.section_size < 1:
        ap.error("--section-size must be at least 1")
    vocab = Vocabulary()
    r = random.Random(a.seed)
    w = Writer(vocab, r)
    n = a.pages
    size = n if a.one_section else a.section_size
    width = max(3, len(str(size)))
    nsec = (n + size - 1) // size

    sections = []  # (dir, title)
    for s in range(nsec):
        sections.append((f"section-{s + 1:03d}", w.title(1, 3)))
    pages = []  # dict(sec, file, slug, title)
    used = set()
    for i in range(n):
        sec = sections[i // size][0]
        while True:
            title = w.title(2, 5)
            slug = slugify(title)
            if slug and (sec, slug) not in used:
                break
        used.add((sec, slug))
        pages.append({"sec": sec, "slug": slug, "title": title,
                      "file": f"{i % size + 1:0{width}d}-{slug}"})

    nsrc = 6
    sources = []
    for k in range(nsrc):
        surname = cap(w.cword())
        year = 2000 + r.randint(0, 25)
        key = f"{slugify(surname)}{year}"
        while key in {s[0] for s in sources}:
            key += "b"
        authors = [f"{surname} {chr(65 + r.randrange(26))}"] + \
            [f"{cap(w.cword())} {chr(65 + r.randrange(26))}" for _ in range(r.randint(0, 2))]
        sources.append((key, cap(w.phrase(r.randint(4, 9))), authors, year))

    def others(i, k):
        """k distinct pages other than i: up to k-1 of the same section, the rest from anywhere."""
        base = (i // size) * size
        same = [j for j in range(base, min(base + size, n)) if j != i]
        picks = r.sample(same, min(k - 1, len(same)))
        while len(picks) < k:
            j = r.randrange(n)
            if j != i and j not in picks:
                picks.append(j)
        r.shuffle(picks)
        return picks

    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    made = set()

    def write(path, text):
        d = os.path.dirname(path)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    C = os.path.join(a.out, "content")
    write(os.path.join(a.out, "book.yaml"),
          f"title: {yq('The ' + w.title(2, 3) + ' Handbook')}\n"
          f"search: {'false' if a.no_search else 'true'}\n"
          "institution:\n  name: Synthetic University\n")
    src_lines = ["# Generated by bench/gen_handbook.py"]
    for key, title, authors, year in sources:
        src_lines.append(f"{key}:\n  title: {yq(title)}\n  authors: [{', '.join(yq(x) for x in authors)}]\n"
                         f"  year: {year}")
    write(os.path.join(C, "sources.yaml"), "\n".join(src_lines) + "\n")
    first = pages[0]
    write(os.path.join(C, "index.md"),
          f"---\ntitle: {yq('Welcome to the ' + w.title(2, 3))}\n"
          f"summary: {yq(cap(w.phrase(12)) + '.')}\n---\n"
          f"{w.paragraph(60)} Start with [{first['title']}]({first['sec']}/{first['file']}.md).\n\n"
          f"## {w.title(2, 4)}\n\n{w.paragraph(80)}\n")
    for k, (sec, title) in enumerate(sections):
        write(os.path.join(C, sec, "_section.md"),
              f"---\ntitle: {yq(title)}\nweight: {k + 1}\n"
              f"summary: {yq(cap(w.phrase(10)) + '.')}\n---\n\n{w.paragraph(50)}\n")

    hugo = []
    for i, p in enumerate(pages):
        rel = others(i, 3 + r.randint(1, 2))
        link_to, related = rel[:3], rel[3:]
        key = sources[i % nsrc][0]
        links = [(pages[j]["title"], f"../{pages[j]['sec']}/{pages[j]['file']}.md") for j in link_to]
        body = page_body(w, links, key, i)
        summary = cap(w.phrase(r.randint(10, 20))) + "."
        fm = (f"---\ntitle: {yq(p['title'])}\nsummary: {yq(summary)}\n"
              f"related: [{', '.join(pages[j]['sec'] + '/' + pages[j]['slug'] for j in related)}]\n"
              f"sources: [{key}]\n---\n\n")
        write(os.path.join(C, p["sec"], p["file"] + ".md"), fm + body)
        if a.hugo:
            hugo.append((p, summary, body, link_to))

    if a.hugo:
        write_hugo(a.hugo, pages, sections, hugo, write)
    print(f"wrote {n} pages in {nsec} sections to {a.out}")


def write_hugo(out, pages, sections, hugo, write):
    """The same pages as a Hugo site, with shared/bench/gen_corpus.py's templates unchanged.
    Links become Hugo's relative URLs; citations stay as text."""
    if os.path.exists(out):
        shutil.rmtree(out)
    H = out
    write(f"{H}/hugo.toml", 'baseURL = "/"\ntitle = "Synthetic Handbook"\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.highlight]\nnoClasses = false\n')
    write(f"{H}/layouts/_default/baseof.html", '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><nav><ul>{{ with .Parent }}{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></nav><main>{{ block "main" . }}{{ end }}</main></body></html>\n')
    write(f"{H}/layouts/_default/single.html", '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n')
    write(f"{H}/layouts/_default/list.html", '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
    write(f"{H}/content/_index.md", "---\ntitle: Home\n---\n")
    for s, title in sections:
        write(f"{H}/content/{s}/_index.md", f"---\ntitle: {yq(title)}\n---\n")
    for i, (p, summary, body, link_to) in enumerate(hugo):
        for j in link_to:
            q = pages[j]
            body = body.replace(f"](../{q['sec']}/{q['file']}.md)", f"](../../{q['sec']}/{q['file']}/)")
        write(f"{H}/content/{p['sec']}/{p['file']}.md",
              f"---\ntitle: {yq(p['title'])}\nweight: {i + 1}\nsummary: {yq(summary)}\n---\n" + body)


if __name__ == "__main__":
    main()
