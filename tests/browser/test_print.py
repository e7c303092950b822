"""Print, checked in the browser: every text page in print emulation at the width of an A4
page's text column, and its PDF read back by a real tool (``pdftotext``, Debian's
poppler-utils, which ``make system-deps`` installs).

On paper a reader gets the authors' words, the paragraph numbers they cite by, the
footnotes and the page's URL; no tip, no Cite button, no marker, no navigation. Terms
and references print as the words they are, inline, and no closing quotation mark, full
stop or comma after one of them starts a line. Screenshots and PDFs go to
``test-artifacts/screenshots/print-<slug>.png|pdf``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
TEXTS = (
    "makarychev-2011",
    "kosachev-2012",
    "gussarova-2017",
    "bezrukov-2018",
    "alipour-gorji-2024",
)
#: A4 (210 mm) less print.css's @page margins (24 mm + 18 mm) at 96 px per inch.
PAPER = {"width": round((210 - 24 - 18) / 25.4 * 96), "height": 1000}
#: What must not reach paper: the theme's and the edition's screen chrome.
CHROME = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".md-search",
    ".md-footer",
    ".md-top",
    ".md-dialog",
    ".md-tooltip",
    ".md-tooltip2",
    ".headerlink",
    ".text-header__actions",
    ".reader-tip",
    ".reader-quote",
    ".pcite",
    ".cite-copy",
    ".md-typeset a.mark",
    ".footnote-backref",
    ".editors-notes a.back",
    "button",
)
#: The labels of the editors' markers (CSS generated content, reader.css).
MARK_LABELS = ("see also", "disagrees")
#: Characters that must never begin a line right after a term, reference or note mark.
CLOSING = ".,;:!?)]}”’»…"

#: Per page, in print emulation: chrome on paper, annotations not inline, stranded
#: punctuation (the first character after an inline annotation on a later line than the
#: annotation's last box), paragraph numbers that do not print, and a page wider than
#: the paper (Chromium would print it shrunk). A paragraph number stands in the margin,
#: absolutely placed, out of the line: it cannot strand anything.
PRINT_PROBLEMS = """([chrome, closing]) => {
  const shown = e => e.getClientRects().length > 0
      && getComputedStyle(e).visibility !== 'hidden';
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`wider than the paper: ${root.scrollWidth} > ${root.clientWidth} px`);
  }
  for (const selector of chrome) {
    const on = [...document.querySelectorAll(selector)].filter(shown);
    if (on.length) problems.push(`${on.length} × ${selector} printed`);
  }
  const inline = [...document.querySelectorAll(
      'a.term, a.bibref, sup[id^="fnref"], a.footnote-ref')];
  for (const a of inline) {
    const display = getComputedStyle(a).display;
    if (display !== 'inline') problems.push(`${a.className || a.tagName} is ${display}`);
  }
  const after = el => {   // the text node and offset of the first character after el
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    walker.currentNode = el;
    let node = walker.nextNode();
    while (node && el.contains(node)) node = walker.nextNode();
    while (node && !node.data.length) node = walker.nextNode();
    return node;
  };
  for (const el of document.querySelectorAll('a.term, a.bibref, sup[id^="fnref"]')) {
    if (el.matches('sup a') || !shown(el)) continue;
    const node = after(el);
    if (!node || !closing.includes(node.data[0])) continue;
    const rects = el.getClientRects();
    const last = rects[rects.length - 1];
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, 1);
    const mark = range.getBoundingClientRect();
    if (mark.height && mark.top >= last.bottom - 1) {
      const words = (el.textContent + node.data.slice(0, 12)).trim();
      problems.push(`stranded ${JSON.stringify(node.data[0])} after ${JSON.stringify(words)}`);
    }
  }
  const numbers = [...document.querySelectorAll('a.pnum')];
  const unprinted = numbers.filter(a => !shown(a) || !a.textContent.trim());
  if (!numbers.length || unprinted.length) {
    problems.push(`${unprinted.length} of ${numbers.length} paragraph numbers not printed`);
  }
  return problems;
}"""


def _print_view(page_factory: Any, served_site: str, slug: str) -> Any:
    """The text page with a tip open (as a tap leaves it), then switched to print."""
    page = page_factory(viewport=PAPER)
    response = page.goto(served_site + f"texts/{slug}/", wait_until="load")
    assert response is not None and response.ok
    term = page.locator("a.term, a.bibref").first
    if term.count():
        term.hover()
        page.locator(".reader-tip").wait_for(state="visible")
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("slug", TEXTS)
def test_print_shows_the_text_its_numbers_and_no_chrome(
    page_factory: Any, served_site: str, slug: str
) -> None:
    page = _print_view(page_factory, served_site, slug)
    problems = page.evaluate(PRINT_PROBLEMS, [list(CHROME), CLOSING])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"print-{slug}.png"), full_page=True)
    assert not problems, f"{slug} in print: {problems[:12]}"


def _pdf_text(page: Any, slug: str) -> str:
    """The page printed to A4 as Chromium prints it, read back by pdftotext."""
    pdf = SHOTS / f"print-{slug}.pdf"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format="A4", print_background=False)
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("slug", TEXTS)
def test_the_pdf_reads_as_the_text(page_factory: Any, served_site: str, slug: str) -> None:
    """The PDF, as text: the numbers ¶ N are there, the chrome's labels are not, and no
    line starts with a closing mark (a stranded quotation mark or full stop)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is missing: run `make system-deps`")
    page = _print_view(page_factory, served_site, slug)
    numbers = page.locator("a.pnum").evaluate_all("els => els.map(e => e.textContent.trim())")
    text = _pdf_text(page, slug)
    # a number in the margin begins its line; "¶2" inside a line is a note's citation
    printed = re.findall(r"^\s*¶\s*(\w+)(?=\s)", text, re.M)
    assert printed == numbers, f"{slug}: the PDF's margin numbers {printed} != {numbers}"
    for label in ("Copy quote", "Download BibTeX", "Skip to content", "Back to top", "⇄"):
        assert label not in text, f"{slug}: {label!r} printed"
    for label in MARK_LABELS:  # the editors' markers (words the five texts never use)
        assert label not in text.lower(), f"{slug}: a {label!r} marker printed"
    assert not re.search(r"^\s*Cite\s*$", text, re.M), f"{slug}: a Cite button printed"
    stranded = [line.strip()[:60] for line in text.splitlines() if line.strip()[:1] in set(CLOSING)]
    assert not stranded, f"{slug}: lines of the PDF start with a closing mark: {stranded[:5]}"


def test_a_computed_links_marker_does_not_print(page_factory: Any, served_shown_site: str) -> None:
    """The edition withholds its computed links from the texts; on a copy built under
    bands that show them, the ⇄ markers are on screen and not on paper."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is missing: run `make system-deps`")
    page = page_factory(viewport=PAPER)
    page.goto(served_shown_site + "texts/kosachev-2012/", wait_until="load")
    markers = page.locator("a.mark--related")
    assert markers.count() >= 5 and markers.first.is_visible()
    page.emulate_media(media="print")
    assert not page.evaluate(PRINT_PROBLEMS, [[".md-typeset a.mark--related"], CLOSING])
    assert "⇄" not in _pdf_text(page, "shown-kosachev-2012")
