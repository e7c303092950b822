/* Soft Power Reader: the search worker Material's search box talks to.
 *
 * Material's own worker (lunr, "any of the words", prefix queries that skip the stemmer)
 * is replaced through the theme (scripts/theme/partials/reader-search-worker.html points
 * `__config.search` here); the search box, the results list and `search.highlight` stay
 * Material's. This worker speaks the same messages: SETUP (0) → READY (1), QUERY (2) →
 * RESULT (3) with `{items: SearchItem[][], suggest}`.
 *
 * - The index loads on the first non-empty query, not with the page: Material's
 *   search_index.json holds only the config; the documents are in search/paragraphs.js
 *   (written by scripts/hooks/search_paragraphs.py), loaded with importScripts, which
 *   works in a real worker and in the iframe-worker shim on file:// alike.
 * - Words are folded (case, ё, accents) and stemmed with lunr's published Snowball
 *   stemmers (lunr's own English stemmer, lunr-languages' Russian one as Material ships
 *   it), for the index and the query alike. A query word matches its exact form, its
 *   stem's other forms and, for the word being typed, the words it begins.
 * - Ranking tiers: the words as a phrase (adjacent, in order), then all the words, then
 *   any. A quoted part ("…") must occur as that exact phrase.
 * - A word with no match at all is replaced by the indexed words one edit away
 *   (insertion, deletion, substitution or swap), and the result says "did you mean".
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const MAX_ITEMS = 150        // results sent to the page (Material shows them in groups)
const PER_PAGE = 12          // of them at most this many from one page
const MARKED = 40            // results whose words are marked in the list
const SNIPPET = 360          // characters of a result's text shown around its first match
const MAX_PREFIX = 40        // words a typed prefix may expand to (the most frequent)
const WEIGHT = { exact: 1, stem: 0.85, prefix: 0.6, typo: 0.5 }
const TITLE_WEIGHT = 0.35    // titles repeat the text's name and section on every paragraph
const TIER = 1000            // phrase > all words > any word, whatever the term scores

let engine = null            // built on the first query
let loading = null

/* ------------------------------------------------------------------ words */

const TOKEN = /<[^>]*>|&#?\w+;|[\p{L}\p{M}\p{N}]+/gu

/** Calls ``fn(folded word, start, end)`` for every word of a text (tags and entities
 * skipped: Material's heading documents hold HTML). */
function eachWord(text, fn) {
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const first = m[0].charCodeAt(0)
    if (first === 38 || first === 60) continue  // "&amp;" and friends, tags
    fn(fold(m[0]), m.index, m.index + m[0].length)
  }
}

/** The tokens of a text: [folded word, start, end] for every word. */
function tokenize(text) {
  const out = []
  eachWord(text, (word, start, end) => out.push([word, start, end]))
  return out
}

const folded = new Map()      // raw word → folded, as the same words recur

/** Lower case, ё as е, accents dropped: how words are compared. */
function fold(word) {
  let out = folded.get(word)
  if (out === undefined) {
    out = word.toLowerCase()
    if (/[^\x00-\x7f]/.test(out))
      out = out.replace(/ё/g, "е").normalize("NFD").replace(/\p{M}+/gu, "")
    if (folded.size < 200000) folded.set(word, out)
  }
  return out
}

function makeStemmer(lunr) {
  const token = word => new lunr.Token(word, {})
  const ru = lunr.ru && lunr.ru.stemmer
  const stopEn = lunr.stopWordFilter, stopRu = lunr.ru && lunr.ru.stopWordFilter
  const cyrillic = /[а-я]/
  return {
    stem(word) {
      if (/^\d+$/.test(word)) return word
      const fn = cyrillic.test(word) ? ru : lunr.stemmer
      return fn ? fn(token(word)).toString() : word
    },
    isStop(word) {
      const fn = cyrillic.test(word) ? stopRu : stopEn
      return fn ? fn(token(word)) === undefined : false
    },
  }
}

