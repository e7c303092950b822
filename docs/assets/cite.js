/* Soft Power Reader — citable paragraphs (progressive: without it, numbers stay links).
 *
 * - The paragraph number (a.pnum) copies the paragraph's public URL (site_url + "#pN"),
 *   online and offline alike: a file:// address is of no use to anyone else.
 * - A "Cite" button after each number opens a dialog with the paragraph's citation as a
 *   part of this edition (the source text, then "in Soft Power Reader, version …, ed. …",
 *   the paragraph, the access date and the URL) in Chicago, APA and MLA, and the
 *   paragraph as BibTeX, RIS and CSL-JSON, each with a copy button. citeproc-py formats
 *   them at build time as templates (#cite-data, reader.emit.edition_cite); this fills in
 *   the paragraph number and today's date. window.readerCite.paragraph(n, style) gives
 *   the same string to other scripts (e.g. "copy quote with citation"), and
 *   window.readerCite.copy(text) is the page's one clipboard writer: the async clipboard,
 *   else (missing, as in some browsers' file:// pages, or refused) execCommand("copy")
 *   from an off-screen textarea; it resolves to whether the text was copied.
 * - An old "#pN" that the anchors lock redirected (#anchor-redirects) goes to its new
 *   paragraph; the paragraph a link opens stays marked until the reader moves on.
 * Every message goes to one polite live region. No network, no dependencies.
 */
