"""The Windows zip checked against the layout scripts/dist.sh's header promises: unzipped
into DEST, one folder with prongsai.exe and no site.yaml beside it (the first double-click
opens the "create a website" page), คู่มือ.html a whole HTML page with the guide's
headings and its pictures inside it, README.txt in CRLF, and ตัวอย่าง/ holding the
repository's example site and เปิดเว็บไซต์ตัวอย่าง.bat. Prints one "ok: …" or
"FAILED: …" line per check (scripts/wine-test.sh counts them).

Usage: python3 zip_layout.py ZIP DEST REPO VERSION
"""

import filecmp
import html.parser
import os
import re
import sys
import urllib.parse
import zipfile

zip_path, dest, repo, version = sys.argv[1:5]
top = f"prongsai-{version}-windows-x86_64"
EXAMPLE = "ตัวอย่าง"
BAT = "เปิดเว็บไซต์ตัวอย่าง.bat"
GUIDE = "คู่มือ.html"


def report(good, what, why=""):
    print(f"ok: zip: {what}" if good else f"FAILED: zip: {what}: {why}")


with zipfile.ZipFile(zip_path) as z:
    names = z.namelist()
    # Thai names stored as UTF-8 (flag 0x800), or Explorer shows them garbled.
    bad_names = [i.filename for i in z.infolist() if not i.filename.isascii() and not i.flag_bits & 0x800]
    report(not bad_names, "Thai file names marked UTF-8", f"{bad_names[:3]}")
    tops = sorted({n.split("/")[0] for n in names})
    report(tops == [top], f"one folder {top}", f"top-level entries {tops}")
    z.extractall(dest)

root = os.path.join(dest, top)
here = sorted(os.listdir(root)) if os.path.isdir(root) else []
want = sorted(["prongsai.exe", GUIDE, "README.txt", EXAMPLE])
report(here == want, "prongsai.exe, คู่มือ.html, README.txt and ตัวอย่าง/, no site.yaml beside the program",
       f"found {here}")

# The example: the repository's site, file for file, and the .bat that starts ..\prongsai.exe.
ex = os.path.join(root, EXAMPLE)


def same_tree(a, b):
    c = filecmp.dircmp(a, b)
    if c.left_only or c.right_only or c.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, c.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in c.common_dirs)


example_ok = (
    os.path.isdir(ex)
    and sorted(os.listdir(ex)) == sorted(["site.yaml", "content", "static", BAT])
    and filecmp.cmp(os.path.join(ex, "site.yaml"), os.path.join(repo, "site.yaml"), shallow=False)
    and all(same_tree(os.path.join(ex, d), os.path.join(repo, d)) for d in ("content", "static"))
)
report(example_ok, "ตัวอย่าง/ is the repository's example site with its .bat",
       f"found {sorted(os.listdir(ex)) if os.path.isdir(ex) else 'no folder'}")
try:
    bat = open(os.path.join(ex, BAT), "rb").read()
except OSError as e:
    bat = b""
    report(False, BAT, str(e))
if bat:
    lines = bat.split(b"\r\n")
    report(bat.isascii() and bat.endswith(b"\r\n") and b"\n" not in bat.replace(b"\r\n", b"")
           and b'cd /d "%~dp0"' in lines and b'"%~dp0..\\prongsai.exe"' in lines,
           f"{BAT}: ASCII, CRLF, starts ..\\prongsai.exe in its own folder", repr(bat))

readme = open(os.path.join(root, "README.txt"), "rb").read() if "README.txt" in here else b""
try:
    text = readme.decode("utf-8")
except UnicodeDecodeError:
    text = ""
report(text and b"\n" not in readme.replace(b"\r\n", b"") and version in text and EXAMPLE in text,
       "README.txt: UTF-8, CRLF (Notepad), names the version and the example folder", repr(readme[:200]))

# The guide: a whole page, every tag closed, its headings those of docs/guide-th.md, its
# pictures inside it and its links to its own headings found.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Closed implicitly by the next one or by their parent (HTML's optional end tags).
OPTIONAL_END = {"li", "p", "td", "th", "tr", "thead", "tbody", "option", "dt", "dd"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems = [], []
        self.headings, self.heading = [], None
        self.ids, self.hrefs, self.imgs = set(), [], []
        self.doctype = self.lang = self.charset = None

    def handle_decl(self, decl):
        self.doctype = decl.lower()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append(f"id {a['id']} twice")
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and "charset" in a:
            self.charset = a["charset"].lower()
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "img":
            self.imgs.append(a.get("src") or "")
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = (tag, "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_data(self, data):
        if self.heading:
            self.heading = (self.heading[0], self.heading[1] + data)

    def handle_endtag(self, tag):
        if self.heading and tag == self.heading[0]:
            self.headings.append((tag, " ".join(self.heading[1].split())))
            self.heading = None
        while self.stack and self.stack[-1] != tag and self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()


def md_headings(md):
    """The guide's headings (level, text as shown), outside fenced code."""
    out, fence = [], None
    for line in md.splitlines():
        m = re.match(r"^ {0,3}(```+|~~~+)", line)
        if m:
            mark = m.group(1)[0] * 3
            fence = None if fence == mark else (fence or mark)
            continue
        m = re.match(r"^(#{1,6}) +(.*?) *#*$", line)
        if m and not fence:
            text = re.sub(r"`([^`]*)`", r"\1", m.group(2))
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "").replace("\\", "")
            out.append((f"h{len(m.group(1))}", " ".join(text.split())))
    return out


try:
    raw = open(os.path.join(root, GUIDE), "rb").read()
    page_text = raw.decode("utf-8")
except (OSError, UnicodeDecodeError) as e:
    page_text = None
    report(False, GUIDE, str(e))
if page_text is not None:
    p = Page()
    p.feed(page_text)
    p.close()
    left = [t for t in p.stack if t not in OPTIONAL_END]
    report(p.doctype == "doctype html" and p.lang == "th" and p.charset == "utf-8" and not p.problems and not left,
           f"{GUIDE}: a whole HTML page (doctype, lang th, UTF-8, every tag closed, ids once)",
           f"doctype {p.doctype}, lang {p.lang}, charset {p.charset}, {p.problems[:5]}, left open {left}")
    want_h = md_headings(open(os.path.join(repo, "docs", "guide-th.md"), encoding="utf-8").read())
    report(p.headings == want_h and len(want_h) > 20, f"{GUIDE}: the {len(want_h)} headings of docs/guide-th.md, in order",
           f"first difference: {next((x for x in zip(p.headings, want_h) if x[0] != x[1]), (len(p.headings), len(want_h)))}")
    outside = [s[:60] for s in p.imgs if not s.startswith("data:image/")]
    report(p.imgs and not outside, f"{GUIDE}: its {len(p.imgs)} pictures inside the page", f"{outside}")
    # A browser matches the fragment percent-decoded (the guide's Thai ids are written so).
    missing = [h for h in p.hrefs if h.startswith("#") and urllib.parse.unquote(h[1:]) not in p.ids]
    report(not missing, f"{GUIDE}: its links to its own sections land", f"{missing[:5]}")
