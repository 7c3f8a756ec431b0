#!/usr/bin/env bash
# Remakes the .docx/.odt of the import corpus from these HTML sources with LibreOffice
# (as an office makes them: Word structures, numbered lists, tables). Only for whoever
# changes a source: the files are committed, and CI never needs LibreOffice.
#   apt-get install -y libreoffice-writer-nogui fonts-thai-tlwg
set -eu
cd "$(dirname "$0")"
out=..
for f in seed roles-villages table held-committee; do
  soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$out" "$f.html"
done
soffice --headless --convert-to odt --outdir "$out" seed.html