/** Whether a and b are at most one edit apart (Damerau: a swap counts as one). */
function oneEdit(a, b) {
  if (a === b) return true
  const la = a.length, lb = b.length
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a[i] === b[i]) i++
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true                   // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/* ------------------------------------------------------------------ index */

class Engine {
  constructor(index, lunr) {
    this.words = new Map()   // folded word → id
    this.vocab = []          // id → folded word
    this.df = []             // id → documents holding it
    this.docs = index.docs
    this.text = []           // doc → Int32Array of word ids (the text's words in order)
    this.title = []          // doc → Set of word ids of the title
    this.lunrs = makeStemmer(lunr)
    const text = []          // id → [doc, tf, doc, tf, …] (docs ascending)
    const titles = []        // id → [doc, …]
    const idOf = word => {
      let id = this.words.get(word)
      if (id === undefined) {
        id = this.vocab.length
        this.words.set(word, id)
        this.vocab.push(word)
        text.push([])
        titles.push([])
      }
      return id
    }
    const rawIds = new Map() // word as written → id: one lookup per word of the corpus
    let total = 0
    const ids = []
    this.docs.forEach((doc, d) => {
      ids.length = 0
      const body = doc.text || ""
      TOKEN.lastIndex = 0
      for (let m = TOKEN.exec(body); m; m = TOKEN.exec(body)) {
        const raw = m[0], first = raw.charCodeAt(0)
        if (first === 38 || first === 60) continue  // entities, tags
        let id = rawIds.get(raw)
        if (id === undefined) rawIds.set(raw, id = idOf(fold(raw)))
        const list = text[id]
        ids.push(id)
        if (list[list.length - 2] === d) list[list.length - 1]++
        else list.push(d, 1)
      }
      this.text.push(Int32Array.from(ids))
      const title = new Set()
      eachWord(doc.title || "", word => title.add(idOf(word)))
      for (const id of title) titles[id].push(d)
      this.title.push(title)
      total += ids.length
    })
    this.postings = text.map(list => Int32Array.from(list))
    this.titlePostings = titles.map(list => Int32Array.from(list))
    this.df = text.map((list, id) => Math.max(list.length / 2, titles[id].length))
    const avgLength = total / Math.max(1, this.docs.length)
    // BM25's length part (k1 = 1.2, b = 0.3: paragraphs differ less in length than pages)
    this.norm = Float32Array.from(this.text, words => 1.2 * (0.7 + 0.3 * words.length / avgLength))
    this.stems = new Map()   // stem → ids of the words with that stem
    this.vocab.forEach((word, id) => {
      const stem = this.lunrs.stem(word)
      const list = this.stems.get(stem)
      if (list) list.push(id)
      else this.stems.set(stem, [id])
    })
    this.sorted = this.vocab.map((_, id) => id)
      .sort((a, b) => (this.vocab[a] < this.vocab[b] ? -1 : 1))
    this.page = this.docs.map(doc => doc.location.split("#")[0])
    this.pageDoc = new Map()
    this.docs.forEach((doc, d) => {
      if (!doc.location.includes("#") && !this.pageDoc.has(this.page[d]))
        this.pageDoc.set(this.page[d], d)
    })
  }

  idf(id) {
    const N = this.docs.length, df = this.df[id]
    return Math.log(1 + (N - df + 0.5) / (df + 0.5))
  }

