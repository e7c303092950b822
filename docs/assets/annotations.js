/* Soft Power Reader: tips for glossary terms, references and editors' markers.
 *
 * The text holds plain links (a.term, a.bibref, a.mark; see reader.css, part 4); each tip's
 * body exists once, as data: definitions and references in the page's #tip-data
 * (reader.emit.notes.tip_data), related passages there too, editors' notes in the
 * page's "Editors' notes" list. One tip element is filled when a reader points at,
 * focuses or taps a term or marker, placed right after it (so Tab reaches its links),
 * fixed inside the viewport, above or below the term's line but never over it.
 * A tap or click on a term whose tip is closed opens the tip; on an open one it follows
 * the link. A marker's tip is what its link leads to, so a click keeps it open. Escape closes the tip until the pointer or focus leaves (WCAG 1.4.13).
 * Without this script every term still links to its entry, every marker to its list. */
(function () {
  "use strict";
  if (window.__readerTips) return;
  window.__readerTips = true;

  var TRIGGER = ".md-typeset a.term, .md-typeset a.bibref, .md-typeset a.mark";
  var GAP = 6, MARGIN = 8;
  var tip = null, owner = null, dismissed = null, pressed = null;
  var showTimer = 0, hideTimer = 0, cache = null;

  function trigger(node) {
    return node && node.closest ? node.closest(TRIGGER) : null;
  }

  function inTip(node) {
    return !!(tip && node && tip.contains(node));
  }

  function data() {
    var el = document.getElementById("tip-data");
    if (!cache || cache.el !== el) {
      var parsed = {};
      try { parsed = el ? JSON.parse(el.textContent) : {}; } catch (e) { parsed = {}; }
      cache = { el: el, value: parsed };
    }
    return cache.value;
  }

  function fragment(a) {
    var href = a.getAttribute("href") || "";
    var i = href.indexOf("#");
    if (i < 0) return "";
    try { return decodeURIComponent(href.slice(i + 1)); } catch (e) { return href.slice(i + 1); }
  }

  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function para(text, cls) {
    var p = make("span", "reader-tip__p" + (cls ? " " + cls : ""), text);
    return p;
  }

  function more(label, href) {
    var p = para("", "reader-tip__more");
    var link = make("a", "", label);
    link.href = href;
    p.appendChild(link);
    return p;
  }

  /* The URL of another text's paragraph, in this page's URL style (directory URLs
     online, .html files offline). */
  function textURL(slug, anchor) {
    var path = location.pathname;
    var file = /\.html$/.test(path) && !/\/index\.html$/.test(path);
    return (file ? slug + ".html" : "../" + slug + "/") + (anchor ? "#" + anchor : "");
  }

  function relatedBody(a, box) {
    var p = a.closest("[id]");
    var items = p && (data().related || {})[p.id];
    if (!items || !items.length) return false;
    box.appendChild(para("Related passages in other texts, by shared words", "reader-tip__head"));
    items.forEach(function (item) {
      var line = para("");
      var link = make("a", "", item.label);
      link.href = textURL(item.slug, item.anchor);
      line.appendChild(link);
      line.appendChild(document.createTextNode(" “" + item.snippet + "”"));
      if (item.shared) {
        line.appendChild(document.createTextNode(" "));
        line.appendChild(make("span", "reader-tip__shared", "shared: " + item.shared));
      }
      box.appendChild(line);
    });
    box.appendChild(more("All related passages", a.href));
    return true;
  }

  function noteBody(a, box) {
    var note = document.getElementById(fragment(a));
    if (!note) return false;
    var line = para("");
    Array.prototype.forEach.call(note.childNodes, function (child) {
      if (child.nodeType === 1 && child.classList.contains("back")) return;
      line.appendChild(child.cloneNode(true));
    });
    box.appendChild(line);
    return true;
  }

  function body(a, box) {
    var id = fragment(a);
    if (a.classList.contains("term")) {
      var definition = (data().terms || {})[id];
      if (!definition) return false;
      box.appendChild(para(definition));
      box.appendChild(more("Glossary entry", a.href));
      return true;
    }
    if (a.classList.contains("bibref")) {
      var reference = (data().refs || {})[id.replace(/^ref-/, "")];
      if (!reference) return false;
      box.appendChild(para(reference));
      box.appendChild(more("Full reference", a.href));
      return true;
    }
    if (a.classList.contains("mark--related")) return relatedBody(a, box);
    return noteBody(a, box);
  }

  function ensureTip() {
    if (tip && tip.isConnected !== false) return tip;
    tip = make("span", "reader-tip");
    tip.id = "reader-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", function () { scheduleHide(); });
    return tip;
  }

  function place() {
    if (!owner || tip.hidden) return;
    var rects = owner.getClientRects();
    if (!rects.length) return;
    var first = rects[0], last = rects[rects.length - 1];
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    tip.style.left = "0px";
    tip.style.top = "0px";
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var below = vh - last.bottom - GAP, above = first.top - GAP;
    var useBelow = height <= below || below >= above;
    var line = useBelow ? last : first;
    var left = Math.max(MARGIN, Math.min(line.left, vw - MARGIN - width));
    var top = useBelow ? last.bottom + GAP : first.top - GAP - height;
    tip.style.left = Math.round(left) + "px";
    tip.style.top = Math.round(top) + "px";
    tip.style.maxHeight = Math.max(80, Math.floor((useBelow ? below : above) - MARGIN)) + "px";
  }

  function show(a) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (a === dismissed) return false;
    if (owner === a && tip && !tip.hidden) return true;
    var box = ensureTip();
    var content = make("span", "reader-tip__body");
    if (!body(a, content)) return false;
    hide();
    box.textContent = "";
    box.appendChild(content);
    box.style.maxHeight = "";
    a.insertAdjacentElement("afterend", box);
    owner = a;
    a.setAttribute("aria-describedby", box.id);
    box.hidden = false;
    place();
    return true;
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (owner) owner.removeAttribute("aria-describedby");
    if (tip) {
      tip.hidden = true;
      if (tip.parentNode) tip.parentNode.removeChild(tip);
    }
    owner = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  document.addEventListener("mouseover", function (event) {
    var a = trigger(event.target);
    if (a && !inTip(a)) {
      clearTimeout(hideTimer);
      if (owner !== a) {
        clearTimeout(showTimer);
        showTimer = setTimeout(function () { show(a); }, 120);
      }
    }
  });

  document.addEventListener("mouseout", function (event) {
    var a = trigger(event.target);
    if (!a || inTip(a) || a.contains(event.relatedTarget)) return;
    clearTimeout(showTimer);
    if (a === dismissed) dismissed = null;
    if (a === owner && !inTip(event.relatedTarget)) scheduleHide();
  });

  document.addEventListener("focusin", function (event) {
    var a = trigger(event.target);
    if (a && !inTip(a)) show(a);
    else if (owner && !inTip(event.target)) hide();
  });

  document.addEventListener("focusout", function (event) {
    var a = trigger(event.target);
    if (a === dismissed) dismissed = null;
    var next = event.relatedTarget;
    if (owner && (event.target === owner || inTip(event.target)) &&
        next !== owner && !inTip(next)) scheduleHide();
  });

  function isOpen(a) {
    return owner === a && !!tip && !tip.hidden;
  }

  /* Whether the tip was open before this press began (a tap's emulated hover, or the
     pointer resting on the term, must not count as the first tap). */
  document.addEventListener("pointerdown", function (event) {
    var a = trigger(event.target);
    pressed = a ? { a: a, open: isOpen(a) } : null;
    if (a && event.pointerType !== "mouse") clearTimeout(showTimer);
  }, true);

  document.addEventListener("click", function (event) {
    var a = trigger(event.target);
    if (a && !inTip(a)) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      var wasOpen = pressed && pressed.a === a ? pressed.open : isOpen(a);
      pressed = null;
      dismissed = null;
      // A term whose tip was open follows its link; a marker's tip is its content.
      if (wasOpen && !a.classList.contains("mark")) return;
      if (show(a)) event.preventDefault();
      return;
    }
    if (owner && !inTip(event.target)) hide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !owner) return;
    var back = owner, focusInTip = inTip(document.activeElement);
    dismissed = owner;
    hide();
    if (focusInTip) back.focus();
  });

  window.addEventListener("resize", place);
  window.addEventListener("scroll", place, { passive: true });
})();
