"""Section 7: search latency in Chromium, for the built site and a ×100 index.

The built site is served on 127.0.0.1 (gzip, as a static host serves it) and opened in
Debian's Chromium through Playwright. Every query of the search evaluation
(``scripts/evaluation/search-queries.yml``) is typed into Material's search box, one after
another, and timed from the key (a ``keyup``, what Material listens for) to the moment the
results are in the page (Material rewrites the results line and list in one task, seen by
a MutationObserver): the worker's search, the message both ways and the rendering. The
first query also loads the index (search/paragraphs.js) and is reported on its own.

The ×100 index is the built index with every text page's documents copied 99 times under
the slugs the ×100 corpus uses (:func:`benchlib.corpus.copy_slug`), as a ×100 build indexes
them; the glossary, bibliography and other pages are kept once. (Building the ×100 site
itself takes some eight minutes, section 2, and yields the same text documents.)
"""

from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchlib.corpus import copy_slug
from benchlib.lighthouse import CHROME, serve
from benchlib.report import TARGETS, Report, load
from reader.search.files import DOCUMENTS_FILE, documents_script, read_site_index

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate_search import load_cases  # noqa: E402

#: Latency targets (ms) by corpus factor, judged on the slowest query (its median).
LIMITS = {1: 100.0, 100: 300.0}
#: Passes through the query list; each query's figure is its median over them.
ROUNDS = 3

TIME_QUERY = """async query => {
  const input = document.querySelector("input.md-search__input")
  const meta = document.querySelector(".md-search-result__meta")
  const list = document.querySelector(".md-search-result__list")
  return await new Promise(resolve => {
    const seen = new MutationObserver(() => {
      seen.disconnect()
      resolve(performance.now() - started)
    })
    seen.observe(meta, { childList: true, characterData: true, subtree: true })
    seen.observe(list, { childList: true })
    input.value = query
    const started = performance.now()
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "End" }))
  })
}"""


def scaled_index(index: dict, factor: int) -> dict:
    """The index with each text page's documents copied ``factor - 1`` times."""
    docs = index["docs"]
    out = list(docs)
    for copy in range(1, factor):
        for doc in docs:
            location = str(doc["location"])
            if not location.startswith("texts/"):
                continue
            slug = location.split("/")[1]
            new = copy_slug(slug, copy)
            out.append({**doc, "location": location.replace(f"texts/{slug}/", f"texts/{new}/", 1)})
    return {**index, "docs": out}


def scaled_site(site: Path, dest: Path, factor: int) -> Path:
    """A copy of ``site`` whose search documents are the ×``factor`` index."""
    if factor == 1:
        return site
    shutil.copytree(site, dest)
    index = scaled_index(read_site_index(site), factor)
    (dest / DOCUMENTS_FILE).write_text(documents_script(index), encoding="utf-8")
    return dest


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` served on 127.0.0.1, gzip-compressed (:func:`benchlib.lighthouse.serve`);
    the base URL, with its slash."""
    with serve(site) as base:
        yield base + "/"


def time_queries(url: str, queries: list[str], rounds: int = ROUNDS) -> tuple[float, list[float]]:
    """(the first query with the index load, then every query's median over ``rounds``
    passes through the list) in ms, in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url + "texts/kosachev-2012/")
        page.locator("input.md-search__input").click()
        page.wait_for_timeout(300)
        first = page.evaluate(TIME_QUERY, "soft power")
        page.wait_for_timeout(200)
        passes: list[list[float]] = []
        for _ in range(rounds):
            passes.append([])
            for query in queries:
                passes[-1].append(page.evaluate(TIME_QUERY, query))
                page.wait_for_timeout(20)
        browser.close()
    return first, [statistics.median(times) for times in zip(*passes, strict=True)]


def typed(queries: list[str]) -> list[str]:
    """Every query, then the prefixes a reader types on the way to a few of them."""
    out = list(queries)
    for query in ("Russian world", "Rossotrudnichestvo budget", "Россотрудничество"):
        out += [query[:n] for n in range(2, len(query))]
    return out


def describe(times: list[float]) -> str:
    """Median, 95th percentile and maximum."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms"


def section_search(site: Path, work: Path, report: Report, factors: tuple[int, ...]) -> None:
    """Section 7: query-to-results latency at each corpus factor."""
    report.section("7. Search latency")
    queries = typed([case.query for case in load_cases()])
    report.line(
        f"{len(queries)} queries typed into Material's search box in Chromium (the "
        "evaluation's queries and the prefixes typed on the way to three of them), each "
        f"timed from its keyup to the results in the page; {ROUNDS} passes through the list "
        "after a first query that loads the index, each query's median taken. Wall-clock "
        f"time: it includes whatever else the machine runs (load average {load()})."
    )
    report.line()
    worst: dict[int, float] = {}
    for factor in factors:
        copy = scaled_site(site, work / f"search-site-x{factor}", factor)
        docs = len(read_site_index(copy)["docs"])
        size = (copy / DOCUMENTS_FILE).stat().st_size / 1e6
        with served(copy) as url:
            first, times = time_queries(url, queries)
        worst[factor] = max(times)
        report.line(
            f"- ×{factor} ({docs} documents, paragraphs.js {size:.1f} MB): first query with "
            f"the index load {first:.0f} ms; then {describe(times)}"
        )
        if copy != site:
            shutil.rmtree(copy, ignore_errors=True)
    for factor, limit in LIMITS.items():
        target = TARGETS[4] if factor == 1 else TARGETS[5]
        if factor not in worst:
            report.target(target, None, f"×{factor} not measured (sizes ×{factors})")
        else:
            report.target(target, worst[factor] <= limit, f"slowest {worst[factor]:.1f} ms")
