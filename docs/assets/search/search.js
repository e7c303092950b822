/* Soft Power Reader: "did you mean" above the search results, and the index fetched
 * when the search box is focused.
 *
 * When no indexed word matches a query word, the worker (assets/search/worker.js) answers
 * for the indexed words one edit away and marks its first result with
 * <span class="reader-search-fix" data-fix="…">. This moves that note into the results'
 * heading line ("Did you mean rossotrudnichestvo? 3 matching documents"), where Material
 * writes the count.
 */
(function () {
  "use strict"
  var list = document.querySelector(".md-search-result__list")
  var meta = document.querySelector(".md-search-result__meta")
  if (!list || !meta) return
  function update() {
    var fix = list.querySelector(".reader-search-fix")
    var old = meta.querySelector(".reader-search-fix-note")
    if (!fix) {
      if (old) old.remove()
      return
    }
    var words = fix.getAttribute("data-fix") || ""
    if (old && old.dataset.fix === words) return
    if (old) old.remove()
    var note = document.createElement("span")
    note.className = "reader-search-fix-note"
    note.dataset.fix = words
    note.appendChild(document.createTextNode("Did you mean "))
    var b = document.createElement("b")
    b.textContent = words
    note.appendChild(b)
    note.appendChild(document.createTextNode("? "))
    meta.insertBefore(note, meta.firstChild)
  }
  new MutationObserver(update).observe(list, { childList: true })

  // Online, start fetching the documents when the box gets focus, so that the worker's
  // importScripts on the first query finds them in the HTTP cache (on file:// there is
  // nothing to fetch). Nothing is fetched for a reader who never searches.
  var input = document.querySelector("input.md-search__input")
  if (input && location.protocol !== "file:")
    input.addEventListener("focus", function prefetch() {
      input.removeEventListener("focus", prefetch)
      var config = JSON.parse(document.getElementById("__config").textContent)
      var link = document.createElement("link")
      link.rel = "prefetch"
      link.href = new URL(config.base.replace(/\/?$/, "/") + "search/paragraphs.js", location).href
      document.head.appendChild(link)
    })
  new MutationObserver(function () {
    if (!meta.querySelector(".reader-search-fix-note")) update()
  }).observe(meta, { childList: true, characterData: true, subtree: true })
})()
