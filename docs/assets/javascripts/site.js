/* Site behaviour, in one small file:
 * 1. a navigation drawer that opens and closes from the keyboard (the theme's only opens by click);
 * 2. site search: a header button and an accessible dialog over Pagefind. Nothing is downloaded
 *    until the reader opens search: no index, no code, no worker. The offline copy (file://) uses
 *    the theme's own search instead, so the search part stands down there. */
(function () {
  "use strict";
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector('label.md-header__button[for="__drawer"]');
  if (drawer && label) {
    // The theme opens its drawer with a <label>, which the keyboard cannot reach. Put a real
    // button in its place (the label stays for readers without JavaScript).
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = label.className + " kb-drawer-button";
    toggle.setAttribute("aria-label", "Open the navigation");
    toggle.setAttribute("aria-expanded", "false");
    toggle.innerHTML = label.innerHTML;
    label.insertAdjacentElement("afterend", toggle);
    label.hidden = true;
    var setDrawer = function (open) {
      drawer.checked = open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) {
        var first = document.querySelector(".md-sidebar--primary a[href]");
        if (first) setTimeout(function () { first.focus(); }, 50);
      } else {
        toggle.focus();
      }
    };
    toggle.addEventListener("click", function () { setDrawer(!drawer.checked); });
    drawer.addEventListener("change", function () { toggle.setAttribute("aria-expanded", String(drawer.checked)); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) { event.preventDefault(); setDrawer(false); }
    });
  }

  // A table too wide for the screen scrolls in its own box: let keyboard users scroll it too.
  var markScrollable = function () {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (box) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  };
  markScrollable();
  window.addEventListener("resize", markScrollable);
  // The theme wraps tables after this script runs: mark the boxes as they appear.
  if (window.MutationObserver) {
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        if (changes[i].addedNodes.length) { markScrollable(); return; }
      }
    }).observe(document.querySelector(".md-content") || document.body, { childList: true, subtree: true });
  }
  if (location.protocol === "file:") return;
  var PAGE_SIZE = 3, DEBOUNCE_MS = 250; // 3 results at a time: each costs its page's text on the wire
  var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  var root = new URL((config.base || ".") + "/", location.href);
  var pagefind = null, dialog, input, status, list, more, opener, results = [], shown = 0, timer, query = "";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    dialog = el("dialog", { "class": "kb-search", "aria-labelledby": "kb-search-title" });
    var form = el("form", { role: "search", method: "dialog" });
    var title = el("h2", { id: "kb-search-title", "class": "kb-search__title" }, "Search the knowledge base");
    var label = el("label", { "for": "kb-search-input" }, "Words to find");
    input = el("input", { id: "kb-search-input", type: "search", autocomplete: "off", spellcheck: "false" });
    var close = el("button", { type: "button", "class": "kb-search__close" }, "Close");
    status = el("p", { role: "status", "class": "kb-search__status" });
    list = el("ol", { "class": "kb-search__results" });
    more = el("button", { type: "button", "class": "kb-search__more", hidden: "" }, "More results");
    form.append(title, label, input, close);
    dialog.append(form, status, list, more);
    document.body.appendChild(dialog);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); });
    // Chromium's Escape in a search field only clears it: close the dialog explicitly.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); dialog.close(); }
    });
    dialog.addEventListener("close", function () { if (opener) opener.focus(); });
    close.addEventListener("click", function () { dialog.close(); });
    more.addEventListener("click", showMore);
  }

  function load() {
    if (pagefind) return pagefind;
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      return pf.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true })
        .then(function () { return pf.init(); }).then(function () { return pf; });
    });
    return pagefind;
  }

  function open() {
    if (!dialog) build();
    var active = document.activeElement;
    opener = active && active !== document.body ? active : document.querySelector(".kb-search-button");
    dialog.showModal();
    input.focus();
    load().catch(function () { status.textContent = "Search could not load. Check your connection and try again."; });
  }

  function run() {
    var q = input.value.trim();
    if (q === query) return;
    query = q;
    list.textContent = "";
    more.hidden = true;
    if (!q) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (pf) { return pf.search(q); }).then(function (found) {
      if (q !== query) return;
      results = found.results; shown = 0;
      // Announce the count once the first results are on screen.
      return showMore().then(function () {
        if (q !== query) return;
        status.textContent = results.length === 0 ? "No pages found for “" + q + "”." :
          results.length + (results.length === 1 ? " page" : " pages") + " found for “" + q + "”.";
      });
    }).catch(function () { status.textContent = "Search could not load. Check your connection and try again."; });
  }

  function showMore() {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      items.forEach(function (item) {
        var li = el("li", { "class": "kb-search__result" });
        var a = el("a", { href: item.url }, (item.meta && item.meta.title) || item.url);
        var p = el("p");
        p.innerHTML = item.excerpt; // Pagefind escapes page text and adds only <mark>
        li.append(a, p);
        list.appendChild(li);
      });
    });
  }

  function install() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".kb-search-button")) return;
    var button = el("button", { type: "button", "class": "md-header__button md-icon kb-search-button",
      "aria-label": "Search", "aria-haspopup": "dialog", "aria-keyshortcuts": "/", title: "Search (/)" });
    button.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
      '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
    button.addEventListener("click", open);
    header.appendChild(button);
    document.addEventListener("keydown", function (event) {
      var t = event.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
          !(dialog && dialog.open)) {
        event.preventDefault();
        open();
      }
    });
    if (/[?&]q=/.test(location.search)) {
      open();
      input.value = new URLSearchParams(location.search).get("q") || "";
      run();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", install);
  else install();
})();
