#!/usr/bin/env bash
# Imports every report of tests/import-corpus/ with the release binary into a new site
# (printing each path and warning), then prints how many of the seven fields (title,
# date, venue, topics, attendees, declared total, sections) each report got right.
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
printf 'title: t\norganization: o\nbase_url: https://www.example.go.th/ita/\n' > "$site/site.yaml"
for r in tests/import-corpus/*; do
  [ -f "$r" ] || continue
  case "$r" in *.expected.md) continue ;; esac
  target/release/prongsai import --root "$site" --force "$r" || true
done
cargo test --quiet --test import measure -- --nocapture 2>&1 | grep -E '^(report|total|[a-z0-9.-]+ +(ok|MISS))'
