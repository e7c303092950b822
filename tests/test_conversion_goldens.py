"""Golden conversions: small fragments of each text's hard spots → expected Markdown.

Each case in tests/fixtures/convert/<slug>/ holds an original fragment and its meta.yml;
``expected.md`` is the page the pipeline must emit (numbering included, no glossary or
citation passes, so the goldens change only when conversion changes). Every case must
also pass the conservation check. ``pytest --update-goldens`` rewrites expected.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.checks.conservation import Ledger, check_conservation, expected_words, page_words
from reader.checks.render import markdown_to_html
from reader.emit.markdown import render_document
from reader.inputs.sources import load_source
from reader.parse.document import build_document, corrected_text
from reader.passes.numbering import number_paragraphs
from reader.repair.hyphenation import Lexicon

ROOT = Path(__file__).parents[1]
CASES = sorted(p for p in (ROOT / "tests" / "fixtures" / "convert").iterdir() if p.is_dir())
LEXICON = Lexicon.from_texts(p.read_text(encoding="utf-8") for p in ROOT.glob("sources/*/*.txt"))


def convert(case: Path, tmp_path: Path) -> tuple[str, str]:
    """Convert a fixture case; return (markdown, html)."""
    folder = tmp_path / "sources" / case.name
    shutil.copytree(case, folder, ignore=shutil.ignore_patterns("expected.*"))
    source = load_source(folder, tmp_path)
    doc, log = build_document(source, LEXICON)
    markdown = render_document(number_paragraphs(doc))
    html = markdown_to_html(markdown, ROOT / "mkdocs.yml")
    problems = check_conservation(
        expected_words(corrected_text(source)[0], Ledger(log.furniture, tuple(log.note_lines))),
        page_words(html),
        case.name,
        "page",
    )
    assert not problems, "\n".join(map(str, problems))
    return markdown, html


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_conversion_matches_golden(case: Path, tmp_path: Path, update_goldens: bool) -> None:
    markdown, _ = convert(case, tmp_path)
    expected = case / "expected.md"
    if update_goldens:
        expected.write_text(markdown, encoding="utf-8")
    assert markdown == expected.read_text(encoding="utf-8")
