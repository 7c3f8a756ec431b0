/* prongsai: search in the browser, with no server (the search page only; every other page
   works without JavaScript).

   The index is read in pieces (src/render/search.rs says how they are written): the
   entry file search/index.json names the parts, each holding a share of the words with
   their pages and positions, and the chunks, each holding what a result shows of a few
   pages. A query fetches the entry, the parts of its words and the chunks of the results
   shown; nothing else.

   The query is cut into words with the browser's Intl.Segmenter (ICU's Thai dictionary,
   the same word lists the index was cut with), and parted where punctuation stands but
   between digits (the index has no dots in its words); a query with an abbreviation that
   reports also write in full (อบต.) is searched both ways. Each query word is looked up: as a whole
   word (numbers only so: 3 is neither 13 nor 2563); inside longer words of the index
   (the index lists those pages with the word); a word the index has not (where the two
   segmenters cut differently), as a run of the index's own words standing together in a
   page; and, for a Thai word of four letters or more (not counting marks above and
   below) that finds nothing as typed, as a word of the index with one letter wrong after
   its first two. A page must have every query word. Words typed together (a run) stand
   together or near each other (in order, each within NEAR words of the one before) in the
   pages found; pages where they stand far apart are results only when no page has them
   near. A run near nowhere is also looked up whole, as a run of the index's words, and
   with a letter wrong (in a word, or in one word of a run of them). Pages are ranked:
   those with more query words found as written first, then those where each run stands
   together, then near, then by where the words are (the title counts most). Thai digits
   are read as Arabic digits, so ๒๕๖๗ finds 2567. */
