"""Every text field of every input, hostile at once: generated from the schemas.

:data:`FIELDS` classifies every field each input declares (the pydantic models of
meta.yml, the declared key sets of the other loaders, the shown BibTeX fields, the plain
settings of mkdocs.yml) as shown ``text`` or as an ``id`` (a key, a choice, a quotation
that must match the text). The first test fails when a schema gains a field this table
does not classify, so a new field cannot be forgotten. The second writes a project in
which every text field holds markup that would run if it were not escaped — a
``<script>``, an ``<img onerror>``, a ``javascript:`` link, quotes and a ``</title>`` —
each tagged with its file and field, builds it with ``reader build`` and a real ``mkdocs
build --strict``, audits every page (the audit of :mod:`test_injection`), and checks that
each field that is shown is shown as the characters it is. A real Chromium then opens
every page and fails on any dialog (``alert``) the payloads could open.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from project_copy import BIB, SLUG, mkdocs_config, write_minimal_project
from reader.app.cli import main
from reader.inputs import annotations, citations, comparisons, glossary, timeline
from reader.inputs.meta import AuthorEntry, CorrectionEntry, MetaFile
from test_injection import audit

TEXT, ID = "text", "id"
#: input -> field -> text (shown; gets a payload) or id (a key, a choice, a quotation).
FIELDS: dict[str, dict[str, str]] = {
    "meta.yml": {
        "title": TEXT,
        "short_title": TEXT,
        "venue": TEXT,
        "summary": TEXT,
        "rights": TEXT,
        "provenance": TEXT,
        "authors": ID,
        "date": ID,
        "genre": ID,
        "bib_key": ID,
        "language": ID,
        "profile": ID,
        "source_file": ID,
        "source_url": ID,
        "corrections": ID,
        "structure": ID,
        "seed": ID,
        "sha256": ID,
    },
    "meta.yml authors": {"name": TEXT, "affiliation": TEXT, "role": ID, "family": TEXT},
    "meta.yml corrections": {"find": ID, "replace": ID, "count": ID, "reason": TEXT},
    "glossary.yml": {
        "id": ID,
        "headword": TEXT,
        "aliases": ID,
        "category": ID,
        "tooltip": TEXT,
        "note": TEXT,
        "related": ID,
        "bib": ID,
        "case_sensitive": ID,
        "paraphrases": ID,  # matched by the related-passages pass, shown on no page
    },
    "citations.yml": {"quote": ID, "key": ID, "occurrence": ID, "note": TEXT},
    "annotations.yml": {
        "id": ID,
        "kind": ID,
        "body": TEXT,
        "target": ID,
        "concepts": ID,
        "exact": ID,
        "prefix": ID,
        "suffix": ID,
    },
    "comparisons.yml": {"id": ID, "title": TEXT, "intro": TEXT, "also": ID, "with": ID, "page": ID},
    "timeline.yml": {"date": ID, "until": ID, "label": TEXT, "passages": ID, "note": TEXT},
    "references.bib": {"title": TEXT, "journal": TEXT, "publisher": TEXT, "author": TEXT},
    "mkdocs.yml": {"site_name": TEXT, "site_description": TEXT, "site_author": TEXT},
}
#: The fields each input's schema declares (what FIELDS must classify).
DECLARED: dict[str, set[str]] = {
    "meta.yml": set(MetaFile.model_fields),
    "meta.yml authors": set(AuthorEntry.model_fields),
    "meta.yml corrections": set(CorrectionEntry.model_fields),
    "glossary.yml": set(glossary.ENTRY_SCHEMA),
    "citations.yml": set(citations.DECLARATION_FIELDS),
    "annotations.yml": set(annotations.KEYS),
    "comparisons.yml": set(comparisons.KEYS),
    "timeline.yml": set(timeline._EVENT_KEYS),
    "references.bib": {"title", "journal", "publisher", "author"},
    "mkdocs.yml": {"site_name", "site_description", "site_author"},
}
#: Fields classified before their schema declares them.
AHEAD: set[str] = set()
#: Text fields no page shows (notes the editors keep for themselves).
NOT_SHOWN = {"meta.yml authors affiliation", "citations.yml note", "timeline.yml note"}


def payload(tag: str) -> str:
    """Markup that runs if it is not escaped, named by ``tag`` (one short sentence)."""
    return (
        f'X{tag} <script>alert("{tag}")</script><img src=x onerror=alert("{tag}")> '
        f'"q" \'a\' & </title> [l](javascript:alert("{tag}"))'
    ) + "."


def tag(where: str, field: str) -> str:
    """The tag of one field: ``glossary-yml-tooltip``."""
    return re.sub(r"[^a-z]+", "-", f"{where} {field}").strip("-")


def test_every_declared_field_is_classified() -> None:
    """A field added to a schema must be declared text or id here (:data:`AHEAD` holds
    the fields classified before their schema declares them)."""
    for where, declared in DECLARED.items():
        assert declared <= set(FIELDS[where]), f"{where}: classify {declared - set(FIELDS[where])}"
        assert set(FIELDS[where]) - declared <= AHEAD, f"{where}: no such field"


def _texts(where: str) -> dict[str, str]:
    return {f: payload(tag(where, f)) for f, kind in FIELDS[where].items() if kind == TEXT}


def hostile_project(root: Path) -> Path:
    """The minimal project with every text field of every input set to its payload."""
    write_minimal_project(root)
    folder = root / "sources" / SLUG
    meta = yaml.safe_load((folder / "meta.yml").read_text(encoding="utf-8"))
    meta.update(_texts("meta.yml"))
    meta["authors"] = [
        {"name": "John Smith", "role": "author"},
        {**_texts("meta.yml authors"), "role": "editor"},
    ]
    meta["corrections"][0].update(_texts("meta.yml corrections"))
    (folder / "meta.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    entries = yaml.safe_load((root / "glossary.yml").read_text(encoding="utf-8"))
    entries[1].update(_texts("glossary.yml"))  # hard-power: its headword need not match
    (root / "glossary.yml").write_text(
        yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8"
    )
    declared = yaml.safe_load((folder / "citations.yml").read_text(encoding="utf-8"))
    declared[0].update(_texts("citations.yml"))
    (folder / "citations.yml").write_text(
        yaml.safe_dump(declared, allow_unicode=True), encoding="utf-8"
    )
    notes = yaml.safe_load((folder / "annotations.yml").read_text(encoding="utf-8"))
    notes[0].update(_texts("annotations.yml"))
    (folder / "annotations.yml").write_text(
        yaml.safe_dump(notes, allow_unicode=True), encoding="utf-8"
    )
    compare = [{"id": "soft-power", **_texts("comparisons.yml")}]
    (root / "comparisons.yml").write_text(
        yaml.safe_dump(compare, allow_unicode=True), encoding="utf-8"
    )
    quote = "The second paragraph speaks of hard power"
    event = {"date": "2019", **_texts("timeline.yml"), "passages": [{"slug": SLUG, "quote": quote}]}
    (root / "timeline.yml").write_text(
        yaml.safe_dump({"events": [event]}, allow_unicode=True), encoding="utf-8"
    )
    fields = {k: v.replace("&", r"\&") for k, v in _texts("references.bib").items()}
    fields.setdefault("year", "2019")
    entry = "".join(f"  {k} = {{{v}}},\n" for k, v in fields.items())
    bib = BIB.split("@book{jones2019,")[0] + "@book{jones2019,\n" + entry + "}\n"
    (root / "references.bib").write_text(bib, encoding="utf-8")
    config = mkdocs_config([SLUG]).replace(
        "  - About this edition: edition.md\n",
        "  - About this edition: edition.md\n  - Compare:\n      # BEGIN compare\n"
        "      - compare/index.md\n      # END compare\n",
    )
    for field, value in _texts("mkdocs.yml").items():
        config = re.sub(rf"(?m)^{field}:.*(\n  .*)*$", "", config)
        config = f"{field}: {json.dumps(value)}\n" + config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile project built by ``reader build`` and ``mkdocs build --strict``."""
    root = hostile_project(tmp_path_factory.mktemp("fields") / "project")
    assert main(["--root", str(root), "build"]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return root


def test_no_field_injects_markup_and_every_shown_field_is_literal(built: Path) -> None:
    """No page has injected markup; every text field (but the few no page shows) is on
    some page as exactly its characters."""
    pages = {
        p: audit(p.read_text(encoding="utf-8"), str(p)) for p in (built / "site").rglob("*.html")
    }
    problems = [f"{p.relative_to(built)}: {x}" for p, a in pages.items() for x in a.problems]
    assert problems == []
    visible = "\n".join(a.visible() for a in pages.values())
    metas = {m.get("content", "") for a in pages.values() for m in a.meta}
    missing = []
    for where, fields in FIELDS.items():
        for field, kind in fields.items():
            if kind != TEXT or f"{where} {field}" in NOT_SHOWN:
                continue
            if not _shown(where, tag(where, field), visible, metas):
                missing.append(f"{where} {field}")
    assert missing == [], "not shown literally anywhere"


def _shown(where: str, name: str, visible: str, metas: set[str]) -> bool:
    """Whether the payload ``name`` is shown as its characters: in a page's text, or
    (the site's description and author) in a meta tag. The CSL style sets a
    reference's title in title case and an author as Family, Given: the script survives
    as text."""
    value = payload(name)
    if where == "mkdocs.yml" and name != "mkdocs-yml-site-name":
        return value in metas
    if where == "references.bib":
        return f'<script>alert("{name}")</script>'.lower() in visible.lower()
    return value in visible


#: Run in a process of its own: the browser tests' session-wide Playwright keeps an event
#: loop running in this one, and the sync API refuses to start inside it.
BROWSE_EVERY_PAGE = """
import functools, http.server, json, sys, threading
from pathlib import Path
from playwright.sync_api import sync_playwright

class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

site = Path(sys.argv[1])
server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
threading.Thread(target=server.serve_forever, daemon=True).start()
dialogs = []
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium")
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for html in sorted(site.rglob("index.html")):
        path = html.parent.relative_to(site).as_posix()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/"
                  + ("" if path == "." else path + "/"))
        page.hover(".md-header__button.md-logo")
        page.wait_for_timeout(150)
    browser.close()
server.shutdown()
print(json.dumps(dialogs))
"""


def test_no_payload_runs_in_a_browser(built: Path) -> None:
    """Chromium opens every page, hovers the logo (Material's tooltips write a title as
    HTML): no payload opens a dialog."""
    pytest.importorskip("playwright.sync_api")
    done = subprocess.run(
        [sys.executable, "-c", BROWSE_EVERY_PAGE, str(built / "site")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.splitlines()[-1]) == []
