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
        self.textarea = None  # where the textarea's text goes: (put, data-lines or not)
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
            elif self.kind == "group":
                self.fields[self.key] = {}
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
            self.text = ""
            self.textarea = (self.cell(a) or self.whole(), "data-lines" in a)
        elif tag == "select" and self.key not in self.fields:
            self.select = (self.key, None)
        elif tag == "option" and self.select:
            key, first = self.select
            if first is None:
                self.select = (key, a.get("value", ""))
            if "selected" in a:
                self.fields[key] = a.get("value", "")

    def cell(self, a):
        """Where a cell's value goes: a row's column ([data-col]) or a group's part ([data-sub])."""
        k, kind = self.key, self.kind
        if kind == "rows" and self.in_items and "data-col" in a:
            return lambda v: self.fields[k][-1].__setitem__(a["data-col"], v)
        if kind == "group" and "data-sub" in a:
            return lambda v: self.fields[k].__setitem__(a["data-sub"], v)
        return None

    def whole(self):
        """Where a field's own input puts its value: querySelector("input, textarea, select"),
        the first one (not the date picker after it)."""
        k, kind = self.key, self.kind
        if kind in ("bool", "list", "rows", "group") or k in self.fields:
            return None
        if kind == "body":
            return lambda v: setattr(self, "body", v)
        return lambda v: self.fields.__setitem__(k, v)

    def input(self, a):
        k, kind = self.key, self.kind
        checkbox = a.get("type") == "checkbox"
        value = "checked" in a if checkbox else a.get("value") or ""
        put = self.cell(a)
        if put:
            put(value)
        elif kind == "bool" and checkbox:
            self.fields[k] = value
        elif kind == "list" and self.in_items:
            self.fields[k].append(value)
        elif self.whole():
            self.whole()(value)

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
            put, lines = self.textarea
            if lines:  # a list, a line each: edit.js's value()
                text = [line.strip() for line in text.split("\n") if line.strip()]
            if put:
                put(text)
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
