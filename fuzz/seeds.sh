#!/bin/sh
# Rebuilds fuzz/seeds/ from the bundled handbook: each seed is one of its files behind the
# byte that makes the `inputs` target read it as that kind (see fuzz/README.md).
set -eu
cd "$(dirname "$0")/.."
out=fuzz/seeds
rm -rf "$out"
for kind in front-matter markdown checklist book sources rules surfaces headings site; do
    mkdir -p "$out/$kind"
done

# seed KIND-DIR OCTAL-BYTE NAME FILE (FILE - for the standard input)
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

# The later kinds: bytes from 240 (octal 360) up; 240 + 3k is surfaces, 241 + 3k headings,
# 242 + 3k site. For headings, byte / 3 % 3 is the print edition's level shift (0 on the page).
seed surfaces 360 default themes/default/surfaces.yaml
seed surfaces 363 pale - <<'EOF'
code: soft
surfaces:
  page: { light: "#fff", dark: "#000", where: the page, text: [primary, accent] }
  soft: { light: "#eeeeee", dark: "#222", where: code and quotes, text: [accent] }
  deep: { light: "#123456", dark: "#654321", where: the header, text: [] }
EOF
seed headings 364 committee content/roles/committee.md
attributes() {
    cat <<'EOF'
# Main

## Hi {#h autofocus onfocus=alert(1) tabindex=1}

## Duties {#main .wide}

## Duties

## Duties {#duties-one}

Setext, with classes {.a .b data-x="1" #sidebar}
-----------------------------------------------

### `code` and *emphasis* {#toc-title}

<h2 id="main" onclick="x()">raw</h2>

#### Print {#p-a--b}
EOF
}
attributes | seed headings 364 attributes -
attributes | seed headings 367 attributes-print -

# A handbook for `site`: book.yaml, then each file after a line `=== PATH`.
seed site 362 small - <<'EOF'
title: Small handbook
language: en
base_url: https://handbook.college.ac.uk/h/
institution:
  name: Example College
  colors: { primary: "#0b5d4b", accent: "#8a6116" }
rules:
  meetings: 4
=== content/index.md
---
title: Home
---
Meet {{ rules.meetings }} times a year: see [the guide](guide/first.md#duties) [@key].
=== content/guide/_section.md
---
title: Guide
weight: 1
summary: How to mentor.
---
Start with [the first page](first.md).
=== content/guide/first.md
---
title: First steps
related: [checklists/start]
sources: [key]
---
## Duties {#duties .wide}

Back [home](../index.md), or to the [list](../checklists/start.yaml).
=== content/checklists/_section.md
---
title: Checklists
kind: checklist
---
=== content/checklists/start.yaml
title: Start
sections:
  - title: Before
    items:
      - "Read [the guide](../guide/first.md#duties) [@key]"
=== content/sources.yaml
key:
  title: A source
  year: 2024
  url: https://journal.college.ac.uk/source
EOF
seed site 362 faults - <<'EOF'
title: Faults
institution:
  name: X
  logo: assets/missing.svg
  colors: { primary: "#ffee00", accent: "#fff" }
rules:
  unused: 1
=== content/index.md
---
title: Home {{ rules.meetings }}
related: [nowhere]
---
## Main {#main onfocus=alert(1)}

[gone](missing.md#x) [bad](file:///etc/passwd) [anchor](#nothere) [@nokey] ![](a.png)
{{ rules.unknown }}
=== content/a/b-c.md
---
title: One
slug: "bad slug"
---
[two](#two)
=== content/a-b/c.md
---
title: Two
---
## Two
=== content/empty/_section.md
---
title: Empty
---
=== content/sources.yaml
lonely:
  title: Never cited
EOF
