"""The built site's search files: Material's index split, and the documents set aside.

Material's search fetches ``search/search_index.json`` on every page load. After
:func:`reader.search.index.rewrite_search_index` has split its pages into paragraphs,
:func:`rewrite_site_index` leaves only the config there and writes the documents to
``search/paragraphs.js`` (``self.readerSearchIndex = {...};``), which the search worker
(``docs/assets/search/worker.js``) loads with ``importScripts`` on the first query: in a
real worker online and in the iframe-worker shim from ``file://`` alike, where ``fetch``
cannot read files. :func:`read_site_index` reads the documents back for tools and tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.search.index import rewrite_search_index

#: Material's index, fetched by every page: the config alone.
CONFIG_FILE = Path("search/search_index.json")
#: The documents, loaded by the worker when search is first used.
DOCUMENTS_FILE = Path("search/paragraphs.js")
DOCUMENTS_PREFIX = "self.readerSearchIndex = "
DOCUMENTS_SUFFIX = ";\n"


def page_file(site_dir: Path, location: str) -> Path:
    """The built file of a page location: ``texts/x/`` → ``texts/x/index.html``."""
    path = location.split("#")[0].split("?")[0]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site_dir / path


def documents_script(index: dict[str, object]) -> str:
    """The JavaScript that hands the whole index to the worker."""
    payload = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return DOCUMENTS_PREFIX + payload + DOCUMENTS_SUFFIX


def read_site_index(site_dir: Path) -> dict[str, object]:
    """The whole index of a built site (config and documents), as the worker sees it."""
    script = (site_dir / DOCUMENTS_FILE).read_text(encoding="utf-8")
    if not script.startswith(DOCUMENTS_PREFIX):
        raise ValueError(f"{site_dir / DOCUMENTS_FILE} does not start with {DOCUMENTS_PREFIX!r}")
    return json.loads(script[len(DOCUMENTS_PREFIX) :].rstrip().rstrip(";"))


def rewrite_site_index(site_dir: Path) -> int:
    """Split the built index into paragraphs and set its documents aside; return their count.

    A site without ``search/search_index.json`` (search off) is left alone."""
    index_path = site_dir / CONFIG_FILE
    if not index_path.is_file():
        return 0

    def read_page(location: str) -> str | None:
        file = page_file(site_dir, location)
        return file.read_text(encoding="utf-8") if file.is_file() else None

    index = json.loads(index_path.read_text(encoding="utf-8"))
    rewritten = rewrite_search_index(index, read_page)
    (site_dir / DOCUMENTS_FILE).write_text(documents_script(rewritten), encoding="utf-8")
    stub = {"config": rewritten.get("config", {}), "docs": []}
    index_path.write_text(json.dumps(stub, separators=(",", ":")), encoding="utf-8")
    docs = rewritten["docs"]
    assert isinstance(docs, list)
    return len(docs)
