/* Soft Power Reader: what a reader copies is what the authors wrote.
 *
 * 1. Copy (Ctrl+C, the context menu): when a selection in the page content holds any of
 *    the edition's chrome (paragraph numbers, "Cite", speaker labels, editors' markers,
 *    an open tip, heading permalinks), the clipboard gets the selection without it, as
 *    plain text and HTML. A selection inside the edition's own notes keeps those notes.
 * 2. "Copy quote with citation": a selection inside one numbered paragraph shows a button
 *    that copies “the selected words” followed by the paragraph's citation (Chicago
 *    author-date from the page's #cite-data, then "¶ N" and the paragraph's URL).
 * Markers' labels are CSS generated content and numbers are user-select: none, so even
 * without this script no marker lands in a copy. No network. The clipboard write is
 * cite.js's (window.readerCite.copy): mkdocs.yml lists cite.js before this file, both as
 * plain scripts, so it has run by the time this one does; without it there is no button.
 * The confirmation is cite.js's too: its visible, polite status toast (window.readerCite.say). */
(function () {
  "use strict";
  if (window.__readerCopy) return;
  window.__readerCopy = true;

  var CHROME = ".pnum, .pcite, a.mark, .reader-tip, .headerlink, .reader-quote, .editorial";
  var PARAGRAPH = "p[id], li[id], blockquote[id]";
  var button = null, range = null, timer = 0;

  function within(node, selector) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el && el.closest ? el.closest(selector) : null;
  }

  /* The selection's content without chrome, or null when there is nothing to remove. */
  function clean(r) {
    var box = document.createElement("div");
    box.appendChild(r.cloneContents());
    var selector = within(r.commonAncestorContainer, ".editorial")
      ? CHROME.replace(", .editorial", "") : CHROME;
    var chrome = box.querySelectorAll(selector);
    if (!chrome.length) return null;
    Array.prototype.forEach.call(chrome, function (el) { el.remove(); });
    return box;
  }

  function textOf(box) {
    box.style.cssText = "position:fixed;left:-10000px;top:0;white-space:normal";
    document.body.appendChild(box);
    var text = box.innerText;
    box.remove();
    box.removeAttribute("style");
    return text.replace(/[ \t]+\n/g, "\n").replace(/[ \t]{2,}/g, " ").trim();
  }

  function selectedRange() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var r = sel.getRangeAt(0);
    return within(r.commonAncestorContainer, ".md-content") ? r : null;
  }

  document.addEventListener("copy", function (event) {
    var r = selectedRange();
    if (!r || !event.clipboardData) return;
    var box = clean(r);
    if (!box) return;
    var html = box.innerHTML;
    event.clipboardData.setData("text/plain", textOf(box));
    event.clipboardData.setData("text/html", html);
    event.preventDefault();
  });

  /* ------------------------------------------------- copy quote with citation */

  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function pageURL() {
    var canonical = document.querySelector('link[rel="canonical"]');
    if (/^https?:$/.test(location.protocol) && canonical && /^https?:/.test(canonical.href)) {
      return canonical.href.split("#")[0];
    }
    return location.href.split("#")[0];
  }

  /* The paragraph both ends of the selection stand in, if it is a numbered one. */
  function paragraphOf(r) {
    var p = within(r.startContainer, PARAGRAPH);
    if (!p || p !== within(r.endContainer, PARAGRAPH)) return null;
    return p.querySelector(":scope > a.pnum") ? p : null;
  }

  /* “Quote” then the citation; double quotes inside the quote become single (Chicago). */
  function quoteWithCitation(r, p, cite) {
    var box = clean(r);
    var words = box ? textOf(box) : r.toString().replace(/\s+/g, " ").trim();
    words = words.replace(/“/g, "‘").replace(/”/g, "’").replace(/\s+/g, " ");
    var number = p.querySelector(":scope > a.pnum").textContent.trim();
    var reference = (cite.chicago || "").replace(/[\s.]+$/, "");
    var url = pageURL() + "#" + p.id;
    return "“" + words + "” " + reference + ", ¶ " + number + ", " + url;
  }

  function canCopy() {
    return !!(window.readerCite && typeof window.readerCite.copy === "function");
  }

  function ensureButton() {
    if (button) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "reader-quote";
    button.textContent = "Copy quote with citation";
    button.hidden = true;
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () {
      var cite = readJSON("cite-data");
      var p = range && paragraphOf(range);
      if (!cite || !p) return;
      var text = quoteWithCitation(range, p, cite);
      window.readerCite.copy(text).then(function (ok) {
        window.readerCite.say(ok ? "Quote with citation copied." : "Copying failed.");
        button.hidden = true;
      });
    });
    document.body.appendChild(button);
    return button;
  }

  function update() {
    var r = selectedRange();
    var p = r && paragraphOf(r);
    if (!p || !document.getElementById("cite-data") || !canCopy()) {
      if (button && document.activeElement !== button) button.hidden = true;
      return;
    }
    range = r.cloneRange();
    var b = ensureButton();
    var rects = r.getClientRects();
    var last = rects.length ? rects[rects.length - 1] : r.getBoundingClientRect();
    b.hidden = false;
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var left = Math.max(8, Math.min(last.right - b.offsetWidth, vw - 8 - b.offsetWidth));
    var top = last.bottom + 8;
    if (top + b.offsetHeight > vh - 8) top = last.top - 8 - b.offsetHeight;
    top = Math.max(8, Math.min(top, vh - 8 - b.offsetHeight));
    b.style.left = Math.round(left) + "px";
    b.style.top = Math.round(top) + "px";
  }

  document.addEventListener("selectionchange", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });
  window.addEventListener("scroll", function () {
    if (button && !button.hidden) update();
  }, { passive: true });
})();
