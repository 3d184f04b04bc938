#!/bin/sh
# Rebuilds fuzz/seeds/ from the bundled handbook: each seed is one of its files behind the
# byte that makes the `inputs` target read it as that kind (see fuzz/README.md).
set -eu
cd "$(dirname "$0")/.."
out=fuzz/seeds
rm -rf "$out"
mkdir -p "$out/front-matter" "$out/markdown" "$out/checklist" "$out/book" "$out/sources" "$out/rules"

# seed KIND-DIR OCTAL-BYTE NAME FILE
seed() {
    { printf "\\$2"; cat "$4"; } > "$out/$1/$3"
}

# Front matter: byte 0 page, 6 strategy, 14 role (octal; 12 decimal), 22 scenario (18), 30 section (24).
seed front-matter 000 page-index content/index.md
seed front-matter 000 page-glossary content/glossary.md
seed front-matter 006 strategy-01 content/strategies/01-socialised-niceness.md
seed front-matter 014 role-committee content/roles/committee.md
seed front-matter 022 scenario-invitation content/scenarios/the-invitation.md
seed front-matter 030 section-strategies content/strategies/_section.md
seed front-matter 030 section-pairing content/pairing/_section.md
seed markdown 001 about-the-evidence content/about-the-evidence.md
seed markdown 001 probation content/pairing/probation.md
seed checklist 002 goal-setting content/checklists/goal-setting.yaml
seed checklist 002 action-plan content/checklists/action-plan.yaml
seed checklist 002 mentoring-agreement content/checklists/mentoring-agreement.yaml
seed book 003 book book.yaml
seed sources 004 sources content/sources.yaml
grep -h '{{ rules' content/pairing/*.md content/checklists/mentoring-agreement.yaml |
    { printf '\005'; cat; } > "$out/rules/from-content"
