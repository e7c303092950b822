/* Soft Power Reader: "did you mean" above the search results.
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
  new MutationObserver(function () {
    if (!meta.querySelector(".reader-search-fix-note")) update()
  }).observe(meta, { childList: true, characterData: true, subtree: true })
})()
