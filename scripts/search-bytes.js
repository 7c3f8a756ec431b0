#!/usr/bin/env node
/* What a search downloads: runs the theme's own search.js (themes/default/static/js/search.js)
   under Node, over a built site's search/ folder, with a small stand-in for the page, and
   counts the bytes of every file it fetches (raw, and gzipped as a server would send them).

     node scripts/search-bytes.js OUT [QUERIES_FILE]

   OUT is a built site's output folder. Each query is searched in a fresh page (the first
   query of a visit: the entry, the parts of its words, the chunks of its first results),
   then once more after another query in the same page (a later query: only what was not
   fetched yet). Prints one line per query and the medians and worst cases. Needs Node 18+
   (fetch, Intl.Segmenter with ICU's Thai dictionary). Not a test: a measurement. */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { openSearchPage } = require("./search-page.js");

const out = process.argv[2];
if (!out) {
  console.error("usage: node scripts/search-bytes.js OUT [QUERIES_FILE]");
  process.exit(2);
}
const DEFAULT_QUERIES = [
  "ประปา", "ถนน", "2567", "ผู้ใหญ่บ้าน", "งบประมาณ 2568", "ประชาคมหมู่บ้าน", "ซูชิ", "หมู่ที่ 3",
  "ซ่อมแซมถนน", "อุทกภัย", "เงินสะสม", "กำนัน", "อาสาสมัครสาธารณสุข", "ผู้อำนวยการกองช่าง",
  "แผนพัฒนาท้องถิ่น", "ข้อบัญญัติงบประมาณ", "ลูกรัง", "ไฟฟ้า", "ขุดลอก", "ภัยแล้ง", "ผู้สูงอายุ",
  "เบี้ยยังชีพ", "ขยะ", "ไข้เลือดออก", "ประชุมสภา", "สมัยสามัญ", "รับฟังความคิดเห็น", "จ่ายขาดเงินสะสม",
  "ฝาย", "คลองส่งน้ำ", "๒๕๖๖", "797,000", "มติที่ประชุม", "เห็นชอบ", "ประชาชน", "ตำบล", "สุโขทัย",
  "ศาลาประชาคม", "กองคลัง", "ปลัด", "ประชูม", "สาธารณะสุข", "โรงเรียน", "ศูนย์พัฒนาเด็กเล็ก",
  "ถนนคอนกรีตเสริมเหล็ก", "หอกระจายข่าว",
];
const queries = process.argv[3]
  ? fs.readFileSync(process.argv[3], "utf8").split("\n").map((s) => s.trim()).filter(Boolean)
  : DEFAULT_QUERIES;

async function visit(qs) {
  const fetched = [];
  const fetch = async (url) => {
    const p = new URL(url, "http://localhost/search/").pathname;
    const file = path.join(out, decodeURIComponent(p));
    if (!fs.existsSync(file)) return { ok: false, status: 404 };
    const bytes = fs.readFileSync(file);
    fetched.push({ p, raw: bytes.length, gz: zlib.gzipSync(bytes, { level: 6 }).length });
    return { ok: true, status: 200, json: async () => JSON.parse(bytes.toString("utf8")) };
  };
  const { form, input, status, list } = openSearchPage(qs[0], fetch);
  const results = [];
  const wait = async (q) => {
    for (let i = 0; i < 2000; i++) {
      if (list.attrs["data-query"] === q || form.attrs["data-failed"]) return;
      await new Promise((r) => setTimeout(r, 1));
    }
    throw new Error("no answer to " + q + ": " + status.textContent + " " + JSON.stringify(list.attrs) + " " + JSON.stringify(form.attrs) + " fetched " + fetched.length);
  };
  let seen = 0;
  for (let k = 0; k < qs.length; k++) {
    if (k > 0) {
      input.value = qs[k];
      input.listeners.input(); /* what typing does */
    }
    await wait(qs[k]);
    const mine = fetched.slice(seen);
    seen = fetched.length;
    /* VERBOSE=1: every file fetched */
    if (process.env.VERBOSE) mine.forEach((f) => console.error(`  ${qs[k]}\t${f.p}\t${f.raw}`));
    results.push({
      q: qs[k], status: status.textContent, files: mine.length,
      raw: mine.reduce((a, f) => a + f.raw, 0), gz: mine.reduce((a, f) => a + f.gz, 0),
    });
  }
  return results;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

(async () => {
  const first = [];
  const later = [];
  for (let i = 0; i < queries.length; i++) {
    /* A fresh page for the first query; then the next query (in turn) in the same page. */
    const [a, b] = await visit([queries[i], queries[(i + 1) % queries.length]]);
    first.push(a);
    later.push(b);
    console.log(
      `${a.q}\tfirst ${a.files} files ${(a.raw / 1000).toFixed(1)} KB raw ${(a.gz / 1000).toFixed(1)} KB gz` +
        `\tthen ${b.q}: ${b.files} files ${(b.raw / 1000).toFixed(1)} KB raw\t${a.status}`
    );
  }
  const kb = (x) => (x / 1000).toFixed(1) + " KB";
  const entry = fs.statSync(path.join(out, "search/index.json")).size;
  console.log(`queries: ${queries.length}; entry file ${kb(entry)}`);
  console.log(`first query: median ${kb(median(first.map((r) => r.raw)))} raw, ${kb(median(first.map((r) => r.gz)))} gzipped; worst ${kb(Math.max(...first.map((r) => r.raw)))} raw`);
  console.log(`later query: median ${kb(median(later.map((r) => r.raw)))} raw, ${kb(median(later.map((r) => r.gz)))} gzipped; worst ${kb(Math.max(...later.map((r) => r.raw)))} raw`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
