/* The theme's own search.js (themes/default/static/js/search.js) started under Node in a
   small stand-in for the search page: shared by the two measuring scripts,
   scripts/search-bytes.js (what a query downloads) and scripts/search-quality/run.mjs
   (recall and precision). Not a test. */
"use strict";
const fs = require("fs");
const path = require("path");

const script = fs.readFileSync(path.join(__dirname, "..", "themes/default/static/js/search.js"), "utf8");

/* Enough of an element for search.js: its form, box, status and list, and what it makes. */
function el(tag) {
  return {
    tag, children: [], attrs: {}, textContent: "", parentNode: null, className: "", id: "", href: "",
    appendChild(c) { if (c.frag) c.children.forEach((k) => this.appendChild(k)); else { c.parentNode = this; this.children.push(c); } return c; },
    removeChild(c) { this.children = this.children.filter((k) => k !== c); },
    insertBefore(c) { c.parentNode = this; this.children.push(c); },
    setAttribute(k, v) { this.attrs[k] = String(v); },
    getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; },
    listeners: {},
    addEventListener(type, fn) { this.listeners[type] = fn; },
    get nextSibling() { return null; },
  };
}

/* A fresh search page at http://localhost/search/?q=`q`, its files fetched with `fetch`
   (a function of a URL, answering as window.fetch does), with search.js started on it.
   Returns the page's form, box, status line and result list. */
function openSearchPage(q, fetch) {
  const form = el("form");
  form.attrs = { "data-base": "/", "data-index": "/search/index.json" };
  const input = el("input");
  const status = el("p");
  const list = el("ol");
  el("main").appendChild(list);
  const byId = { "search-form": form, "search-q": input, "search-status": status, "search-results": list };
  const document = {
    getElementById: (id) => byId[id] || null,
    createElement: (t) => el(t),
    createTextNode: (t) => ({ text: t }),
    createDocumentFragment: () => Object.assign(el("#frag"), { frag: true }),
  };
  const location = { protocol: "http:", href: "http://localhost/search/", pathname: "/search/", search: "?q=" + encodeURIComponent(q) };
  const run = new Function("document", "location", "history", "fetch", "performance", "URLSearchParams", "URL", "Intl", script);
  run(document, location, { replaceState() {} }, fetch, performance, URLSearchParams, URL, Intl);
  return { form, input, status, list };
}

module.exports = { openSearchPage };
