/* Recall and precision of the first ten results, per engine, over the hand-judged queries
   of scripts/search-quality/queries.tsv (see README.md beside this file).

     node scripts/search-quality/run.mjs OUT PAGES.tsv [QUERIES.tsv]

   OUT is a built site holding both indexes: prongsai's (OUT/search/) and Pagefind's
   (OUT/pagefind/). PAGES.tsv maps each report's name to its page's path below the site
   (`name<TAB>2565/slug/`). Each engine runs its own browser script under Node, reading
   files from OUT as a server would send them:

   - prongsai: themes/default/static/js/search.js with a small stand-in for the search page
     (scripts/search-page.js, shared with scripts/search-bytes.js); a fresh page per query;
     the results are the links the page lists.
   - Pagefind: OUT/pagefind/pagefind.js (its own ES module and WebAssembly), `search(q)`,
     then `data()` of its first ten results.

   Per query: precision = judged pages among the first ten / results among the first ten
   (an answer with no results counts 0); recall = judged pages among the first ten /
   min(10, pages judged). Prints each query whose figures are not both 1, then the means.
   Not a test: a measurement. */
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";
import searchPage from "../search-page.js";

const { openSearchPage } = searchPage;

const [out, pagesFile, queriesArg] = process.argv.slice(2);
if (!out || !pagesFile) {
  console.error("usage: node scripts/search-quality/run.mjs OUT PAGES.tsv [QUERIES.tsv]");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const queriesFile = queriesArg || path.join(here, "queries.tsv");
const TOP = 10;

const pageOf = new Map();
const nameOf = new Map();
for (const line of fs.readFileSync(pagesFile, "utf8").split("\n")) {
  const [name, p] = line.split("\t");
  if (!name || !p) continue;
  pageOf.set(name, "/" + p);
  nameOf.set("/" + p, name);
}
const queries = [];
for (const line of fs.readFileSync(queriesFile, "utf8").split("\n")) {
  if (!line.trim() || line.startsWith("#")) continue;
  const [q, judged] = line.split("\t");
  const want = judged.trim().split(/\s+/);
  for (const w of want) if (!pageOf.has(w)) throw new Error(`${q}: no report ${w} in ${pagesFile}`);
  queries.push({ q, want });
}

/* A path below the site, decoded, with its trailing slash ("/2565/slug/"). */
function pathOf(url) {
  let p = decodeURIComponent(new URL(url, "http://localhost/").pathname);
  p = p.replace(/index\.html$/, "");
  return p.endsWith("/") ? p : p + "/";
}

function serve(p) {
  const file = path.join(out, decodeURIComponent(p));
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) return null;
  return fs.readFileSync(file);
}

/* prongsai: the theme's search.js in a stand-in page (scripts/search-page.js). */
async function prongsai(q) {
  const fetch = async (url) => {
    const bytes = serve(new URL(url, "http://localhost/search/").pathname);
    if (!bytes) return { ok: false, status: 404 };
    return { ok: true, status: 200, json: async () => JSON.parse(bytes.toString("utf8")) };
  };
  const { form, status, list } = openSearchPage(q, fetch);
  for (let i = 0; i < 5000; i++) {
    if (list.attrs["data-query"] === q) break;
    if (form.attrs["data-failed"]) throw new Error(`prongsai: ${q}: ${status.textContent}`);
    await new Promise((r) => setTimeout(r, 1));
  }
  if (list.attrs["data-query"] !== q) throw new Error(`prongsai: no answer to ${q}`);
  return list.children.slice(0, TOP).map((li) => pathOf(li.children[0].children[0].href));
}

/* Pagefind: its own module, reading the same files. */
globalThis.fetch = async (url) => {
  const bytes = serve(new URL(url, "http://localhost/").pathname);
  return bytes ? new Response(bytes, { status: 200 }) : new Response(null, { status: 404 });
};
globalThis.document = { querySelector: (s) => (s === "html" ? { getAttribute: () => "th" } : null), currentScript: null };
const pf = await import(path.resolve(out, "pagefind/pagefind.js"));
await pf.options({ basePath: "http://localhost/pagefind/" });
await pf.init();

async function pagefind(q) {
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, TOP).map((x) => x.data()));
  return data.map((d) => pathOf(d.url));
}

const engines = { prongsai, "pagefind 1.5.2 extended": pagefind };
const sums = {};
for (const e of Object.keys(engines)) sums[e] = { p: 0, r: 0 };
for (const { q, want } of queries) {
  const wanted = new Set(want.map((w) => pageOf.get(w)));
  for (const [e, search] of Object.entries(engines)) {
    const got = await search(q);
    const right = got.filter((p) => wanted.has(p)).length;
    const precision = got.length ? right / got.length : 0;
    const recall = right / Math.min(TOP, wanted.size);
    sums[e].p += precision;
    sums[e].r += recall;
    if (precision < 1 || recall < 1) {
      const name = (p) => nameOf.get(p) || p;
      const missed = [...wanted].filter((p) => !got.includes(p)).map(name);
      const wrong = got.filter((p) => !wanted.has(p)).map(name);
      console.log(
        `${q}\t${e}\tprecision ${precision.toFixed(2)} recall ${recall.toFixed(2)}` +
          (missed.length ? `\tmissed: ${missed.join(" ")}` : "") +
          (wrong.length ? `\tnot judged: ${wrong.join(" ")}` : "")
      );
    }
  }
}
console.log(`queries: ${queries.length}; reports: ${pageOf.size}; first ${TOP} results`);
for (const [e, s] of Object.entries(sums)) {
  console.log(`${e}: recall ${(s.r / queries.length).toFixed(3)}, precision ${(s.p / queries.length).toFixed(3)}`);
}
