// The publish page: start a dry run, show what the program reports (polled), and pass on
// the person's answers (trust a new host, go). Text goes in as text, never as HTML.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="prongsai-token"]').content;
  var form = document.getElementById("deploy");
  var to = document.getElementById("deploy-to");
  var pw = document.getElementById("deploy-password");
  var pp = document.getElementById("deploy-passphrase");
  var state = document.getElementById("deploy-state");
  var statusEl = document.getElementById("deploy-status");
  var warning = document.getElementById("deploy-warning");
  var trustView = document.getElementById("deploy-trust");
  var planView = document.getElementById("deploy-plan-view");
  var progressView = document.getElementById("deploy-progress-view");
  var bar = document.getElementById("deploy-progress");
  var diags = document.getElementById("deploy-diagnostics");
  var yesRow = document.getElementById("deploy-yes-row");
  var yes = document.getElementById("deploy-yes");
  var job = null, timer = null, lastPhase = null;

  function post(path, data) {
    return fetch("/__prongsai/edit/deploy/" + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Prongsai-Token": token },
      body: JSON.stringify(data)
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }

  // Which secret the destination asks for: none for a folder, the key's passphrase for
  // sftp with a key file in site.yaml, else the password.
  function fields() {
    var m = /^\s*(s?ftps?):\/\//i.exec(to.value);
    var scheme = m ? m[1].toLowerCase() : "";
    var key = form.dataset.key === "yes" && scheme === "sftp";
    document.getElementById("password-field").hidden = !scheme || key;
    document.getElementById("passphrase-field").hidden = !key;
  }
  to.addEventListener("input", fields);
  fields();

  function fill(list, items, count) {
    var ul = list.querySelector("ul");
    ul.textContent = "";
    items.forEach(function (p) { var li = document.createElement("li"); li.textContent = p; ul.appendChild(li); });
    if (count > items.length) {
      var more = document.createElement("li");
      more.textContent = "… และอีก " + (count - items.length) + " ไฟล์";
      ul.appendChild(more);
    }
    list.hidden = count === 0;
  }

  function say(text, code) {
    statusEl.textContent = text;
    if (code) {
      statusEl.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.href = "/__prongsai/edit/guide#" + code;
      a.textContent = "[" + code + "]";
      a.className = "code";
      statusEl.appendChild(a);
    }
  }

  function show(s) {
    state.hidden = false;
    warning.hidden = !s.warning;
    warning.textContent = s.warning || "";
    trustView.hidden = s.phase !== "trust";
    planView.hidden = s.phase !== "planned";
    progressView.hidden = s.phase !== "sending" && s.phase !== "done";
    if (s.phase !== "failed") { diags.textContent = ""; }
    if (s.phase === "building") { say("กำลังสร้างเว็บไซต์ (ไม่รวมฉบับร่าง)…"); }
    else if (s.phase === "connecting") { say("กำลังเชื่อมต่อ " + s.to + " …"); }
    else if (s.phase === "trust") {
      say(s.message);
      document.getElementById("deploy-fingerprint").textContent = s.fingerprint;
    } else if (s.phase === "planned") {
      if (lastPhase !== "planned") {
        var head = "ตรวจแล้ว ยังไม่ได้ส่งอะไร: " + (s.empty ? s.to + " เป็นเว็บไซต์ล่าสุดอยู่แล้ว ไม่มีอะไรต้องส่ง" : s.summary + " ที่ " + s.to);
        if (s.resumes) { head += " (การส่งครั้งก่อนค้างอยู่ ครั้งนี้จะส่งต่อให้ครบ)"; }
        say(head);
        var ny = document.getElementById("deploy-needs-yes");
        ny.textContent = "";
        s.needs_yes.forEach(function (w) { var li = document.createElement("li"); li.className = "warn"; li.textContent = w; ny.appendChild(li); });
        yesRow.hidden = s.needs_yes.length === 0;
        yes.checked = false;
        fill(document.getElementById("deploy-send-list"), s.send, s.send_count);
        fill(document.getElementById("deploy-remove-list"), s.remove, s.remove_count);
        document.getElementById("deploy-go").hidden = s.empty;
      }
    } else if (s.phase === "sending") {
      say(s.shown);
      bar.max = Math.max(s.of_bytes, 1);
      bar.value = s.bytes;
    } else if (s.phase === "done") {
      say(s.message);
      bar.max = 1; bar.value = 1;
    } else if (s.phase === "failed") {
      say(s.message + (s.hint ? " " + s.hint : ""), s.code);
      diags.textContent = "";
      s.diagnostics.forEach(function (d) { var li = document.createElement("li"); li.className = "err"; li.textContent = d; diags.appendChild(li); });
    }
    state.dataset.phase = s.phase;
    lastPhase = s.phase;
  }

  // A poll sent before an answer (trust, go, cancel) may come back after it with the state
  // the answer ended: it is dropped, so that the page never shows the question again.
  var epoch = 0;
  function poll() {
    clearTimeout(timer);
    var mine = epoch;
    fetch("/__prongsai/edit/deploy/status").then(function (r) { return r.json(); }).then(function (s) {
      if (mine !== epoch) { return; }
      if (s.phase === "idle" || (job !== null && s.job !== job)) { return; }
      job = s.job;
      show(s);
      if (s.phase !== "done" && s.phase !== "failed") { timer = setTimeout(poll, 300); }
    }, function () {
      say("ติดต่อโปรแกรม prongsai ไม่ได้ (โปรแกรมปิดไปแล้วหรือไม่)");
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    state.hidden = false;
    lastPhase = null;
    state.dataset.phase = "starting";
    say("กำลังเริ่ม…");
    post("plan", { to: to.value, password: pw.value, passphrase: pp.value }).then(function (r) {
      // The secret has gone to the program; the page keeps no copy.
      pw.value = ""; pp.value = "";
      if (r.status !== 200) {
        trustView.hidden = planView.hidden = progressView.hidden = true;
        say(r.body.error, r.body.code);
        state.dataset.phase = "refused";
        return;
      }
      job = r.body.job;
      poll();
    });
  });

  function answer(path, data, then) {
    data.job = job;
    clearTimeout(timer);
    epoch++;
    state.dataset.phase = "answering";
    post(path, data).then(function (r) {
      if (r.status !== 200) { say(r.body.error); return; }
      lastPhase = null;
      if (then) { then(r.body); }
      poll();
    });
  }
  document.getElementById("deploy-trust-yes").addEventListener("click", function () { answer("trust", {}); });
  document.getElementById("deploy-trust-no").addEventListener("click", function () { answer("cancel", {}); });
  document.getElementById("deploy-cancel").addEventListener("click", function () { answer("cancel", {}); });
  document.getElementById("deploy-go").addEventListener("click", function () { answer("go", { yes: yes.checked }); });

  // A publish already under way (the page reloaded): show it.
  poll();
}());
