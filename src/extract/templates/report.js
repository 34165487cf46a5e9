// extract review report: click a highlighted mention to see its fields (all DOM text, no HTML).
(function () {
  "use strict";
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  function clearSel() {
    var old = document.querySelectorAll("mark.m.sel");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("sel");
  }
  // a nested mention (a meeting's date) reads as its text and value, not as raw JSON
  function show1(v) {
    if (typeof v === "string") return v;
    if (v && typeof v === "object" && !Array.isArray(v) && "text" in v) {
      return v.text + (v.value !== undefined ? " \u2192 " + v.value : "") + " [" + v.span + "] (" + v.rule + ")";
    }
    return JSON.stringify(v);
  }
  function table(title, fields) {
    var h = document.createElement("h4");
    h.textContent = title;
    body.appendChild(h);
    var t = document.createElement("table");
    Object.keys(fields).sort().forEach(function (k) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      var td = document.createElement("td");
      th.textContent = k;
      var v = fields[k];
      td.textContent = show1(v);
      tr.appendChild(th);
      tr.appendChild(td);
      t.appendChild(tr);
    });
    body.appendChild(t);
  }
  function show(mark) {
    clearSel();
    while (body.firstChild) body.removeChild(body.firstChild);
    // the innermost mention first, then every mention it is nested in
    var seen = {};
    for (var m = mark; m; m = m.parentElement ? m.parentElement.closest("mark.m") : null) {
      var id = m.getAttribute("data-m");
      if (seen[id]) continue;
      seen[id] = true;
      var same = document.querySelectorAll('mark.m[data-m="' + id + '"]');
      for (var i = 0; i < same.length; i++) same[i].classList.add("sel");
      var f = JSON.parse(m.getAttribute("data-f"));
      table(m.getAttribute("data-list") + " \u00b7 " + f.rule, f);
    }
    panel.hidden = false;
  }
  document.addEventListener("click", function (e) {
    var mark = e.target.closest ? e.target.closest("mark.m") : null;
    if (mark) { show(mark); return; }
    if (e.target.id === "details-close") { panel.hidden = true; clearSel(); }
  });
  // another page: the panel belonged to the one left
  window.addEventListener("hashchange", function () { panel.hidden = true; clearSel(); });
  document.documentElement.setAttribute("data-review-ready", "1");
})();
