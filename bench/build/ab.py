#!/usr/bin/env python3
"""Paired A/B build timing of two handbook binaries on one generated corpus.

The binaries take turns (A, B, A, B, ...), the output folder is deleted before every build,
and the result is the median of the per-pair ratios of wall time (B / A): the machine's speed
drifts by more between minutes than most changes move a build, and alternating makes the
drift hit both alike. The two sites are also compared file by file (`diff -r`), since a
restructuring is meant to change no output.

Usage: ab.py A_BIN B_BIN [--pages 10000] [--pairs 8] [--work /dev/shm/handbook-ab]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)
import corpus as shared  # noqa: E402  (bench/corpus.py: the venv with wordfreq)


def build(binary, root, out):
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([binary, "build", "--quiet", "--root", root, "--out", out], check=True)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--pairs", type=int, default=8)
    ap.add_argument("--work", default="/dev/shm/handbook-ab")
    args = ap.parse_args()
    shared.ensure_venv(__file__)
    root = os.path.join(args.work, f"book-{args.pages}")
    if not os.path.isdir(root):
        subprocess.run(
            [sys.executable, os.path.join(BENCH, "gen_handbook.py"), "--pages", str(args.pages),
             "--out", root],
            check=True,
        )
    outs = {k: os.path.join(args.work, f"out-{k}") for k in "ab"}
    build(args.a, root, outs["a"])  # warm-up: the corpus in the page cache
    ratios, times = [], {"a": [], "b": []}
    for _ in range(args.pairs):
        ta = build(args.a, root, outs["a"])
        tb = build(args.b, root, outs["b"])
        times["a"].append(ta)
        times["b"].append(tb)
        ratios.append(tb / ta)
    same = subprocess.run(["diff", "-rq", outs["a"], outs["b"]], capture_output=True, text=True)
    print(f"{args.pages} pages, {args.pairs} pairs")
    print(f"A median {statistics.median(times['a']):.2f} s, B median {statistics.median(times['b']):.2f} s")
    print(f"median of per-pair ratios B/A: {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")
    print("outputs identical" if same.returncode == 0 else "outputs differ:\n" + same.stdout)


if __name__ == "__main__":
    main()
