// The baseline: Material's own search worker (lunr, as mkdocs-material 9.8 ships it) under
// Node, on the same documents, for `evaluate_search.py --material`. Reads the queries as a
// JSON list on stdin; prints the same shape as search_node.js.
//
//   node scripts/evaluation/material_node.js <material assets> <index.json> [limit] < queries.json
"use strict"
const fs = require("fs"), vm = require("vm"), path = require("path")
const [assets, indexFile, limitArg] = process.argv.slice(2)
const limit = Number(limitArg || 10)
const index = JSON.parse(fs.readFileSync(indexFile, "utf8"))
const workers = path.join(assets, "javascripts", "workers")
const ctx = { console, URL, Promise }
let handler, out
ctx.self = ctx
ctx.addEventListener = (type, fn) => { handler = fn }
ctx.postMessage = message => { out = message }
ctx.importScripts = (...urls) => urls.forEach(u =>
  vm.runInContext(fs.readFileSync(path.join(workers, u), "utf8"), ctx))
vm.createContext(ctx)
const worker = fs.readdirSync(workers).find(f => /^search\..*\.js$/.test(f))
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), ctx)

;(async () => {
  const queries = JSON.parse(fs.readFileSync(0, "utf8"))
  const started = Date.now()
  await handler({ data: { type: 0, data: { ...index, options: { suggest: false } } } })
  const results = {}
  for (const query of queries) {
    await handler({ data: { type: 2, data: query } })
    const flat = out.data.items.flat().filter(item => item.score > 0)
      .sort((a, b) => b.score - a.score)
    results[query] = { locations: flat.slice(0, limit).map(i => i.location), fixes: [] }
  }
  process.stdout.write(JSON.stringify({ loadMs: Date.now() - started, results }))
})()
