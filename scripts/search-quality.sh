#!/usr/bin/env bash
# Search quality on real reports: recall and precision of the first ten results of
# prongsai's search and of Pagefind 1.5.2 extended, on the same built site, over the
# hand-judged queries of scripts/search-quality/ (README.md there says how it was made).
#
#   scripts/search-quality.sh            # with target/release/prongsai
#   PRONGSAI=path/to/prongsai scripts/search-quality.sh
#
# Builds scripts/search-quality/site (the reports imported as meetings) into a temp
# folder, indexes the same output with Pagefind (`pagefind_extended` from the npm package
# pagefind@1.5.2, installed once into PAGEFIND_DIR, default ~/.cache/prongsai-pagefind),
# then runs each engine's own browser script under Node over the built files
# (scripts/search-quality/run.mjs). Pagefind is given what prongsai indexes: the meeting
# pages (--glob) and of each its <main> (--root-selector), not the header, menu and
# footer every page repeats, nor the home and year pages that list every title.
# Needs Node 18+ and npm. A measurement, not a test: no test runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${PRONGSAI:-target/release/prongsai}
[ -x "$BIN" ] || { echo "no $BIN: cargo build --release (or PRONGSAI=...)" >&2; exit 2; }
PAGEFIND_DIR=${PAGEFIND_DIR:-$HOME/.cache/prongsai-pagefind}

PF=$(find "$PAGEFIND_DIR/node_modules/@pagefind" -name pagefind_extended -type f 2>/dev/null | head -n 1 || true)
if [ -z "$PF" ] || [ "$("$PF" --version)" != "pagefind 1.5.2" ]; then
  npm install --prefix "$PAGEFIND_DIR" --no-audit --no-fund --no-save pagefind@1.5.2 >&2
  PF=$(find "$PAGEFIND_DIR/node_modules/@pagefind" -name pagefind_extended -type f | head -n 1)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/search-quality.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -r scripts/search-quality/site "$WORK/site"
# The reports leave much blank (README.md): build's warnings are expected, shown on failure.
"$BIN" build --root "$WORK/site" --output "$WORK/out" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }

# Each report's page: content/<fy>/<report>.md is at <fy>/<slug>/.
for f in "$WORK"/site/content/*/*.md; do
  name=$(basename "$f" .md)
  slug=$(sed -n 's/^slug: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$f" | head -n 1)
  page=$(cd "$WORK/out" && ls -d 25*/"${slug:-$name}"/ 2>/dev/null | head -n 1)
  [ -n "$page" ] || { echo "no page for $f" >&2; exit 1; }
  printf '%s\t%s\n' "$name" "$page"
done >"$WORK/pages.tsv"

"$PF" --site "$WORK/out" --glob '25[0-9][0-9]/*/index.html' --root-selector main --silent >&2

echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src themes || echo ' (with changes)'); $("$BIN" --version 2>/dev/null || true); $("$PF" --version)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
node scripts/search-quality/run.mjs "$WORK/out" "$WORK/pages.tsv"
