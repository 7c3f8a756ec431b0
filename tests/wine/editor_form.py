"""The save request the editor's JavaScript sends (src/serve/edit/templates/edit.js:
collect() and request()), made from a form page as the server gave it: every field's value
as its input holds it, the body, the form's file and hash; then the changes given, as a
person would type them. scripts/wine-test.sh posts it to the Windows and the Linux program.

Usage: python3 editor_form.py FORM.html CHANGES.json > REQUEST.json
CHANGES: {"fields": {key: value, ...}, "body": "..."} (either part may be left out).
"""

import html.parser
import json
import sys


class Form(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.file = None
        self.hash = ""
        self.fields = {}
        self.body = None
        self.key = self.kind = None  # the field being read (a div with data-field)
        self.in_items = False  # inside its <ol class="items">
        self.in_template = False  # a <template> is inert: the browser does not match it
        self.textarea = None  # the key whose textarea's text is being read
        self.text = ""
        self.select = None  # (key, first option's value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "form" and a.get("id") == "doc":
            self.file = a.get("data-file") or None
            self.hash = a.get("data-hash") or ""
        elif tag == "div" and "data-field" in a:
            self.key, self.kind = a["data-field"], a.get("data-kind")
            if self.kind == "list" or self.kind == "rows":
                self.fields[self.key] = []
        elif self.key is None or self.in_template:
            if tag == "template":
                self.in_template = True
        elif tag == "template":
            self.in_template = True
        elif tag == "ol" and "items" in classes:
            self.in_items = True
        elif tag == "li" and "item" in classes and self.in_items and self.kind == "rows":
            self.fields[self.key].append({})
        elif tag == "input":
            self.input(a)
        elif tag == "textarea":
            self.textarea, self.text = self.key, ""
        elif tag == "select" and self.key not in self.fields:
            self.select = (self.key, None)
        elif tag == "option" and self.select:
            key, first = self.select
            if first is None:
                self.select = (key, a.get("value", ""))
            if "selected" in a:
                self.fields[key] = a.get("value", "")

    def input(self, a):
        k, kind = self.key, self.kind
        if kind == "bool" and a.get("type") == "checkbox":
            self.fields[k] = "checked" in a
        elif kind == "list" and self.in_items:
            self.fields[k].append(a.get("value") or "")
        elif kind == "rows" and self.in_items and "data-col" in a:
            self.fields[k][-1][a["data-col"]] = a.get("value") or ""
        elif kind not in ("bool", "list", "rows", "body") and k not in self.fields:
            # querySelector("input, textarea, select"): the first one, not the date picker.
            self.fields[k] = a.get("value") or ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = False
        elif tag == "ol":
            self.in_items = False
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the newline right after <textarea>.
            text = self.text[1:] if self.text.startswith("\n") else self.text
            if self.kind == "body":
                self.body = text
            elif self.textarea not in self.fields:
                self.fields[self.textarea] = text
            self.textarea = None
        elif tag == "select" and self.select:
            key, first = self.select
            # No option marked: the browser shows the first.
            self.fields.setdefault(key, first or "")
            self.select = None
        elif tag == "div" and self.key is not None and not self.in_items:
            self.key = self.kind = None


def main():
    page, changes = sys.argv[1], sys.argv[2]
    f = Form()
    with open(page, encoding="utf-8") as fh:
        f.feed(fh.read())
    f.close()
    if not f.fields:
        sys.exit(f"{page}: no editor form")
    with open(changes, encoding="utf-8") as fh:
        c = json.load(fh)
    fields = dict(f.fields)
    fields.update(c.get("fields", {}))
    form = {"fields": fields}
    body = c.get("body", f.body)
    if body is not None:
        form["body"] = body
    req = {"file": f.file, "hash": f.hash, "form": form, "confirm": []}
    json.dump(req, sys.stdout, ensure_ascii=False)


main()