  /** The ids of the words beginning with ``prefix``, the most frequent first. */
  prefixed(prefix) {
    const { sorted, vocab } = this
    let lo = 0, hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (vocab[sorted[mid]] < prefix) lo = mid + 1
      else hi = mid
    }
    const out = []
    for (let i = lo; i < sorted.length && vocab[sorted[i]].startsWith(prefix); i++)
      out.push(sorted[i])
    // Two letters begin hundreds of words: the few most frequent stand for them
    const limit = prefix.length < 3 ? MAX_PREFIX / 4 : MAX_PREFIX
    return out.sort((a, b) => this.df[b] - this.df[a]).slice(0, limit)
  }

  /** The word ids one edit away from ``word``, the most frequent first. */
  nearby(word) {
    if (word.length < 4) return []
    const out = []
    this.vocab.forEach((other, id) => {
      if (Math.abs(other.length - word.length) <= 1 && oneEdit(word, other)) out.push(id)
    })
    return out.sort((a, b) => this.df[b] - this.df[a])
  }

  /** What one query word may match: Map word id → weight. */
  expand(term, { prefix, exactOnly }) {
    const found = new Map()
    const put = (id, weight) => {
      if (!(found.get(id) >= weight)) found.set(id, weight)
    }
    const exact = this.words.get(term)
    if (exact !== undefined) put(exact, WEIGHT.exact)
    if (!exactOnly)
      for (const id of this.stems.get(this.lunrs.stem(term)) || []) put(id, WEIGHT.stem)
    if (prefix && term.length >= 2)  // the word being typed (in an unclosed quote too)
      for (const id of this.prefixed(term)) put(id, WEIGHT.prefix)
    return found
  }
}

/* ------------------------------------------------------------------ query */

/** The query's words, in order: {word (folded), raw (as typed), quoted, group (the
 * quoted part it belongs to), last (the word being typed: no space after it yet), stop}. */
