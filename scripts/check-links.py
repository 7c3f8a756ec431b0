#!/usr/bin/env python3
"""Checks that the repository's Markdown links stay inside it.

Every relative link in README.md, BENCHMARKS.md and docs/*.md must name a file or folder
of the repository (never one beside it), and every `#anchor` must be a heading of the
file it points into (GitHub's anchor rules). Web links (http, https, mailto) are not
followed. Prints each bad link as FILE:LINE: target, and exits 1 if there is one.

  python3 scripts/check-links.py
"""

import glob
import os
import re
import sys
import unicodedata

REPO = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FILES = ["README.md", "BENCHMARKS.md"] + sorted(glob.glob("docs/*.md", root_dir=REPO))
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def lines_outside_code(path):
    """(line number, text) of each line not inside a fenced code block, inline code removed."""
    fenced = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield n, re.sub(r"`[^`]*`", "``", line)


def anchor(heading):
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"`([^`]*)`", r"\1", heading.strip()).lower()
    keep = (
        c
        for c in text
        if c in " -_" or c.isalnum() or unicodedata.category(c).startswith("M")
    )
    return "".join(keep).replace(" ", "-")


def raw_headings(path):
    """Headings with their inline code kept (lines_outside_code blanks it out)."""
    fenced, seen, out = False, {}, set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if FENCE.match(line):
                fenced = not fenced
                continue
            m = None if fenced else re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
            if m:
                a = anchor(m.group(1))
                k = seen.get(a, 0)
                seen[a] = k + 1
                out.add(a if k == 0 else f"{a}-{k}")
    return out


def main():
    bad = []
    for rel in FILES:
        path = os.path.join(REPO, rel)
        for n, line in lines_outside_code(path):
            for target in LINK.findall(line):
                if re.match(r"(https?|mailto):", target):
                    continue
                where, _, frag = target.partition("#")
                dest = os.path.realpath(os.path.join(os.path.dirname(path), where)) if where else path
                inside = dest == REPO or dest.startswith(REPO + os.sep)
                if not inside or not os.path.exists(dest):
                    bad.append(f"{rel}:{n}: {target} (not a file of the repository)")
                elif frag and dest.endswith(".md") and frag not in raw_headings(dest):
                    bad.append(f"{rel}:{n}: {target} (no heading #{frag})")
    for b in bad:
        print(b)
    print(f"{len(bad)} bad links in {len(FILES)} files", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
