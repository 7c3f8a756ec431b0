#!/usr/bin/env bash
# Scores `prongsai import` on the prose reports of the corpus (tests/import-corpus/web-*.txt):
# each report is imported by BINARY (default: target/release/prongsai, built) and, per
# report, the fields title, date, time, venue, chair, roles, total and results are compared
# with the hand-written tests/import-corpus/sources/truth/<report>.expected.md (the
# .expected.md beside the report is what import writes, pinned by tests/import.rs). A field counts when the expected file or the import has it; it
# is right when both agree (roles as a set; results with blanks collapsed). The split
# tune/hold-out is the one in tests/import-corpus/sources/web-sources.md.
#   scripts/import-score.sh [BINARY] [hold-out|tune|all]
# A measurement, not a test: it never fails on a low score.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-}
set_=${2:-hold-out}
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin=target/release/prongsai
fi
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for r in tests/import-corpus/web-*.txt; do
  name=$(basename "$r")
  grep -q "| $name | .* | $( [ "$set_" = tune ] && echo tune || echo hold-out ) |" tests/import-corpus/sources/web-sources.md \
    || [ "$set_" = all ] || continue
  site="$work/${name%.txt}"
  mkdir -p "$site"
  printf 'title: t\norganization: o\nbase_url: https://www.example.go.th/ita/\n' > "$site/site.yaml"
  out=$("$bin" import --root "$site" "$r" 2>/dev/null || true)
  printf '%s\t%s\t%s\n' "$name" "tests/import-corpus/sources/truth/$name.expected.md" "$out"
done | python3 -c '
import re, sys

def parse(path):
    """The fields of a meeting file as import writes it: flat keys, quoted strings,
    lists of strings, attendees as role/count, and the results section of the body."""
    f = {}
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        return f
    parts = text.split("\n---\n", 1)
    head, body = parts[0], (parts[1] if len(parts) > 1 else "")
    key = None
    for line in head.splitlines()[1:]:
        if line.startswith("#") or not line.strip():
            continue
        m = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if m:
            key, v = m.group(1), m.group(2)
            if v in ("", "[]"):
                f[key] = [] if v == "[]" or key in ("venue", "attendees") else ""
            else:
                f[key] = unq(v)
            continue
        m = re.match(r"^\s*-\s*(role:\s*)?(.*)$", line)
        if m and key:
            if not isinstance(f.get(key), list):
                f[key] = []
            f[key].append(unq(m.group(2)))
    res = re.search(r"^## ผลจากการมีส่วนร่วม\n(.*?)(?=^## |\Z)", body, re.S | re.M)
    f["results"] = " ".join(res.group(1).split()) if res else ""
    return f

def unq(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] == "\"":
        v = v[1:-1].replace("\\\"", "\"").replace("\\\\", "\\")
    return v

def fields(f):
    venue = f.get("venue", "")
    venue = venue if isinstance(venue, list) else ([venue] if venue else [])
    att = f.get("attendees", [])
    return {
        "title": f.get("title", ""),
        "date": f.get("date", "") + (".." + f["date_end"] if f.get("date_end") else ""),
        "time": f.get("time", "") + ("-" + f["time_end"] if f.get("time_end") else ""),
        "venue": tuple(venue),
        "chair": f.get("chair", ""),
        "roles": tuple(sorted(a for a in (att if isinstance(att, list) else []) if a)),
        "total": f.get("attendees_total", ""),
        "results": f.get("results", ""),
    }

NAMES = ["title", "date", "time", "venue", "chair", "roles", "total", "results"]
right = present = 0
print("%-24s %s  right" % ("report", " ".join("%-7s" % n for n in NAMES)))
for line in sys.stdin:
    name, expected, got = line.rstrip("\n").split("\t")
    e = fields(parse(expected))
    g = fields(parse(got)) if got else {n: "" for n in NAMES}
    marks, r, p = [], 0, 0
    for n in NAMES:
        if not e[n] and not g[n]:
            marks.append("-")
            continue
        p += 1
        ok = e[n] == g[n]
        r += ok
        marks.append("ok" if ok else "MISS")
    right += r
    present += p
    print("%-24s %s  %d/%d" % (name, " ".join("%-7s" % m for m in marks), r, p))
    for n, m in zip(NAMES, marks):
        if m == "MISS" and "-v" in sys.argv:
            print("    %s: expected %r got %r" % (n, e[n], g[n]))
print("total: %d/%d fields right (%.0f%%)" % (right, present, 100.0 * right / max(present, 1)))
' ${VERBOSE:+-v}
