// The editor's few lines of plain JavaScript: collect the form, ask the server to check it
// (debounced), put each message at its field, save. No framework, nothing to build.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="prongsai-token"]').content;

  function post(path, data) {
    return fetch("/__prongsai/edit/" + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Prongsai-Token": token },
      body: JSON.stringify(data)
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }

  // The program closed: say so, keep the form.
  if (window.EventSource) {
    var es = new EventSource("/__prongsai/events");
    var banner = document.getElementById("offline");
    es.onerror = function () { banner.hidden = false; };
    es.onopen = function () { banner.hidden = true; };
    // A browser keeps six connections to a server: one held by a page left behind would
    // soon leave none for the form's checks.
    window.addEventListener("pagehide", function () { es.close(); });
  }

  var nd = document.getElementById("new-disclosure");
  if (nd) {
    nd.addEventListener("submit", function (e) {
      e.preventDefault();
      var msg = document.getElementById("new-disclosure-msg");
      post("new-disclosure", { code: nd.code.value, year: Number(nd.dataset.year) }).then(function (r) {
        msg.textContent = r.status === 200 ? "สร้างไฟล์ " + r.body.file + " แล้ว (เป็นร่าง)" : r.body.error;
        // Straight to the new page's form: it is what the person fills in next.
        if (r.status === 200) { location.href = "/__prongsai/edit/page?file=" + encodeURIComponent(r.body.file); }
      });
    });
  }

  // Files: a report is imported (then its form opens), anything else is attached.
  var form = document.getElementById("doc");
  var upMsg = document.getElementById("upload-msg");
  var lastFy = null;
  function upload(file) {
    var q = "name=" + encodeURIComponent(file.name);
    if (lastFy) { q += "&fy=" + lastFy; }
    var keep = document.getElementById("attach-original");
    if (keep && !keep.checked) { q += "&attach=0"; }
    upMsg.textContent = "กำลังส่งไฟล์ " + file.name + "…";
    return fetch("/__prongsai/edit/upload?" + q, {
      method: "POST", headers: { "X-Prongsai-Token": token }, body: file
    }).then(function (r) {
      return r.json().then(function (b) {
        if (r.status !== 200) { upMsg.textContent = file.name + ": " + b.error; return; }
        if (b.imported) {
          // Its form shows the import's warnings at their fields (the server keeps them).
          location.href = "/__prongsai/edit/meeting?file=" + encodeURIComponent(b.imported);
          return;
        }
        upMsg.textContent = "แนบไฟล์ " + b.attachment + " แล้ว (กดบันทึกเพื่อเก็บไว้ในหน้านี้)";
        if (form) { addItem(form.querySelector('[data-field="attachments"]'), b.attachment); }
      });
    }, function () { upMsg.textContent = "ส่งไฟล์ไม่สำเร็จ: ติดต่อโปรแกรม prongsai ไม่ได้"; });
  }
  var picker = document.getElementById("upload");
  if (picker) {
    picker.addEventListener("change", function () {
      Array.prototype.forEach.call(picker.files, upload);
      picker.value = "";
    });
    document.addEventListener("dragover", function (e) { e.preventDefault(); });
    document.addEventListener("drop", function (e) {
      e.preventDefault();
      Array.prototype.forEach.call(e.dataTransfer.files, upload);
    });
  }

  function addItem(field, value) {
    if (!field) { return null; }
    var items = field.querySelector(".items");
    var n = document.createElement("li");
    n.className = "item";
    var tpl = field.querySelector("template");
    if (tpl) { n.appendChild(tpl.content.cloneNode(true)); }
    else {
      var i = document.createElement("input");
      i.type = "text";
      i.setAttribute("aria-label", field.querySelector("legend").textContent + " ข้อที่ " + (items.children.length + 1));
      if (value) { i.value = value; }
      n.appendChild(i);
    }
    var tools = document.createElement("span");
    tools.className = "rowtools";
    tools.innerHTML = '<button type="button" data-act="up">ขึ้น</button><button type="button" data-act="down">ลง</button><button type="button" data-act="remove">ลบ</button>';
    n.appendChild(tools);
    var d = document.createElement("ul");
    d.className = "diags row-diags";
    n.appendChild(d);
    items.appendChild(n);
    if (value && form) { form.dispatchEvent(new Event("input")); }
    return n;
  }

  if (!form) { return; }

  // A cell's value: a tick, a list (a line each), or text.
  function value(i) {
    if (i.type === "checkbox") { return i.checked; }
    if (i.hasAttribute("data-lines")) {
      return i.value.split("\n").map(function (l) { return l.trim(); }).filter(function (l) { return l; });
    }
    return i.value;
  }

  function collect() {
    var fields = {};
    form.querySelectorAll("[data-field]").forEach(function (el) {
      var key = el.dataset.field, kind = el.dataset.kind;
      if (kind === "body") { return; }
      if (kind === "bool") { fields[key] = el.querySelector("input").checked; }
      else if (kind === "list") {
        fields[key] = Array.prototype.map.call(el.querySelectorAll(".items > .item > input"), function (i) { return i.value; });
      } else if (kind === "rows") {
        fields[key] = Array.prototype.map.call(el.querySelectorAll(".items > .item"), function (li) {
          var row = {};
          li.querySelectorAll("[data-col]").forEach(function (i) { row[i.dataset.col] = value(i); });
          return row;
        });
      } else if (kind === "group") {
        fields[key] = {};
        el.querySelectorAll("[data-sub]").forEach(function (i) { fields[key][i.dataset.sub] = value(i); });
      } else { fields[key] = el.querySelector("input, textarea, select").value; }
    });
    var body = document.getElementById("f-body");
    return body ? { fields: fields, body: body.value } : { fields: fields };
  }

  function request(confirm) {
    return { file: form.dataset.file || null, hash: form.dataset.hash, form: collect(), confirm: confirm || [] };
  }

  function li(text, cls) {
    var e = document.createElement("li");
    e.className = cls;
    e.textContent = text;
    return e;
  }

  function show(c) {
    form.querySelectorAll(".diags").forEach(function (u) { u.textContent = ""; });
    c.diagnostics.forEach(function (d) {
      var text = (d.severity === "error" ? "ข้อผิดพลาด " : "คำเตือน ") + d.code + ": " + d.message;
      var cls = d.severity === "error" ? "err" : "warn";
      var box = null;
      if (d.field) {
        var f = form.querySelector('[data-field="' + d.field + '"]');
        if (f && d.row !== null && d.row !== undefined) {
          var rows = f.querySelectorAll(".items > .item");
          if (rows[d.row]) { box = rows[d.row].querySelector(".row-diags"); }
        }
        if (!box) { box = document.getElementById("d-" + d.field); }
      }
      if (!box) { box = document.getElementById("general"); }
      var item = li(text + " ", cls);
      var how = document.createElement("a");
      how.href = "/__prongsai/edit/guide#" + d.code;
      how.target = "_blank";
      how.textContent = "วิธีแก้ " + d.code;
      item.appendChild(how);
      // A role in no group is fixed in the settings' groups: a tab of its own, so that
      // this form keeps what was typed.
      if (d.code === "PS0304") {
        var set = document.createElement("a");
        set.href = "/__prongsai/edit/site";
        set.target = "_blank";
        set.className = "fix";
        set.textContent = "เพิ่มตำแหน่งในตั้งค่าเว็บไซต์";
        item.appendChild(document.createTextNode(" "));
        item.appendChild(set);
      }
      box.appendChild(item);
    });
    var ita = document.getElementById("ita");
    if (ita) {
      ita.textContent = "";
      c.ita.forEach(function (p) { ita.appendChild(li((p[1] ? "ครบ: " : "ยังไม่มี: ") + p[0], p[1] ? "ok" : "warn")); });
    }
    var shown = document.getElementById("shown-date");
    if (shown) { shown.textContent = c.date_shown ? "อ่านได้เป็น " + c.date_shown : ""; }
    var at = document.getElementById("shown-slug");
    if (at) { at.textContent = c.page ? "หน้านี้อยู่ที่ " + c.page : ""; }
    var pv = document.getElementById("preview");
    // A form that does not read as a meeting keeps the last preview.
    if (pv && c.preview && pv.srcdoc !== c.preview) { pv.srcdoc = c.preview; }
  }

  // The sum beside attendees_total, at once, without the server.
  function sum() {
    var s = 0;
    form.querySelectorAll('[data-field="attendees"] input[data-col="count"]').forEach(function (i) {
      var n = parseInt(i.value.replace(/[๐-๙]/g, function (d) { return d.charCodeAt(0) - 0x0E50; }), 10);
      if (!isNaN(n)) { s += n; }
    });
    var out = document.getElementById("attendee-sum");
    if (out) { out.textContent = "รวมจากตารางผู้มีส่วนร่วม: " + s + " คน"; }
  }

  // While a check of what was typed is waiting or under way, the form is aria-busy: what
  // it shows may still be about an earlier state of the input.
  var timer = null, seq = 0, waiting = false;
  function check() {
    clearTimeout(timer);
    waiting = true;
    form.setAttribute("aria-busy", "true");
    timer = setTimeout(function () {
      waiting = false;
      var mine = ++seq;
      var done = function () { if (mine === seq && !waiting) { form.removeAttribute("aria-busy"); } };
      post("check", request()).then(function (r) {
        if (mine !== seq) { return; }
        if (r.status === 200) {
          show(r.body);
          form.dataset.checked = String(mine);
          // The fiscal year in the page's URL (`2569/…`, `ita/2569/o1/`), for attachments.
          var fy = r.body.url && r.body.url.match(/(^|\/)(\d{4})\//);
          if (fy) { lastFy = fy[2]; }
        }
        done();
      }, done);
    }, 150);
  }

  form.addEventListener("input", function (e) {
    // A day picked on the calendar (C.E.) is written as the file writes it, in B.E.
    var pick = e.target.dataset && e.target.dataset.pick;
    if (pick && e.target.value) {
      var p = e.target.value.split("-");
      document.getElementById(pick).value = (Number(p[0]) + 543) + "-" + p[1] + "-" + p[2];
    }
    sum();
    check();
  });
  form.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-act]");
    if (!b) { return; }
    var field = b.closest("[data-field]");
    var items = field.querySelector(".items");
    var item = b.closest(".item");
    var act = b.dataset.act;
    if (act === "add") {
      addItem(field).querySelector("input").focus();
    } else if (act === "remove") { item.remove(); }
    else if (act === "up" && item.previousElementSibling) { items.insertBefore(item, item.previousElementSibling); b.focus(); }
    else if (act === "down" && item.nextElementSibling) { items.insertBefore(item.nextElementSibling, item); b.focus(); }
    sum();
    check();
  });

  var msg = document.getElementById("save-msg");
  function save(confirm) {
    msg.textContent = "กำลังบันทึก…";
    post("save", request(confirm)).then(function (r) {
      var b = r.body;
      if (r.status === 200) {
        form.dataset.hash = b.hash;
        form.dataset.file = b.file;
        document.getElementById("conflict").hidden = true;
        msg.textContent = "";
        msg.appendChild(document.createTextNode(b.draft
          ? "บันทึกแล้ว (" + b.file + ") เป็นฉบับร่าง: ร่างยังไม่ขึ้นเว็บไซต์และไม่ถูกส่งเมื่อกดเผยแพร่ เมื่อพร้อม เอาติ๊ก \"ฉบับร่าง\" ออกแล้วกดบันทึกอีกครั้ง "
          : "บันทึกแล้ว (" + b.file + ") "));
        if (b.url) {
          var a = document.createElement("a");
          a.href = b.url;
          a.id = "saved-page";
          a.textContent = "ดูหน้านี้ในเว็บไซต์";
          msg.appendChild(a);
        }
        if (!location.search && b.file) { history.replaceState(null, "", "?file=" + encodeURIComponent(b.file)); }
      } else if (b.ask) {
        if (window.confirm(b.error)) { save((confirm || []).concat([b.ask])); } else { msg.textContent = "ยังไม่ได้บันทึก"; }
      } else if (b.conflict) {
        msg.textContent = b.error;
        document.getElementById("conflict-disk").textContent = b.disk;
        document.getElementById("conflict-ours").textContent = b.ours;
        document.getElementById("conflict").hidden = false;
      } else { msg.textContent = b.error || "บันทึกไม่สำเร็จ"; }
    }, function () { msg.textContent = "บันทึกไม่สำเร็จ: ติดต่อโปรแกรม prongsai ไม่ได้ (โปรแกรมอาจปิดไปแล้ว)"; });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); save(); });
  // A blank a new file leaves to fill ("ระบุสถานที่…") is selected on entering its box, so
  // that what is typed replaces it.
  // (A click's mouseup would put the caret back in it: that one is let pass.)
  var picked = null;
  form.addEventListener("focusin", function (e) {
    var t = e.target;
    if (t.tagName === "INPUT" && t.type === "text" && /^ระบุ.*(…|\.\.\.)$/.test(t.value.trim())) {
      t.select();
      picked = t;
    }
  });
  form.addEventListener("mouseup", function (e) {
    if (e.target === picked) { e.preventDefault(); }
    picked = null;
  });
  sum();
  check();
})();
