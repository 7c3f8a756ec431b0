/* prongsai: search in the browser, with no server (the search page only; every other page
   works without JavaScript).

   search/index.json lists every word of every meeting, cut apart at build time by a Thai
   dictionary segmenter (ICU4X), with the meetings that have it in the title, in what is
   shown about them (date, fiscal year, venue, topics, roles) and in the body. The query
   is cut the same way here, with the browser's Intl.Segmenter (ICU's Thai dictionary),
   and each query word is looked up: as a whole word (counts double), inside longer words
   of the index ("ประปา" in a word the segmenter kept whole), or as a run of the index's
   own words (where the two segmenters cut differently). A meeting must have every query
   word; a match in the title counts most. Thai digits are read as Arabic digits, so ๒๕๖๗
   finds 2567. The snippet under a result comes from the meeting's own page, fetched when
   the result is shown. */
(function () {
  "use strict";

  /* How much a match counts in the title, in what is shown, in the body. */
  var WEIGHT = [12, 4, 1];
  var SHOWN = 50;
  var SNIPPETS = 10;
  var SNIPPET_BEFORE = 40;
  var SNIPPET_AFTER = 140;
  var LONGEST_WORD = 24;

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;

  var base = form.getAttribute("data-base") || "/";
  var segmenter = null;
  try {
    segmenter = new Intl.Segmenter("th", { granularity: "word" });
  } catch (e) {
    segmenter = null; /* an old browser: the query is cut at spaces only */
  }

  var index = null;
  var byWord = new Map();
  var pages = new Map();
  var shownQuery = null;

  /* Same length in, same length out, so a place found in one is a place in the other:
     Thai digits to Arabic, A-Z to a-z (the index holds words so). */
  function norm(s) {
    return s
      .replace(/[\u0E50-\u0E59]/g, function (d) {
        return String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48);
      })
      .replace(/[A-Z]/g, function (c) {
        return c.toLowerCase();
      });
  }

  /* A number as the site writes numbers (`numerals:`). */
  function digits(n) {
    var s = String(n);
    if (!index || index.numerals !== "thai") return s;
    return s.replace(/[0-9]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 48 + 0x0e50);
    });
  }

  /* Gaps between ascending positions back to positions. */
  function ids(gaps) {
    var out = new Array(gaps.length);
    var at = 0;
    for (var i = 0; i < gaps.length; i++) {
      at += gaps[i];
      out[i] = at;
    }
    return out;
  }

  /* The query's words, cut as the index was, each once. */
  function queryWords(q) {
    var words = [];
    norm(q.normalize("NFC").toLowerCase())
      .replace(/[\u200B\uFEFF\u2060]/g, " ")
      .split(/\s+/)
      .forEach(function (part) {
        if (!part) return;
        if (segmenter) {
          for (var it = segmenter.segment(part)[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) {
            if (s.value.isWordLike && words.indexOf(s.value.segment) === -1) words.push(s.value.segment);
          }
        } else if (words.indexOf(part) === -1) {
          words.push(part);
        }
      });
    return words;
  }

  /* Adds what `entry` (a word of the index) says of each meeting to `scores`, times `times`. */
  function add(scores, entry, times) {
    for (var k = 0; k < 3; k++) {
      var docs = ids(entry[k + 1]);
      for (var i = 0; i < docs.length; i++) {
        scores.set(docs[i], (scores.get(docs[i]) || 0) + WEIGHT[k] * times);
      }
    }
  }

  /* `word` as a run of two or more of the index's own words; null if it is not one. */
  function asRun(word) {
    var best = new Array(word.length + 1).fill(null);
    best[0] = [];
    for (var i = 0; i < word.length; i++) {
      if (!best[i]) continue;
      for (var j = Math.min(word.length, i + LONGEST_WORD); j > i; j--) {
        if (!best[j] && byWord.has(word.slice(i, j))) best[j] = best[i].concat([word.slice(i, j)]);
      }
    }
    var run = best[word.length];
    return run && run.length > 1 ? run : null;
  }

  /* Meeting → score, for one query word. */
  function lookUp(word) {
    var scores = new Map();
    var whole = byWord.get(word);
    if (whole) add(scores, whole, 2);
    var words = index.words;
    for (var i = 0; i < words.length; i++) {
      if (words[i][0] !== word && words[i][0].indexOf(word) !== -1) add(scores, words[i], 1);
    }
    if (!scores.size) {
      var run = asRun(word);
      if (run) {
        var each = run.map(function (w) {
          var s = new Map();
          add(s, byWord.get(w), 1);
          return s;
        });
        each[0].forEach(function (score, doc) {
          var all = each.every(function (s) {
            return s.has(doc);
          });
          if (all) {
            var sum = each.reduce(function (total, s) {
              return total + s.get(doc);
            }, 0);
            scores.set(doc, sum / run.length);
          }
        });
      }
    }
    return scores;
  }

  function search(q) {
    var words = queryWords(q);
    var total = null;
    words.forEach(function (w) {
      var scores = lookUp(w);
      if (total === null) {
        total = scores;
        return;
      }
      var next = new Map();
      total.forEach(function (score, doc) {
        if (scores.has(doc)) next.set(doc, score + scores.get(doc));
      });
      total = next;
    });
    var found = [];
    if (total) {
      total.forEach(function (score, doc) {
        found.push({ doc: index.docs[doc], score: score });
      });
    }
    /* Best first; equal ones newest first. */
    found.sort(function (a, b) {
      if (b.score !== a.score) return b.score - a.score;
      if (a.doc.iso !== b.doc.iso) return a.doc.iso < b.doc.iso ? 1 : -1;
      return a.doc.url < b.doc.url ? -1 : 1;
    });
    return { words: words, found: found };
  }

  /* Text compared with query words, places kept (lower case only where it keeps them). */
  function comparable(text) {
    var lower = text.toLowerCase();
    return norm(lower.length === text.length ? lower : text);
  }

  /* `text` from `start` to `end` into `into`, each query word in it marked. */
  function marked(into, text, start, end, words) {
    var hay = comparable(text);
    var ranges = [];
    words.forEach(function (w) {
      for (var at = hay.indexOf(w, start); at !== -1 && at < end; at = hay.indexOf(w, at + w.length)) {
        ranges.push([at, Math.min(at + w.length, end)]);
      }
    });
    ranges.sort(function (a, b) {
      return a[0] - b[0];
    });
    var pos = start;
    ranges.forEach(function (r) {
      if (r[1] <= pos) return;
      var from = Math.max(r[0], pos);
      if (from > pos) into.appendChild(document.createTextNode(text.slice(pos, from)));
      var m = document.createElement("mark");
      m.textContent = text.slice(from, r[1]);
      into.appendChild(m);
      pos = r[1];
    });
    if (pos < end) into.appendChild(document.createTextNode(text.slice(pos, end)));
  }

  /* The text of a meeting's page that snippets are taken from: body, topics, roles,
     summary, facts (date, venue, chair), each part apart. */
  function pageText(url) {
    if (!pages.has(url)) {
      var text = fetch(base + url)
        .then(function (res) {
          return res.ok ? res.text() : "";
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          /* Blocks and table cells apart, as a reader sees them. */
          doc.querySelectorAll("article p, article li, article td, article th, article h2, article h3, article h4")
            .forEach(function (el) {
              el.append(" ");
            });
          var parts = [];
          ["article .body", "article .topics li", "article .attendees-table tbody th", "article .lead", "article .facts dd"]
            .forEach(function (sel) {
              doc.querySelectorAll(sel).forEach(function (el) {
                var t = el.textContent.replace(/\s+/g, " ").trim();
                if (t) parts.push(t);
              });
            });
          return parts.join(" · ");
        })
        .catch(function () {
          return "";
        });
      pages.set(url, text);
    }
    return pages.get(url);
  }

  /* A window of `text` around the first query word in it, cut at spaces where one is near. */
  function snippet(text, words) {
    var hay = comparable(text);
    var first = -1;
    var len = 0;
    words.forEach(function (w) {
      var at = hay.indexOf(w);
      if (at !== -1 && (first === -1 || at < first)) {
        first = at;
        len = w.length;
      }
    });
    if (first === -1) return null;
    var start = Math.max(0, first - SNIPPET_BEFORE);
    var space = text.indexOf(" ", start);
    if (start > 0 && space !== -1 && space < first) start = space + 1;
    var end = Math.min(text.length, first + Math.max(len, SNIPPET_AFTER));
    var back = text.lastIndexOf(" ", end);
    if (end < text.length && back > first + len) end = back;
    var p = document.createElement("p");
    p.className = "snippet";
    if (start > 0) p.appendChild(document.createTextNode("… "));
    marked(p, text, start, end, words);
    if (end < text.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function show(q) {
    var t0 = performance.now();
    var r = search(q);
    shownQuery = q;
    list.textContent = "";
    var said = "“" + q.trim() + "”";
    if (!r.words.length) {
      status.textContent = "พิมพ์คำที่ต้องการค้นหา";
    } else if (!r.found.length) {
      status.textContent = "ไม่พบการประชุมที่ตรงกับ " + said;
    } else {
      status.textContent =
        "พบ " + digits(r.found.length) + " การประชุมที่ตรงกับ " + said +
        (r.found.length > SHOWN ? " (แสดง " + digits(SHOWN) + " รายการแรก)" : "");
    }
    var frag = document.createDocumentFragment();
    r.found.slice(0, SHOWN).forEach(function (hit, i) {
      var doc = hit.doc;
      var li = document.createElement("li");
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = base + doc.url;
      marked(a, doc.title, 0, doc.title.length, r.words);
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = doc.date + " · ปีงบประมาณ พ.ศ. " + digits(doc.fy);
      li.appendChild(meta);
      frag.appendChild(li);
      if (i < SNIPPETS) {
        pageText(doc.url).then(function (text) {
          if (shownQuery !== q) return;
          var s = snippet(text, r.words);
          if (s) li.appendChild(s);
        });
      }
    });
    list.appendChild(frag);
    list.setAttribute("data-ms", (performance.now() - t0).toFixed(1));
    list.setAttribute("data-query", q);
  }

  function setQueryInAddress(q) {
    history.replaceState(null, "", location.pathname + (q ? "?q=" + encodeURIComponent(q) : ""));
  }

  input.value = new URLSearchParams(location.search).get("q") || "";
  status.textContent = "กำลังโหลดข้อมูลสำหรับค้นหา…";
  var loadStart = performance.now();
  fetch(form.getAttribute("data-index"))
    .then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    })
    .then(function (data) {
      index = data;
      data.words.forEach(function (entry) {
        byWord.set(entry[0], entry);
      });
      list.setAttribute("data-load-ms", (performance.now() - loadStart).toFixed(1));
      show(input.value);
      form.setAttribute("data-ready", "true");
    })
    .catch(function () {
      status.textContent = "โหลดข้อมูลสำหรับค้นหาไม่ได้ ลองโหลดหน้านี้ใหม่อีกครั้ง";
    });

  function again(ev) {
    if (ev) ev.preventDefault();
    if (!index) return;
    show(input.value);
    setQueryInAddress(input.value);
  }
  input.addEventListener("input", function () {
    again(null);
  });
  form.addEventListener("submit", again);
})();