(function () {
  "use strict";

  var VERSION = 2;
  /* How much a match counts in the title, in what is shown, in the body. */
  var WEIGHT = [12, 4, 1];
  var PAGE = 10;
  var LONGEST_WORD = 24;
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  /* Words of a run typed together stand "near" in a page when each follows the one before
     within this many words. */
  var NEAR = 8;
  /* Positions the index keeps of a word in a page (MAX_POSITIONS in src/render/search.rs):
     a word with this many may stand elsewhere too. */
  var MAX_POSITIONS = 8;
  /* Abbreviations of offices and roles that reports also write in full, and that are no
     Thai word themselves. */
  var ABBREVIATIONS = {
    "อบต": "องค์การบริหารส่วนตำบล",
    "อบจ": "องค์การบริหารส่วนจังหวัด",
    "ทต": "เทศบาลตำบล",
    "อสม": "อาสาสมัครสาธารณสุขประจำหมู่บ้าน",
  };
  /* One of them standing alone in a query, its dot with it. */
  var ABBREVIATION = /(^|[^\u0E01-\u0E4E])(อบต|อบจ|ทต|อสม)(?![\u0E01-\u0E4E])\.?/g;
  /* Not a letter, mark or digit: where a word of the query is parted. */
  var PUNCTUATION = /[^\p{L}\p{M}\p{N}]/u;

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;

  var base = form.getAttribute("data-base") || "/";
  var indexUrl = form.getAttribute("data-index");
  var segmenter = null;
  try {
    segmenter = new Intl.Segmenter("th", { granularity: "word" });
  } catch (e) {
    segmenter = null; /* an old browser: the query is cut at spaces only */
  }

  var DIGIT = [];
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  var entry = null;
  var parts = new Map(); /* part number → Promise of Map word → pages */
  var positions = new Map(); /* part number → Promise of Map word → positions */
  var chunks = new Map(); /* chunk number → Promise of its pages */
  var asked = 0; /* the number of the latest query: an older answer is not shown */

  function fail(why) {
    status.textContent = why;
    form.setAttribute("data-failed", "true");
  }

  function notLoaded(res) {
    if (location.protocol === "file:") {
      return "ค้นหาไม่ได้เมื่อเปิดหน้านี้จากไฟล์ในเครื่อง (file://) เพราะเบราว์เซอร์ไม่ให้อ่านข้อมูลสำหรับค้นหา " +
        "ให้เปิดผ่านเว็บไซต์ หรือใช้คำสั่ง prongsai serve";
    }
    if (res && res.status === 404) {
      return "ไม่พบข้อมูลสำหรับค้นหา (search/index.json) บนเว็บไซต์นี้ อาจอัปโหลดไฟล์ไม่ครบ ให้สร้างเว็บไซต์ใหม่แล้วอัปโหลดโฟลเดอร์ search ทั้งโฟลเดอร์";
    }
    return "โหลดข้อมูลสำหรับค้นหาไม่ได้ ลองโหลดหน้านี้ใหม่อีกครั้ง";
  }

  function getJson(url) {
    return fetch(url).then(function (res) {
      if (!res.ok) {
        var e = new Error(String(res.status));
        e.res = res;
        throw e;
      }
      return res.json();
    });
  }

  function near(name) {
    return new URL(name, new URL(indexUrl, location.href)).href;
  }

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
    if (!entry || entry.numerals !== "thai") return s;
    return s.replace(/[0-9]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 48 + 0x0e50);
    });
  }

  function isThai(w) {
    return /^[\u0E01-\u0E5B]+$/.test(w);
  }
  function isNumber(w) {
    return /^[0-9]/.test(w);
  }
  function isMark(c) {
    return /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(c);
  }
  function baseLetters(w) {
    var n = 0;
    for (var i = 0; i < w.length; i++) if (!isMark(w[i])) n++;
    return n;
  }

  /* `w` parted where punctuation stands but between digits ("อบต.มุจลินท์" in two, "3,000"
     and "13.00" whole, as the index keeps them). */
  function apart(w) {
    var out = [];
    var from = 0;
    for (var i = 0; i <= w.length; i++) {
      var between = /[0-9]/.test(w[i - 1] || "") && /[0-9]/.test(w[i + 1] || "");
      if (i < w.length && !(PUNCTUATION.test(w[i]) && !between)) continue;
      if (i > from) out.push(w.slice(from, i));
      from = i + 1;
    }
    return out;
  }

  /* The query's words, cut as the index was: [{word, run}], `run` the space-separated
     piece it came from (words typed together should stand together). */
  function queryWords(q) {
    var words = [];
    norm(q.normalize("NFC").toLowerCase())
      .replace(/[\u200B\uFEFF\u2060]/g, " ")
      .split(/\s+/)
      .forEach(function (piece, run) {
        if (!piece) return;
        if (segmenter) {
          for (var it = segmenter.segment(piece)[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) {
            if (!s.value.isWordLike) continue;
            /* ICU keeps "อบต.มุจลินท์" one word; the index has no dots in its words. */
            apart(s.value.segment).forEach(function (w) {
              words.push({ word: w, run: run });
            });
          }
        } else {
          words.push({ word: piece, run: run });
        }
      });
    return words;
  }

  /* The number of the part that holds `word`. */
  function partOf(word) {
    var lo = 0;
    var hi = entry.parts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (entry.parts[mid][0] <= word) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function loadPart(n) {
    if (!parts.has(n)) {
      parts.set(
        n,
        getJson(near("p/" + entry.parts[n][1] + ".json")).then(function (items) {
          var m = new Map();
          items.forEach(function (item) {
            m.set(item[0], item[1]);
          });
          return m;
        })
      );
    }
    return parts.get(n);
  }

  /* The positions of `word` in each of its pages (a string), from the file beside its part. */
  function positionsOf(word) {
    var n = partOf(word);
    if (!positions.has(n)) {
      positions.set(
        n,
        getJson(near("q/" + entry.parts[n][2] + ".json")).then(function (items) {
          var m = new Map();
          items.forEach(function (item) {
            m.set(item[0], item[1]);
          });
          return m;
        })
      );
    }
    return positions.get(n).then(function (m) {
      return m.get(word);
    });
  }

  /* Maps word → pages of every part from the one of `lo` to the one of `hi`. */
  function loadRange(lo, hi) {
    var all = [];
    for (var n = partOf(lo); n <= partOf(hi); n++) all.push(loadPart(n));
    return Promise.all(all);
  }

  function has(maps, word) {
    for (var i = 0; i < maps.length; i++) if (maps[i].has(word)) return maps[i].get(word);
    return undefined;
  }

  /* A reader of the numbers written in `s`. */
  function Numbers(s) {
    this.s = s;
    this.i = 0;
  }
  Numbers.prototype.more = function () {
    return this.i < this.s.length;
  };
  Numbers.prototype.next = function () {
    var v = 0;
    var mul = 1;
    for (;;) {
      var d = DIGIT[this.s.charCodeAt(this.i++)];
      if (d >= 32) {
        v += (d - 32) * mul;
        mul *= 32;
      } else {
        return v + d * mul;
      }
    }
  };

  /* A word's pages as [{doc, mask, pos}]; `pos` is null unless its positions `at` are
     given. */
  function decode(pages, at) {
    var num = new Numbers(pages);
    var pn = at === undefined ? null : new Numbers(at);
    var out = [];
    var next = 0;
    while (num.more()) {
      var doc = next + num.next() - 1;
      next = doc + 1;
      var hit = { doc: doc, mask: num.next(), pos: null };
      if (pn) {
        var n = pn.next();
        var p = 0;
        hit.pos = new Array(n);
        for (var k = 0; k < n; k++) {
          p += pn.next();
          hit.pos[k] = p;
        }
      }
      out.push(hit);
    }
    return out;
  }

  function weight(mask) {
    var w = 0;
    for (var k = 0; k < 3; k++) if (mask & (1 << k)) w += WEIGHT[k];
    return w || 1; /* only inside a longer word */
  }

  /* `word` as a run of two or more words of `maps`; null if it is not one. */
  function asRun(word, maps) {
    var run = cuts(word, maps)[word.length];
    return run && run.length > 1 ? run : null;
  }

  /* The parts where a run of words making up `word` may be: from its start, those of the
     words that start where a word of the index found so far ends. */
  function runParts(word) {
    var reach = new Array(word.length + 1).fill(false);
    reach[0] = true;
    var maps = [];
    function from(i) {
      while (i < word.length && (!reach[i] || isMark(word[i]))) i++;
      if (i >= word.length) return Promise.resolve(maps);
      return loadRange(word.slice(i, i + 1), word.slice(i, i + LONGEST_WORD)).then(function (got) {
        maps = maps.concat(got);
        for (var j = i + 1; j <= Math.min(word.length, i + LONGEST_WORD); j++) {
          if (has(got, word.slice(i, j)) !== undefined && !(i === 0 && j === word.length)) reach[j] = true;
        }
        return from(i + 1);
      });
    }
    return from(0);
  }

  /* One letter added, left out or changed. */
  function oneOff(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
    if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
    return a.slice(i) === b.slice(i + 1);
  }

  /* Page → {score, exact, pos} for one query word, and the words of the index it was
     found as (for marking). `runs`: read a word the index has not as a run of its words;
     `phrase`: the word is in a phrase, so its positions are wanted. */
  function lookUp(word, runs, phrase) {
    var thai = isThai(word);
    var own = loadRange(word, word);
    var whole = own.then(function (maps) {
      var pages = has(maps, word);
      if (pages === undefined) return null;
      if (!phrase) return decode(pages);
      return positionsOf(word).then(function (at) {
        return decode(pages, at);
      });
    });
    /* A word the index has not: the words it may be made of, with their positions. */
    var run = whole.then(function (w) {
      if (w || !thai || !runs) return null;
      return runParts(word).then(function (maps) {
        var words = asRun(word, maps);
        if (!words) return null;
        return Promise.all(
          words.map(function (w) {
            return positionsOf(w).then(function (at) {
              return decode(has(maps, w), at);
            });
          })
        );
      });
    });
    return Promise.all([whole, run]).then(function (got) {
      var found = new Map();
      var shown = [word];
      if (got[0]) {
        got[0].forEach(function (p) {
          found.set(p.doc, { score: weight(p.mask) * (p.mask === 8 ? 1 : 2), exact: true, pos: p.pos });
        });
      }
      if (isNumber(word)) return { found: found, shown: shown };
      if (got[1]) {
        standingTogether(got[1]).forEach(function (h, doc) {
          if (!found.has(doc)) found.set(doc, { score: h.score, exact: true, pos: h.pos });
        });
      }
      return { found: found, shown: shown };
    });
  }

  /* Pages where words stand together, one right after another, from each word's pages
     with positions: page → {score, pos (where the first word starts)}. */
  function standingTogether(lists) {
    var each = lists.map(function (list) {
      var m = new Map();
      list.forEach(function (p) {
        m.set(p.doc, p);
      });
      return m;
    });
    var out = new Map();
    each[0].forEach(function (first, doc) {
      var all = each.every(function (m) {
        return m.has(doc);
      });
      if (!all) return;
      var starts = first.pos.filter(function (p) {
        return each.every(function (m, k) {
          return m.get(doc).pos.indexOf(p + k) !== -1;
        });
      });
      if (!starts.length) return;
      var score = 0;
      each.forEach(function (m) {
        score += weight(m.get(doc).mask);
      });
      out.set(doc, { score: score / each.length, pos: starts });
    });
    return out;
  }

  /* A word's pages with its positions in each. */
  function withPositions(w) {
    return Promise.all([loadRange(w, w), positionsOf(w)]).then(function (got) {
      return decode(has(got[0], w), got[1]);
    });
  }

  /* `s` cut into words of `maps` from its start: for each place, the words that make up
     `s` up to it (longer words first), or null where no words do. */
  function cuts(s, maps) {
    var best = new Array(s.length + 1).fill(null);
    best[0] = [];
    for (var i = 0; i < s.length; i++) {
      if (!best[i]) continue;
      for (var j = Math.min(s.length, i + LONGEST_WORD); j > i; j--) {
        if (!best[j] && has(maps, s.slice(i, j)) !== undefined) best[j] = best[i].concat([s.slice(i, j)]);
      }
    }
    return best;
  }

  /* A Thai run typed with one letter wrong (ประชาคมหมูบ้าน, ผู้ทรงคุนวุฒิ: the segmenter cuts
     the typo into pieces of no use): the runs of the index's words it may be, each made
     of words typed right, then one word of four letters or more with one letter wrong
     after its first two, then words typed right. */
  function nearRuns(word) {
    if (!isThai(word)) return Promise.resolve([]);
    return runParts(word).then(function (maps) {
      var before = cuts(word, maps);
      var tries = [];
      for (var i = 0; i + 2 <= word.length; i++) {
        if (before[i] && !isMark(word[i])) tries.push(i);
      }
      return Promise.all(
        tries.map(function (i) {
          var head = word.slice(i, i + 2);
          return loadRange(head, head + "\uffff").then(function (near) {
            var found = [];
            near.forEach(function (m) {
              m.forEach(function (_, w) {
                if (w.slice(0, 2) !== head || !isThai(w) || baseLetters(w) < 4) return;
                for (var end = i + w.length - 1; end <= Math.min(word.length, i + w.length + 1); end++) {
                  if (oneOff(word.slice(i, end), w)) found.push({ w: w, end: end });
                }
              });
            });
            return Promise.all(
              found.map(function (f) {
                var rest = word.slice(f.end);
                if (!rest) return before[i].concat([f.w]);
                return runParts(rest).then(function (m) {
                  var after = cuts(rest, m)[rest.length];
                  return after ? before[i].concat([f.w], after) : null;
                });
              })
            );
          });
        })
      ).then(function (all) {
        return [].concat.apply([], all).filter(function (r) {
          return r && r.length > 1;
        });
      });
    });
  }

  /* Pages where one of `runs` stands together, added to `got` below the pages found as
     typed, its words marked. */
  function addRuns(runs, got) {
    return Promise.all(
      runs.map(function (run) {
        return Promise.all(run.map(withPositions)).then(function (lists) {
          standingTogether(lists).forEach(function (h, doc) {
            if (!got.found.has(doc)) got.found.set(doc, { score: h.score / 2, exact: false, pos: null });
          });
          got.shown = got.shown.concat(run);
        });
      })
    ).then(function () {
      return got;
    });
  }

  /* A Thai word of four letters or more that found nothing as typed: the words of the
     index with one letter wrong after its first two (those are in the parts of its first
     two letters), added to `got` below the pages found as typed. */
  function nearBy(word, got) {
    if (!isThai(word) || baseLetters(word) < 4) return Promise.resolve(got);
    return loadRange(word.slice(0, 2), word.slice(0, 2) + "\uffff").then(function (maps) {
      maps.forEach(function (m) {
        m.forEach(function (pages, w) {
          if (!isThai(w) || baseLetters(w) < 4 || !oneOff(word, w)) return;
          got.shown.push(w);
          decode(pages).forEach(function (p) {
            if (got.found.has(p.doc)) return;
            got.found.set(p.doc, { score: weight(p.mask) / 2, exact: false, pos: null });
          });
        });
      });
      if (got.found.size) return got;
      /* No word of the index is it: a run of them may be (the letter wrong in one). */
      return nearRuns(word).then(function (runs) {
        return addRuns(runs, got);
      });
    });
  }

  /* Do the words of a piece stand together in a page (each right after the one before)? */
  function together(hits) {
    for (var i = 0; i + 1 < hits.length; i++) {
      if (!hits[i].pos || !hits[i + 1].pos) return false;
      var b = hits[i + 1].pos;
      var ok = hits[i].pos.some(function (p) {
        return b.indexOf(p + 1) !== -1;
      });
      if (!ok) return false;
    }
    return true;
  }

  /* Do the words of a piece follow each other in a page, each within NEAR words of the one
     before ("ประชาคมบ้านดอนศาลา ทั้งสองหมู่บ้าน" for ประชาคมหมู่บ้าน)? true, false, or
     null when it cannot be told (a word kept with all its MAX_POSITIONS may stand near
     further on; one found only inside a longer word has no positions). */
  function nearEach(hits) {
    var at = null;
    for (var i = 0; i < hits.length; i++) {
      var pos = hits[i].pos;
      if (!pos || !pos.length || pos.length >= MAX_POSITIONS) return null;
      at = i === 0 ? pos : pos.filter(function (p) {
        return at.some(function (q) {
          return p > q && p - q <= NEAR;
        });
      });
      if (!at.length) return false;
    }
    return true;
  }

  /* The query's pieces (what was typed between spaces), each with its words. */
  function pieces(q) {
    var out = [];
    queryWords(q).forEach(function (w) {
      var last = out[out.length - 1];
      if (last && last.run === w.run) last.words.push(w.word);
      else out.push({ run: w.run, words: [w.word] });
    });
    out.forEach(function (p) {
      p.text = p.words.join("");
    });
    return out;
  }

  /* What a piece finds in each page: its words, or (typed with a letter wrong, which the
     segmenter cuts into pieces of no use) the piece read whole. */
  function pieceHits(piece, lookups) {
    var hits = new Map();
    var words = piece.words.map(function (w) {
      return lookups.get(w).found;
    });
    words[0].forEach(function (_, doc) {
      var each = [];
      for (var i = 0; i < words.length; i++) {
        var h = words[i].get(doc);
        if (!h) return;
        each.push(h);
      }
      var score = 0;
      var exact = true;
      each.forEach(function (h) {
        score += h.score;
        exact = exact && h.exact;
      });
      var close = each.length < 2 || together(each);
      hits.set(doc, { exact: exact, together: close, near: close || nearEach(each), score: score });
    });
    var whole = lookups.get("\u0000" + piece.text);
    if (whole) {
      whole.found.forEach(function (h, doc) {
        if (!hits.has(doc)) hits.set(doc, { exact: h.exact, together: true, near: true, score: h.score });
      });
    }
    /* Words typed together and found near each other somewhere: pages where they stand
       far apart are not what was asked. */
    var someNear = false;
    hits.forEach(function (h) {
      if (h.near) someNear = true;
    });
    if (someNear) {
      hits.forEach(function (h, doc) {
        if (h.near === false) hits.delete(doc);
      });
    }
    return hits;
  }

  function search(q) {
    var ps = pieces(q);
    var asks = [];
    ps.forEach(function (p) {
      p.words.forEach(function (w) {
        if (asks.indexOf(w) === -1) asks.push(w);
      });
    });
    /* Words of a phrase (a piece of two or more) need their positions. */
    var phrase = new Set();
    ps.forEach(function (p) {
      if (p.words.length > 1) p.words.forEach(phrase.add, phrase);
    });
    var lookups = new Map();
    return Promise.all(
      asks.map(function (w) {
        return lookUp(w, true, phrase.has(w)).then(function (got) {
          lookups.set(w, got);
        });
      })
    )
      .then(function () {
        /* What found nothing as typed (a word; a phrase whose words stand near each
           other nowhere, as when the segmenter cut a typo into useless pieces) is looked
           up again: a phrase whole, as a run of the index's words, then with a letter
           wrong. */
        var again = [];
        ps.forEach(function (p) {
          if (p.words.length === 1) {
            var got = lookups.get(p.text);
            if (!got.found.size) again.push(nearBy(p.text, got));
            return;
          }
          var apart = true;
          pieceHits(p, lookups).forEach(function (h) {
            if (h.near) apart = false;
          });
          if (apart && !lookups.has("\u0000" + p.text)) {
            again.push(
              lookUp(p.text, true, false)
                .then(function (got) {
                  return nearBy(p.text, got);
                })
                .then(function (got) {
                  lookups.set("\u0000" + p.text, got);
                })
            );
          }
        });
        return Promise.all(again);
      })
      .then(function () {
        var marks = [];
        lookups.forEach(function (got) {
          marks = marks.concat(got.shown);
        });
        var found = [];
        var hits = ps.map(function (p) {
          return pieceHits(p, lookups);
        });
        if (hits.length) {
          hits[0].forEach(function (_, doc) {
            var r = { doc: doc, exact: 0, together: 0, near: 0, score: 0 };
            for (var i = 0; i < hits.length; i++) {
              var h = hits[i].get(doc);
              if (!h) return;
              r.exact += h.exact ? 1 : 0;
              r.together += h.together ? 1 : 0;
              r.near += h.near ? 1 : 0;
              r.score += h.score;
            }
            found.push(r);
          });
        }
        found.sort(better);
        return { words: asks, marks: marks, found: found };
      });
  }

  /* As written first, then standing together, then near, then the best; equal ones newest
     first (the site lists pages oldest first). */
  function better(a, b) {
    return b.exact - a.exact || b.together - a.together || b.near - a.near || b.score - a.score || b.doc - a.doc;
  }

  /* `q` with each abbreviation an office writes in full as well written out, standing
     alone (not inside a word: มอบตัว): "อบต.มุจลินท์" is also "องค์การบริหารส่วนตำบลมุจลินท์";
     null if it has none. */
  function spelledOut(q) {
    var out = q.replace(ABBREVIATION, function (all, before, short) {
      return before + ABBREVIATIONS[short];
    });
    return out === q ? null : out;
  }

  /* What `q` finds, and, when it has an abbreviation, what it finds written out: the
     pages of either, each ranked as the better of the two. */
  function searchAll(q) {
    var full = spelledOut(q);
    if (!full) return search(q);
    return Promise.all([search(q), search(full)]).then(function (two) {
      var best = new Map();
      two.forEach(function (r) {
        r.found.forEach(function (h) {
          var had = best.get(h.doc);
          if (!had || better(h, had) < 0) best.set(h.doc, h);
        });
      });
      var found = Array.from(best.values()).sort(better);
      return {
        words: two[0].words.concat(two[1].words),
        marks: two[0].marks.concat(two[1].marks),
        found: found,
      };
    });
  }

  function loadChunk(n) {
    if (!chunks.has(n)) chunks.set(n, getJson(near("c/" + entry.chunks[n] + ".json")));
    return chunks.get(n);
  }

  /* What a result shows of page `doc`: [url, title, meta, excerpt]. */
  function docInfo(doc) {
    return loadChunk(Math.floor(doc / entry.chunk)).then(function (c) {
      return c[doc % entry.chunk];
    });
  }

  /* Text compared with query words, places kept (lower case only where it keeps them). */
  function comparable(text) {
    var lower = text.toLowerCase();
    return norm(lower.length === text.length ? lower : text);
  }

  /* `text` into `into`, each of `words` in it marked. */
  function marked(into, text, words) {
    var hay = comparable(text);
    var ranges = [];
    words.forEach(function (w) {
      if (!w) return;
      for (var at = hay.indexOf(w); at !== -1; at = hay.indexOf(w, at + w.length)) {
        /* A number is marked whole: 3 not inside 13. */
        if (isNumber(w) && (/[0-9]/.test(hay.charAt(at - 1)) || /[0-9]/.test(hay.charAt(at + w.length)))) continue;
        ranges.push([at, at + w.length]);
      }
    });
    ranges.sort(function (a, b) {
      return a[0] - b[0];
    });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[1] <= pos) return;
      var from = Math.max(r[0], pos);
      if (from > pos) into.appendChild(document.createTextNode(text.slice(pos, from)));
      var m = document.createElement("mark");
      m.textContent = text.slice(from, r[1]);
      into.appendChild(m);
      pos = r[1];
    });
    if (pos < text.length) into.appendChild(document.createTextNode(text.slice(pos)));
  }

  function result(info, marks) {
    var li = document.createElement("li");
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = base + info[0];
    marked(a, info[1], marks);
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = info[2];
    li.appendChild(meta);
    if (info[3]) {
      var p = document.createElement("p");
      p.className = "snippet";
      marked(p, info[3], marks);
      li.appendChild(p);
    }
    return li;
  }

  /* Results `from` on, a page of them (in place of those shown when `from` is 0), then a
     button for more. */
  function showFrom(r, q, from, mine) {
    var slice = r.found.slice(from, from + PAGE);
    return Promise.all(
      slice.map(function (hit) {
        return docInfo(hit.doc);
      })
    ).then(function (infos) {
      if (mine !== asked) return;
      var old = document.getElementById("search-more");
      if (old) old.parentNode.removeChild(old);
      if (from === 0) list.textContent = "";
      var frag = document.createDocumentFragment();
      infos.forEach(function (info) {
        if (info) frag.appendChild(result(info, r.marks));
      });
      list.appendChild(frag);
      if (from + PAGE < r.found.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.id = "search-more";
        more.className = "search-more";
        more.textContent = "แสดงเพิ่มอีก " + digits(Math.min(PAGE, r.found.length - from - PAGE)) + " รายการ";
        more.addEventListener("click", function () {
          showFrom(r, q, from + PAGE, mine);
        });
        list.parentNode.insertBefore(more, list.nextSibling);
      }
    });
  }

  function show(q) {
    var mine = ++asked;
    var t0 = performance.now();
    return searchAll(q).then(
      function (r) {
        if (mine !== asked) return;
        var said = "“" + q.trim() + "”";
        return showFrom(r, q, 0, mine).then(function () {
          if (mine !== asked) return;
          if (!r.words.length) {
            status.textContent = "พิมพ์คำที่ต้องการค้นหา";
          } else if (!r.found.length) {
            status.textContent = "ไม่พบหน้าที่ตรงกับ " + said;
          } else {
            status.textContent = "พบ " + digits(r.found.length) + " รายการที่ตรงกับ " + said;
          }
          list.setAttribute("data-ms", (performance.now() - t0).toFixed(1));
          list.setAttribute("data-query", q);
        });
      },
      function (e) {
        if (mine === asked) fail(notLoaded(e && e.res));
      }
    );
  }

  function setQueryInAddress(q) {
    history.replaceState(null, "", location.pathname + (q ? "?q=" + encodeURIComponent(q) : ""));
  }

  input.value = new URLSearchParams(location.search).get("q") || "";
  status.textContent = "กำลังโหลดข้อมูลสำหรับค้นหา…";
  var loadStart = performance.now();
  var ready;
  try {
    ready = getJson(indexUrl);
  } catch (e) {
    ready = Promise.reject(e);
  }
  ready
    .then(function (data) {
      if (!data || data.version !== VERSION) throw new Error("version");
      entry = data;
      list.setAttribute("data-load-ms", (performance.now() - loadStart).toFixed(1));
      form.setAttribute("data-ready", "true");
      return show(input.value);
    })
    .catch(function (e) {
      fail(notLoaded(e && e.res));
    });

  function again(ev) {
    if (ev) ev.preventDefault();
    if (!entry) return;
    show(input.value);
    setQueryInAddress(input.value);
  }
  input.addEventListener("input", function () {
    again(null);
  });
  form.addEventListener("submit", again);
})();
