#!/bin/sh
# Fuzzes the `inputs` target one kind at a time, in one process (no -jobs: libFuzzer's -jobs
# forks workers and sends their output to fuzz-N.log), since the machine is shared.
#
#   fuzz/run.sh SECONDS KIND...    e.g. fuzz/run.sh 600 front-matter markdown
#
# KIND is one of front-matter, markdown, checklist, book, sources, rules, surfaces, headings,
# site. Each run grows fuzz/corpus/KIND from fuzz/seeds/KIND, writes crashes to
# fuzz/artifacts/KIND and its log to fuzz/logs/. Set FUZZ_BIN to run an already built binary
# (so that edits to src/ during a run do not trigger a rebuild); otherwise the target is
# built first. `site` writes each input's handbook to a scratch folder (in /dev/shm when
# there is one), removed after the run.
set -eu
cd "$(dirname "$0")/.."
seconds=$1
shift
target_dir=${CARGO_TARGET_DIR:-fuzz/target}
if [ -z "${FUZZ_BIN:-}" ]; then
    cargo +nightly fuzz build inputs --target-dir "$target_dir" --codegen-units 16
    FUZZ_BIN=$target_dir/x86_64-unknown-linux-gnu/release/inputs
fi
mkdir -p fuzz/logs
shm=/dev/shm
[ -d "$shm" ] || shm=${TMPDIR:-/tmp}
for kind in "$@"; do
    mkdir -p "fuzz/corpus/$kind" "fuzz/artifacts/$kind"
    log=fuzz/logs/$(date -u +%Y%m%dT%H%M%S)-$kind.log
    echo "$kind: $seconds s, log in $log"
    scratch=$shm/handbook-fuzz-$$-$kind
    HANDBOOK_FUZZ_KIND=$kind HANDBOOK_FUZZ_SCRATCH=$scratch "$FUZZ_BIN" \
        "fuzz/corpus/$kind" "fuzz/seeds/$kind" \
        -dict=fuzz/yaml-markdown.dict -max_total_time="$seconds" -max_len=8192 \
        -artifact_prefix="fuzz/artifacts/$kind/" -print_final_stats=1 \
        >"$log" 2>&1 || echo "$kind: stopped early (a crash?), see $log"
    rm -rf "$scratch"
done
