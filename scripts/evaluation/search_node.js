// Runs the site's own search worker (assets/search/worker.js) under Node, as the browser
// would: importScripts reads the built site's files. Reads queries as a JSON list on stdin
// and prints, for each, the locations of the results in order, their titles and the
// "did you mean" words, as JSON.
//
//   node scripts/evaluation/search_node.js site/ < queries.json
"use strict"
const fs = require("fs"), vm = require("vm"), path = require("path")
const { pathToFileURL, fileURLToPath } = require("url")

const site = path.resolve(process.argv[2] || "site")
const limit = Number(process.argv[3] || 10)
const workerFile = path.join(site, "assets", "search", "worker.js")
const ctx = { console, URL, Promise, Date, Math, Map, Set }
let handler
ctx.self = ctx
ctx.location = { href: pathToFileURL(workerFile).href }
ctx.addEventListener = (type, fn) => { handler = fn }
ctx.postMessage = () => {}
ctx.importScripts = (...urls) => urls.forEach(url =>
  vm.runInContext(fs.readFileSync(fileURLToPath(url), "utf8"), ctx, { filename: url }))
vm.createContext(ctx)
vm.runInContext(fs.readFileSync(workerFile, "utf8"), ctx, { filename: workerFile })

async function main() {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"))
  const api = ctx.readerSearch
  const started = process.hrtime.bigint()
  await api.load()
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6
  const out = { loadMs, results: {} }
  for (const query of queries) {
    const result = api.search(query)
    const flat = result.items.flat().filter(item => item.score > 0)
      .sort((a, b) => b.score - a.score)
    out.results[query] = {
      locations: flat.slice(0, limit).map(item => item.location),
      fixes: result.corrections.map(([, word]) => word),
      groups: result.items.map(items => items[0].location).slice(0, limit),
    }
  }
  process.stdout.write(JSON.stringify(out))
}
main().catch(error => { console.error(error); process.exit(1) })
