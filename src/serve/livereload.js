// prongsai serve: reloads the page after each successful rebuild and shows build errors
// over it. Added by `prongsai serve` only; pages built with `prongsai build` never have it.
(function () {
  "use strict";
  if (window.__prongsai) return;
  window.__prongsai = true;

  var me = document.currentScript;
  // The build this page came from; any other good build means the page is out of date.
  var pageVersion = (me && me.getAttribute("data-version")) || "";
  var box = null;

  var css =
    "#prongsai-overlay{all:initial;position:fixed;z-index:2147483647;left:0;right:0;top:0;" +
    "max-height:80vh;overflow:auto;box-sizing:border-box;padding:1rem 1.25rem;" +
    "background:#fff;color:#111;border-bottom:6px solid #b00020;box-shadow:0 4px 24px rgba(0,0,0,.45);" +
    "font:16px/1.6 system-ui,'Noto Sans Thai','Sarabun','Loma','Garuda',sans-serif}" +
    "#prongsai-overlay *{box-sizing:border-box;font:inherit;color:inherit}" +
    "#prongsai-overlay h2{display:block;margin:0 0 .25rem;font-size:1.2rem;font-weight:700;color:#b00020}" +
    "#prongsai-overlay p{display:block;margin:0 0 .75rem}" +
    "#prongsai-overlay ul{display:block;margin:0;padding:0;list-style:none}" +
    "#prongsai-overlay li{display:block;margin:0 0 .5rem;padding:.5rem .75rem;background:#fdecee;border-left:4px solid #b00020}" +
    "#prongsai-overlay li.w{background:#fff6dc;border-left-color:#7a5200}" +
    "#prongsai-overlay code{display:block;font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.9rem;font-weight:700;word-break:break-all}" +
    "#prongsai-overlay details{display:block;margin-top:.75rem}" +
    "#prongsai-overlay summary{display:list-item;cursor:pointer;font-weight:700}" +
    "#prongsai-overlay button{float:right;margin:0 0 .5rem 1rem;padding:.25rem .75rem;border:2px solid #111;" +
    "border-radius:4px;background:#fff;cursor:pointer}" +
    "#prongsai-overlay button:focus{outline:3px solid #1a4fd6;outline-offset:2px}";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    // Messages quote the webmaster's files: text only, never markup.
    if (text != null) e.textContent = text;
    return e;
  }

  function where(d) {
    if (!d.file) return "";
    return d.line > 0 ? d.file + ":" + d.line + ":" + Math.max(d.column, 1) : d.file;
  }

  function item(d) {
    var li = el("li", d.severity === "error" ? {} : { class: "w" });
    li.appendChild(el("code", {}, (d.severity === "error" ? "ข้อผิดพลาด " : "คำเตือน ") + where(d)));
    li.appendChild(el("span", {}, d.message));
    return li;
  }

  function hide() {
    if (box) box.remove();
    box = null;
  }

  function show(st) {
    hide();
    box = el("div", { id: "prongsai-overlay", role: "alert", lang: "th", "aria-live": "assertive" });
    box.appendChild(el("style", {}, css));
    var close = el("button", { type: "button" }, "ซ่อน");
    close.addEventListener("click", hide);
    box.appendChild(close);
    box.appendChild(el("h2", {}, "สร้างเว็บไซต์ใหม่ไม่สำเร็จ: ข้อผิดพลาด " + st.errors + " รายการ"));
    box.appendChild(
      el("p", {}, "หน้านี้ยังเป็นเว็บไซต์ที่สร้างได้ครั้งล่าสุด แก้ไฟล์ตามรายการแล้วบันทึก หน้าจะโหลดใหม่เอง")
    );
    var errors = el("ul");
    var warnings = el("ul");
    st.diagnostics.forEach(function (d) {
      (d.severity === "error" ? errors : warnings).appendChild(item(d));
    });
    box.appendChild(errors);
    if (st.warnings > 0) {
      var det = el("details");
      var more = st.omitted > 0 ? " (แสดง " + (st.warnings - st.omitted) + " รายการแรก ดูทั้งหมดในหน้าต่างคำสั่ง)" : "";
      det.appendChild(el("summary", {}, "คำเตือน " + st.warnings + " รายการ" + more));
      det.appendChild(warnings);
      box.appendChild(det);
    }
    if (st.drafts.length > 0) {
      var drafts = el("details");
      drafts.appendChild(el("summary", {}, "ปัญหาของฉบับร่าง " + st.drafts.length + " รายการ (ไม่หยุดการสร้าง)"));
      var list = el("ul");
      st.drafts.forEach(function (d) {
        list.appendChild(item(d));
      });
      drafts.appendChild(list);
      box.appendChild(drafts);
    }
    (document.body || document.documentElement).appendChild(box);
  }

  // A build that succeeded with drafts that still have problems: the page is the new one;
  // the drafts' problems are listed, and the rest of the site goes on updating.
  function showDrafts(st) {
    hide();
    box = el("div", { id: "prongsai-overlay", role: "status", lang: "th", "aria-live": "polite" });
    box.appendChild(el("style", {}, css));
    var close = el("button", { type: "button" }, "ซ่อน");
    close.addEventListener("click", hide);
    box.appendChild(close);
    var errors = st.drafts.filter(function (d) { return d.severity === "error"; });
    box.appendChild(el("h2", {}, "ร่างยังมีข้อผิดพลาด " + errors.length + " รายการ"));
    box.appendChild(el("p", {}, "ส่วนอื่นของเว็บไซต์สร้างใหม่แล้วตามปกติ ร่างไม่ขึ้นเว็บไซต์จริงจนกว่าจะแก้ข้อผิดพลาดแล้วเอาติ๊ก \"ฉบับร่าง\" ออกในตัวแก้ไข"));
    var list = el("ul");
    errors.forEach(function (d) {
      list.appendChild(item(d));
    });
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  function onStatus(st) {
    if (st.ok) {
      if (st.version !== pageVersion) {
        location.reload();
        return;
      }
      // Only a draft's errors cover the page: warnings are what a draft is still waiting
      // for (an imported report not yet checked), and its form shows them.
      var broken = st.drafts.some(function (d) { return d.severity === "error"; });
      if (broken) showDrafts(st);
      else hide();
    } else {
      show(st);
    }
  }

  var es = null;
  function connect() {
    if (es) return;
    var source = (es = new EventSource("/__prongsai/events"));
    source.addEventListener("status", function (e) {
      onStatus(JSON.parse(e.data));
    });
    source.onerror = function () {
      // The browser retries by itself unless it gave up (e.g. an error response while the
      // server restarts); then start again.
      if (source.readyState === EventSource.CLOSED && es === source) {
        es = null;
        setTimeout(connect, 1000);
      }
    };
  }
  function disconnect() {
    if (es) es.close();
    es = null;
  }
  // Browsers allow about six connections to one server: tabs in the background let go of
  // theirs, and on coming back the first status says whether the page is out of date.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect();
    else connect();
  });
  if (!document.hidden) connect();
})();
