#!/usr/bin/env python3
"""What handbook.pdf costs a build: one binary, one handbook, built with
`print.handbook_pdf` on and off in turns (on, off, on, off, ...), the output folder deleted
before every build; the result is the median of the per-pair ratios of wall time (on / off),
and the peak memory (max RSS) of each.

Usage: pdf.py [--bin target/release/handbook] [--pages 1000 | --bundled] [--pairs 6]
              [--work bench/build/work/pdf]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
import corpus as shared  # noqa: E402  (bench/corpus.py: the venv with wordfreq)


def build(binary, root, out):
    """Wall time of one build, and its peak memory (max RSS, KiB)."""
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # the previous build's files written out: no build pays for another's writes
    start = time.perf_counter()
    pid = subprocess.Popen([binary, "build", "--quiet", "--root", root, "--out", out]).pid
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"the build failed in {root}")
    return wall, usage.ru_maxrss


def with_pdf(source, root, on):
    """A copy of the handbook at `source` whose book.yaml turns the PDF on or off."""
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    for name in ("book.yaml", "sources.yaml", "content", "assets", "templates", "themes"):
        path = os.path.join(source, name)
        if os.path.isdir(path):
            shutil.copytree(path, os.path.join(root, name))
        elif os.path.isfile(path):
            shutil.copy(path, root)
    path = os.path.join(root, "book.yaml")
    with open(path) as f:
        yaml = re.sub(r"(?m)^print:.*\n", "", f.read())
    with open(path, "w") as f:
        f.write(yaml + f"\nprint: {{ handbook_pdf: {'true' if on else 'false'} }}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "handbook"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--bundled", action="store_true", help="the repository's own handbook")
    ap.add_argument("--pairs", type=int, default=6)
    ap.add_argument("--work", default=os.path.join(HERE, "work", "pdf"))
    args = ap.parse_args()
    shared.ensure_venv(__file__)
    os.makedirs(args.work, exist_ok=True)
    if args.bundled:
        source, name = REPO, "the bundled handbook"
    else:
        source = os.path.join(args.work, f"book-{args.pages}")
        name = f"{args.pages} generated pages"
        if not os.path.isdir(source):
            subprocess.run([sys.executable, os.path.join(BENCH, "gen_handbook.py"),
                            "--pages", str(args.pages), "--out", source], check=True)
    roots = {k: os.path.join(args.work, f"root-{k}") for k in ("on", "off")}
    for key, root in roots.items():
        with_pdf(source, root, key == "on")
    out = os.path.join(args.work, "out")
    build(args.bin, roots["on"], out)  # warm-up: the files in the page cache
    pdf = os.path.join(out, "downloads", "handbook.pdf")
    size = os.path.getsize(pdf)
    with open(pdf, "rb") as f:
        pages = len(re.findall(rb"/Type\s*/Page[^s]", f.read()))
    times = {"on": [], "off": []}
    memory = {"on": [], "off": []}
    ratios = []
    for _ in range(args.pairs):
        for key in ("on", "off"):
            wall, peak = build(args.bin, roots[key], out)
            times[key].append(wall)
            memory[key].append(peak)
        ratios.append(times["on"][-1] / times["off"][-1])
    print(f"{name}, {args.pairs} pairs, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    print(f"handbook.pdf: {size / 1024:.0f} KiB, {pages} PDF pages")
    print(f"with the PDF: median {statistics.median(times['on']):.3f} s; "
          f"without: median {statistics.median(times['off']):.3f} s")
    print(f"peak memory: with {max(memory['on']) / 1024:.0f} MiB, "
          f"without {max(memory['off']) / 1024:.0f} MiB")
    print(f"median of per-pair ratios with/without: {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")


if __name__ == "__main__":
    main()