function parseQuery(query, engine) {
  const terms = []
  const parts = query.split('"')
  const typing = !/[\s"]$/.test(query)
  parts.forEach((part, index) => {
    const quoted = index % 2 === 1
    for (const [word, start, end] of tokenize(part))
      terms.push({ word, raw: part.slice(start, end), quoted, group: quoted ? index : 0 })
  })
  if (terms.length && typing) terms[terms.length - 1].last = true
  for (const term of terms) term.stop = engine.lunrs.isStop(term.word)
  return terms
}

/** Whether the doc's words hold ``sets`` (one Map of word ids per position) in a row. */
function phraseAt(words, sets) {
  const n = sets.length
  outer: for (let i = 0; i + n <= words.length; i++) {
    for (let k = 0; k < n; k++) if (!sets[k].has(words[i + k])) continue outer
    return true
  }
  return false
}

/** Material's search result for ``query`` (best first, grouped by page), the completion
 * for search.suggest and the corrections made ([as typed, indexed word]). */
function search(engine, query) {
  const terms = parseQuery(query, engine)
  if (!terms.length) return { items: [] }
  const corrections = []
  for (const term of terms) {
    term.matches = engine.expand(term.word, { prefix: term.last, exactOnly: term.quoted })
    if (!term.matches.size && !term.stop && !term.quoted) {
      const near = engine.nearby(term.word)
      for (const id of near) term.matches.set(id, WEIGHT.typo)
      if (near.length) corrections.push([term.raw, engine.vocab[near[0]]])
    }
  }
  const content = terms.filter(t => !t.stop)
  const scored = content.length ? content : terms
  const quotedGroups = [...new Set(terms.filter(t => t.quoted).map(t => t.group))]
    .map(g => terms.filter(t => t.quoted && t.group === g))
  const free = terms.filter(t => !t.quoted)

  // Every doc holding a word of a scored term: its best match per term, text or title.
  const D = engine.docs.length, n = scored.length
  const best = new Float32Array(n * D)
  const touched = []           // the docs with a match, in the order found
  const seen = new Uint8Array(D)
  scored.forEach((term, k) => {
    for (const [id, weight] of term.matches) {
      const idf = engine.idf(id) * weight, list = engine.postings[id], base = k * D
      for (let i = 0; i < list.length; i += 2) {
        const d = list[i], tf = list[i + 1]
        const value = idf * (1 + tf / (tf + engine.norm[d]))
        if (value > best[base + d]) {
          if (!seen[d]) { seen[d] = 1; touched.push(d) }
          best[base + d] = value
        }
      }
      for (const d of engine.titlePostings[id]) {
        if (idf * TITLE_WEIGHT > best[base + d]) {
          if (!seen[d]) { seen[d] = 1; touched.push(d) }
          best[base + d] = idf * TITLE_WEIGHT
        }
      }
    }
  })
  const results = []
  const quotedSets = quotedGroups.map(group => group.map(t => t.matches))
  const freeSets = free.map(t => t.matches)
  for (const d of touched) {
    let score = 0, matched = 0
    for (let k = 0; k < n; k++) {
      const value = best[k * D + d]
      if (value) { matched++; score += value }
    }
    const words = engine.text[d]
    if (quotedSets.some(sets => !phraseAt(words, sets))) continue
    let tier = matched === n ? 2 : 1
    if (tier === 2 && free.length > 1 && phraseAt(words, freeSets)) tier = 3
    if (tier === 2 && free.length <= 1 && quotedGroups.length) tier = 3
    const boost = engine.docs[d].boost || 1
    results.push({ d, score: tier * TIER + score * (1 + Math.log10(boost)) })
  }
  results.sort((a, b) => b.score - a.score)
  const perPage = new Map(), shown = []
  for (const result of results) {
    const page = engine.page[result.d], count = perPage.get(page) || 0
    if (count >= PER_PAGE) continue
    perPage.set(page, count + 1)
    if (shown.push(result) >= MAX_ITEMS) break
  }
  return {
    items: group(engine, shown, terms),
    suggest: suggestion(engine, terms),
    corrections,
  }
}

/* ------------------------------------------------------------------ results */

function escapeText(text) {
  return text.replace(/&(?!#?\w+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
}

/** A pattern that marks the words ``ids`` in escaped HTML (tags and entities kept). */
function marker(engine, ids) {
  if (!ids.size) return null
  const forms = [...ids].map(id => engine.vocab[id]).sort((a, b) => b.length - a.length)
    .map(word => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  const edge = "[\\p{L}\\p{M}\\p{N}]"
  return new RegExp(`(<[^>]*>|&#?\\w+;)|(?<!${edge})(?:${forms.join("|")})(?!${edge})`, "giu")
}

/** ``text`` (already escaped HTML) with the pattern's words marked. */
function mark(text, pattern) {
  if (!pattern) return text
  return text.replace(pattern, (found, kept) => (kept ? kept : `<mark>${found}</mark>`))
}

/** About SNIPPET characters of ``text`` around the first word the first pattern that
 * matches finds (the query's rarest word, else any), cut at spaces,
 * tags dropped (Material's heading documents hold HTML): what the result list shows. */
function snippet(text, patterns) {
  if (text.includes("<")) text = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()
  if (text.length <= SNIPPET) return text
  const first = pattern => {
    if (!pattern) return -1
    pattern.lastIndex = 0
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) if (!m[1]) return m.index
    return -1
  }
  let at = 0
  for (const pattern of patterns) {
    const found = first(pattern)
    if (found >= 0) { at = found; break }
  }
  let start = Math.max(0, at - SNIPPET / 4)
  if (start > 0) start = text.indexOf(" ", start) + 1
  let end = text.indexOf(" ", Math.min(text.length, start + SNIPPET))
  if (end < 0) end = text.length
  return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "")
}

/** Material's result shape: items grouped by page, the page's own document in each group.
 * The first MARKED results get their matching words marked (Material shows the first
 * passage of each page group; the rest sit folded under "more"); every result's `terms`
 * name the words it holds, for `?h=` and the highlight where it lands. */
function group(engine, results, terms) {
  // Stop words ("and", "of") are matched inside phrases but not marked, unless the
  // query has nothing else; the snippet centres on the query's rarest word.
  const content = terms.some(t => !t.stop) ? terms.filter(t => !t.stop) : terms
  const all = new Set()
  for (const term of content) for (const id of term.matches.keys()) all.add(id)
  const pattern = marker(engine, all)
  const rarest = [...all].sort((a, b) => engine.df[a] - engine.df[b])
  const anchor = marker(engine, new Set(rarest.slice(0, 1)))
  const groups = new Map()
  results.forEach(({ d, score }, rank) => {
    const doc = engine.docs[d]
    let { text = "", title = "" } = doc
    const held = new Set()
    for (const id of engine.text[d]) if (all.has(id)) held.add(id)
    for (const id of engine.title[d]) if (all.has(id)) held.add(id)
    text = snippet(text, [anchor, pattern])
    if (rank < MARKED) {
      text = mark(text, pattern)
      title = mark(title, pattern)
    }
    const termsFound = {}
    // Longest first: the page's highlighter tries them in this order ("fishing" before "fish")
    for (const word of [...held].map(id => engine.vocab[id]).sort((a, b) => b.length - a.length))
      termsFound[word] = true
    for (const term of terms)
      if (!term.stop && ![...term.matches.keys()].some(id => held.has(id)))
        termsFound[term.raw] = false
    const page = engine.page[d]
    if (!groups.has(page)) groups.set(page, [])
    groups.get(page).push({ ...doc, title, text, score, terms: termsFound })
  })
  for (const [page, items] of groups)
    if (!items.some(item => item.location === page)) {
      const d = engine.pageDoc.get(page)
      const doc = d === undefined ? { location: page, title: page, text: "" } : engine.docs[d]
      items.push({ ...doc, text: "", score: 0, terms: {} })
    }
  return [...groups.values()]
}

/** Material's search.suggest: the word being typed, completed with its likeliest end. */
function suggestion(engine, terms) {
  const last = terms[terms.length - 1]
  if (!last || !last.last || last.word.length < 2) return []
  const [best] = engine.prefixed(last.word)
  if (best === undefined) return []
  return [last.raw + engine.vocab[best].slice(last.word.length)]
}

/* ------------------------------------------------------------------ messages */

/** The URL of a file next to this worker's own (real worker or iframe-worker shim). */
function beside(path) {
  const here = typeof document !== "undefined"
    ? document.querySelector("script[src]").src
    : self.location.href
  return new URL(path, here).href
}

async function load() {
  if (!loading)
    loading = (async () => {
      const lunrBase = "../javascripts/lunr/min/"
      await importScripts(beside("lunr.min.js"))
      await importScripts(
        beside(lunrBase + "lunr.stemmer.support.min.js"),
        beside(lunrBase + "lunr.ru.min.js"),
      )
      await importScripts(beside("../../search/paragraphs.js"))
      const started = Date.now()
      engine = new Engine(self.readerSearchIndex, self.lunr)
      self.readerSearchIndex = null
      engine.buildTime = Date.now() - started
    })()
  return loading
}

/** The RESULT for a query; "did you mean" rides on the first item's text. */
async function answer(query) {
  if (!query.trim()) return { items: [] }
  await load()
  const { items, suggest, corrections } = search(engine, query)
  if (corrections.length && items.length) {
    let fixed = query.trim()
    for (const [raw, word] of corrections) fixed = fixed.replace(raw, word)
    const words = escapeText(fixed).replace(/"/g, "&quot;")
    const first = items[0][0]
    first.text = `<span class="reader-search-fix" data-fix="${words}"></span>` + first.text
  }
  return { items, suggest }
}

async function handler(message) {
  switch (message.type) {
    case SETUP:
      return { type: READY }
    case QUERY:
      try {
        return { type: RESULT, data: await answer(message.data) }
      } catch (error) {
        console.warn("search failed", error)
        return { type: RESULT, data: { items: [] } }
      }
    default:
      throw new TypeError("Invalid message type")
  }
}

self.readerSearch = { handler, load, search: (q) => search(engine, q), get engine() { return engine } }
addEventListener("message", async ev => {
  postMessage(await handler(ev.data))
})
