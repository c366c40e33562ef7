/* Advocacy-plan builder: keeps the plan in this browser's local storage, exports it as a printable
 * page, a plain-text file and a Word-compatible file. Nothing leaves the device. */
(function () {
  "use strict";
  var KEY = "kb-advocacy-plan-v1";
  var fields = Array.prototype.slice.call(document.querySelectorAll("[data-plan]"));
  var controls = document.getElementById("kb-builder-controls");
  if (!fields.length || !controls) return;
  document.documentElement.classList.add("kb-builder-js");

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; }
  }
  function save() {
    var plan = {};
    fields.forEach(function (f) { plan[f.getAttribute("data-plan")] = f.value; });
    plan.saved = new Date().toISOString();
    try {
      localStorage.setItem(KEY, JSON.stringify(plan));
      status.textContent = "Saved on this device at " + new Date().toLocaleTimeString() + ".";
    } catch (e) {
      status.textContent = "Could not save in this browser: export your plan to keep it.";
    }
  }
  function labelOf(f) { var l = document.querySelector('label[for="' + f.id + '"]'); return l ? l.textContent : f.id; }
  function asText() {
    var lines = ["ADVOCACY PLAN", ""];
    fields.forEach(function (f) { lines.push(labelOf(f).toUpperCase()); lines.push(f.value.trim() || "(not filled in)"); lines.push(""); });
    lines.push("Made with the advocacy-plan builder of the Migration Governance Knowledge Base (CC BY 4.0).");
    return lines.join("\r\n");
  }
  function escapeHtml(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function asHtml() {
    var body = fields.map(function (f) {
      return "<h2>" + escapeHtml(labelOf(f)) + "</h2><p>" + (escapeHtml(f.value.trim()) || "(not filled in)").replace(/\n/g, "<br>") + "</p>";
    }).join("");
    return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Advocacy plan</title></head><body><h1>Advocacy plan</h1>' +
      body + "<p><small>Made with the advocacy-plan builder of the Migration Governance Knowledge Base (CC BY 4.0).</small></p></body></html>";
  }
  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }
  function fileName(ext) {
    var org = (document.getElementById("plan-organisation") || {}).value || "";
    return ("advocacy-plan-" + org).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "") + ext;
  }
  function button(text, handler) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "md-button"; b.textContent = text;
    b.addEventListener("click", handler);
    controls.appendChild(b);
    return b;
  }

  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "kb-builder-status";
  button("Print or save as PDF", function () { window.print(); });
  button("Download as text (.txt)", function () { download(fileName(".txt"), "text/plain;charset=utf-8", asText()); });
  button("Download for Word (.html)", function () { download(fileName(".html"), "text/html;charset=utf-8", asHtml()); });
  button("Start again", function () {
    if (!window.confirm("Delete this plan from this device and start again?")) return;
    localStorage.removeItem(KEY);
    fields.forEach(function (f) { f.value = ""; });
    status.textContent = "Your plan was deleted from this device.";
  });
  controls.appendChild(status);
  controls.hidden = false;

  var plan = load();
  fields.forEach(function (f) {
    var key = f.getAttribute("data-plan");
    if (plan[key]) f.value = plan[key];
    f.addEventListener("input", save);
  });
  status.textContent = plan.saved ? "Your saved plan was restored from this device." : "Start typing: your plan is saved on this device as you go.";

  // Print what was typed in full: a textarea would cut long answers off.
  window.addEventListener("beforeprint", function () {
    fields.forEach(function (f) {
      var copy = document.createElement("div");
      copy.className = "kb-print-value";
      copy.textContent = f.value;
      f.insertAdjacentElement("afterend", copy);
    });
  });
  window.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-print-value"), function (n) { n.remove(); });
  });
})();