(function () {
  "use strict";

  var STYLES = [["chicago", "Chicago (notes)"], ["apa", "APA"], ["mla", "MLA"]];
  var EXPORTS = [["bibtex", "BibTeX"], ["ris", "RIS"], ["csl", "CSL-JSON"]];
  var status, dialog, opener, marked, markedAt = 0, hideTimer;

  /* A fragment as the id it names: a malformed escape ("#%", "#p1%E0") would make
   * decodeURIComponent throw; such a fragment names no id, so it is kept as written. */
  function fragmentId(hash) {
    try { return decodeURIComponent(hash); } catch (e) { return hash; }
  }

  function readJSON(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function make(tag, attrs, text) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text) el.textContent = text;
    return el;
  }

  /* The page's public URL (site_url), offline too: the cite data's, else the canonical
     link (the offline build points it at the online page), else where it is. */
  function pageURL() {
    var data = readJSON("cite-data");
    if (data && /^https?:/.test(data.url || "")) return data.url;
    var canonical = document.querySelector('link[rel="canonical"]');
    if (canonical && /^https?:/.test(canonical.href)) return canonical.href.split("#")[0];
    return location.href.split("#")[0];
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* A template of #cite-data with the paragraph number and the access date filled in,
     the date as the style prints it (its pattern and month names). */
  function fill(template, number, months, date) {
    var d = date || new Date();
    var names = months || [];
    return String(template)
      .split("{n}").join(number)
      .split("{yyyy}").join(String(d.getFullYear()))
      .split("{mm}").join(pad(d.getMonth() + 1))
      .split("{dd}").join(pad(d.getDate()))
      .split("{d}").join(String(d.getDate()))
      .split("{month}").join(names[d.getMonth()] || String(d.getMonth() + 1));
  }

  /* The paragraph's citation in one style ("chicago", "apa", "mla") or export format
     ("bibtex", "ris", "csl"); "" when the page has no cite data. */
  function paragraphCitation(number, style, date) {
    var data = readJSON("cite-data");
    var para = data && data.paragraph;
    if (!para) return "";
    var key = style || "chicago";
    if (key === "csl") {
      var d = date || new Date();
      var item = JSON.parse(fill(JSON.stringify(para.csl), number));
      item.accessed = { "date-parts": [[d.getFullYear(), d.getMonth() + 1, d.getDate()]] };
      return JSON.stringify([item], null, 2);
    }
    if (key === "bibtex" || key === "ris") return fill(para[key], number, null, date);
    var s = para.styles[key];
    return s ? fill(s.text, number, s.months, date) : "";
  }

  window.readerCite = { paragraph: paragraphCitation, copy: copy, say: function (m) { say(m); } };

  function paragraphOf(el) {
    return el && el.closest ? el.closest("p[id], li[id], blockquote[id]") : null;
  }

  function numberOf(p) {
    var a = p && p.querySelector(":scope > a.pnum");
    return a ? a.textContent.trim() : "";
  }

  /* ------------------------------------------------------------ messages, copying */

  function say(message, action) {
    clearTimeout(hideTimer);
    status.textContent = "";
    status.appendChild(make("span", {}, message));
    if (action) status.appendChild(action);
    status.classList.add("is-shown");
    if (!action) {
      hideTimer = setTimeout(function () { status.classList.remove("is-shown"); }, 5000);
    }
  }

  function fallbackCopy(text) {
    var area = make("textarea", { readonly: "", "aria-hidden": "true", class: "cite-offscreen" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function copyAndSay(text, what) {
    var active = document.activeElement;
    return copy(text).then(function (ok) {
      if (active && active.focus && document.activeElement !== active) active.focus();
      say(ok ? what + " copied." : "Copying failed; select and copy it: " + text);
      return ok;
    });
  }

  /* --------------------------------------------------------------------- marking */

  function mark(p) {
    if (marked && marked !== p) marked.classList.remove("is-marked");
    marked = p;
    markedAt = Date.now();
    if (p) p.classList.add("is-marked");
  }

  function goTo(id) {
    var p = document.getElementById(id);
    if (!p) return null;
    p.scrollIntoView({ block: "start" });
    mark(p);
    return p;
  }

  function followHash() {
    var id = fragmentId(location.hash.slice(1));
    if (!id) return;
    var redirects = readJSON("anchor-redirects") || {};
    var target = Object.prototype.hasOwnProperty.call(redirects, id) ? redirects[id] : "";
    if (target && document.getElementById(target)) {
      history.replaceState(history.state, "", "#" + target);
      var p = goTo(target);
      var note = "Paragraph " + id.slice(1) + " of an earlier version of this text is now " +
        "paragraph " + numberOf(p) + ".";
      var undo = null;
      if (document.getElementById(id)) {
        undo = make("button", { type: "button", class: "cite-status__action" },
          "Show the current paragraph " + id.slice(1));
        undo.addEventListener("click", function () {
          history.replaceState(history.state, "", "#" + id);
          goTo(id);
          status.classList.remove("is-shown");
        });
      }
      say(note, undo);
      return;
    }
    var el = document.getElementById(id);
    if (el && el.querySelector(":scope > a.pnum")) mark(el);
  }

  /* ---------------------------------------------------------------- cite dialog */

  function addFormat(inner, key, label, block) {
    var section = make("section", { class: "cite-dialog__format" });
    section.appendChild(make("h3", { id: "cite-dialog-" + key }, label));
    var body = make(block ? "pre" : "p", { class: "cite-dialog__text", "data-format": key });
    if (block) body.setAttribute("tabindex", "0");
    section.appendChild(body);
    if (!block) section.appendChild(make("p", { class: "cite-dialog__intext", "data-intext": key }));
    var button = make("button", { type: "button", class: "cite-copy", "data-format": key,
      "aria-describedby": "cite-dialog-" + key }, "Copy");
    button.addEventListener("click", function () {
      copyAndSay(body.textContent, label + (block ? " record" : " citation"));
    });
    section.appendChild(button);
    inner.appendChild(section);
  }

  function buildDialog() {
    dialog = make("dialog", { class: "cite-dialog", "aria-labelledby": "cite-dialog-title" });
    var inner = make("div", { class: "cite-dialog__inner" });
    var head = make("div", { class: "cite-dialog__head" });
    head.appendChild(make("h2", { id: "cite-dialog-title" }, "Cite"));
    var close = make("button", { type: "button", class: "cite-dialog__close" }, "Close");
    close.addEventListener("click", function () { dialog.close(); });
    head.appendChild(close);
    inner.appendChild(head);
    inner.appendChild(make("p", { class: "cite-dialog__version" }));
    STYLES.forEach(function (f) { addFormat(inner, f[0], f[1], false); });
    EXPORTS.forEach(function (f) { addFormat(inner, f[0], f[1] + " (this paragraph)", true); });
    dialog.appendChild(inner);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();  // a click on the backdrop
    });
    dialog.addEventListener("close", function () {
      if (opener && opener.isConnected) opener.focus();
    });
    document.body.appendChild(dialog);
  }

  function openCite(p, button) {
    var data = readJSON("cite-data");
    if (!data || !data.paragraph) return;
    if (!dialog) buildDialog();
    var number = numberOf(p);
    var para = data.paragraph;
    dialog.querySelector("#cite-dialog-title").textContent =
      "Cite paragraph " + number + " of " + (data.label || document.title);
    var version = para.version ? "version " + para.version.number + " of " +
      para.version.date : "this edition";
    var note = "As a part of " + para.edition + ", " + version + ", with today as the " +
      "access date.";
    if (location.protocol === "file:") {
      note += " Read in the offline edition: the citation gives the public address.";
    }
    dialog.querySelector(".cite-dialog__version").textContent = note;
    STYLES.forEach(function (s) {
      var style = para.styles[s[0]];
      dialog.querySelector('.cite-dialog__text[data-format="' + s[0] + '"]').textContent =
        paragraphCitation(number, s[0]);
      var intext = dialog.querySelector('[data-intext="' + s[0] + '"]');
      intext.textContent = style && style.cite !== style.text ?
        "In the text: " + fill(style.cite, number, style.months) : "";
      intext.hidden = !intext.textContent;
    });
    EXPORTS.forEach(function (f) {
      dialog.querySelector('pre[data-format="' + f[0] + '"]').textContent =
        paragraphCitation(number, f[0]);
    });
    opener = button;
    mark(p);
    dialog.showModal();
    dialog.querySelector(".cite-copy").focus();
  }

  /* ------------------------------------------------------------------- wiring */

  function enhanceParagraphs(root) {
    var hasCite = !!document.getElementById("cite-data");
    root.querySelectorAll("a.pnum").forEach(function (a) {
      var p = paragraphOf(a);
      if (!p || a.dataset.citable) return;
      a.dataset.citable = "1";
      var n = a.textContent.trim();
      a.setAttribute("aria-label", "Paragraph " + n + ": copy link");
      a.setAttribute("title", "Copy the link to paragraph " + n);
      a.addEventListener("click", function (event) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
            event.altKey) return;
        event.preventDefault();
        history.replaceState(history.state, "", "#" + p.id);
        mark(p);
        copyAndSay(pageURL() + "#" + p.id, "Link to paragraph " + n);
      });
      if (!hasCite) return;
      var button = make("button", { type: "button", class: "pcite",
        "aria-haspopup": "dialog", "aria-label": "Cite paragraph " + n }, "Cite");
      button.addEventListener("click", function () { openCite(p, button); });
      a.insertAdjacentElement("afterend", button);
    });
  }

  function enhanceCiteThis(root) {
    root.querySelectorAll(".cite-this [data-cite-format]").forEach(function (el) {
      if (el.dataset.copyable) return;
      el.dataset.copyable = "1";
      var name = { chicago: "Chicago citation", apa: "APA citation", bibtex: "BibTeX",
        ris: "RIS" }[el.dataset.citeFormat] || "Citation";
      var button = make("button", { type: "button", class: "cite-copy" }, "Copy");
      button.setAttribute("aria-label", "Copy " + name);
      button.addEventListener("click", function () { copyAndSay(el.textContent, name); });
      var block = el.closest("pre") || el;
      block.insertAdjacentElement("afterend", button);
    });
  }

  function init() {
    document.documentElement.classList.add("cite-js");
    if (!status) {
      status = make("div", { class: "cite-status", role: "status", "aria-live": "polite" });
      document.body.appendChild(status);
    }
    enhanceParagraphs(document);
    enhanceCiteThis(document);
    followHash();
  }

  window.addEventListener("hashchange", followHash);
  document.addEventListener("click", function (event) {
    var p = paragraphOf(event.target);
    document.querySelectorAll(".is-active").forEach(function (el) {
      if (el !== p) el.classList.remove("is-active");
    });
    if (p && p.querySelector(":scope > a.pnum")) p.classList.add("is-active");
    if (marked && p !== marked && !(dialog && dialog.contains(event.target)) &&
        !status.contains(event.target)) mark(null);
  });
  window.addEventListener("scroll", function () {
    if (!marked || (dialog && dialog.open) || Date.now() - markedAt < 1000) return;
    var box = marked.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) mark(null);
  }, { passive: true });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's page-load stream (instant navigation)
  } else {
    init();
  }
})();
