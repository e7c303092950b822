"""The benchmark (scripts/bench.py) must keep running: a quick run has every section.

No timing is asserted here — performance is measured only by ``make bench``. These tests
only make sure the script cannot rot as the pipeline changes under it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from benchlib.carry import carried_sections  # noqa: E402
from benchlib.corpus import copy_slug  # noqa: E402
from benchlib.report import SECTIONS, TARGETS  # noqa: E402
from benchlib.weight import page_assets  # noqa: E402


@pytest.mark.slow
def test_quick_run_reports_every_section_and_target(tmp_path: Path) -> None:
    output = tmp_path / "BENCHMARKS.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    written = output.read_text(encoding="utf-8")
    for text in (result.stdout, written):
        for title in SECTIONS:
            assert f"## {title}" in text
        for target in TARGETS:
            assert any(f"**{v}**: {target}" in text for v in ("PASS", "FAIL", "SKIP")), target
    assert "- CPU: " in written and "load average" in written
    assert "re-converted: " in written and "overhead ratio" in written
    assert "search index: raw" in written
    # the quick run skips Lighthouse, and says so, rather than failing
    assert "Lighthouse not run: skipped" in written
    # --quick never overwrites the committed figures
    assert "do not edit by hand" in written


def test_copies_get_valid_slugs() -> None:
    from reader.inputs.sources import SLUG_RE

    assert copy_slug("kosachev-2012", 1) == "kosachev-c001-2012"
    assert copy_slug("alipour-gorji-2024", 99) == "alipour-gorji-c099-2024"
    assert SLUG_RE.match(copy_slug("bezrukov-2018", 42))


def test_page_weight_follows_stylesheets_and_skips_other_hosts(tmp_path: Path) -> None:
    site = tmp_path
    (site / "assets").mkdir()
    (site / "texts" / "a").mkdir(parents=True)
    (site / "assets" / "main.css").write_text(
        '@import "extra.css"; body { background: url("bg.png") } '
        "i { background: url(data:image/png;base64,AAAA) }",
        encoding="utf-8",
    )
    (site / "assets" / "extra.css").write_text("@font-face { src: url('f.woff2') }")
    for name in ("bg.png", "f.woff2", "app.js"):
        (site / "assets" / name).write_bytes(b"x" * 10)
    page = site / "texts" / "a" / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="../../assets/main.css">'
        '<link rel="canonical" href="https://example.org/">'
        '<script src="../../assets/app.js"></script>'
        '<script src="https://cdn.example.org/x.js"></script>'
        '<link rel="stylesheet" href="../../assets/main.css">',
        encoding="utf-8",
    )
    files, external, _ = page_assets(site, page)
    names = sorted(f.name for f in files)
    assert names == ["app.js", "bg.png", "extra.css", "f.woff2", "index.html", "main.css"]
    assert external == ["https://cdn.example.org/x.js"]


def test_the_x100_search_index_copies_the_texts_documents() -> None:
    """The ×N index of the search benchmark holds each text page's documents N times,
    under the corpus generator's slugs, and every other page's once."""
    from benchlib.search import scaled_index

    index = {
        "config": {},
        "docs": [
            {"location": "texts/kosachev-2012/#p1", "title": "K ¶ 1", "text": "a"},
            {"location": "glossary/#nye", "title": "Nye", "text": "b"},
        ],
    }
    docs = scaled_index(index, 3)["docs"]
    assert [d["location"] for d in docs] == [
        "texts/kosachev-2012/#p1",
        "glossary/#nye",
        "texts/kosachev-c001-2012/#p1",
        "texts/kosachev-c002-2012/#p1",
    ]
    assert docs[2]["text"] == "a"


def _lighthouse_report(performance: float, accessibility: float) -> dict:
    """The parts of a Lighthouse JSON report that section 6 reads."""
    audits = {
        "first-contentful-paint": {"displayValue": "1.1\u00a0s"},
        "total-blocking-time": {"displayValue": "90\u00a0ms", "score": 0.5},
    }
    refs = [{"id": "total-blocking-time", "weight": 30}]
    return {
        "audits": audits,
        "categories": {
            "performance": {"score": performance, "auditRefs": refs},
            "accessibility": {"score": accessibility, "auditRefs": []},
            "best-practices": {"score": 1, "auditRefs": []},
            "seo": {"score": 1, "auditRefs": []},
        },
    }


def test_lighthouse_measures_every_page_and_judges_each(tmp_path: Path) -> None:
    """Section 6 measures the home page, every text page and the glossary, and the
    target fails on the one page below it, by name."""
    from benchlib import lighthouse
    from benchlib.report import Report

    for slug in ("b-2020", "a-2010"):
        (tmp_path / "texts" / slug).mkdir(parents=True)
        (tmp_path / "texts" / slug / "index.html").write_text("x", encoding="utf-8")
    assert [label for label, _ in lighthouse.pages(tmp_path)] == [
        "home",
        "a-2010",
        "b-2020",
        "glossary",
    ]
    good, slow = _lighthouse_report(0.97, 1), _lighthouse_report(0.94, 1)
    assert lighthouse.metrics(good) == "FCP 1.1 s, TBT 90 ms"
    assert lighthouse.lost_points(slow) == "total-blocking-time (performance)"
    for results, verdict in (
        ([("home", good), ("a-2010", good)], "PASS"),
        ([("home", good), ("a-2010", slow)], "FAIL"),
        ([("home", good)], "SKIP"),
    ):
        report = Report(echo=False)
        report.section("6. Lighthouse")
        lighthouse._targets(results, 2, report)
        found, detail = report.targets[lighthouse.TARGET]
        assert found == verdict, results
        assert ("a-2010" in detail) == (verdict == "FAIL"), detail


@pytest.mark.slow
def test_only_runs_the_sections_named(tmp_path: Path) -> None:
    output = tmp_path / "BENCHMARKS.md"
    command = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--only", "4"]
    result = subprocess.run(
        [*command, "--output", str(output)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    written = output.read_text(encoding="utf-8")
    assert f"## {SECTIONS[3]}" in written
    assert all(f"## {title}" not in written for title in SECTIONS if title != SECTIONS[3])
    assert "--only 4" in written and f"**SKIP**: {TARGETS[1]}" in written


def test_only_refuses_a_section_that_does_not_exist() -> None:
    command = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--only", "2,9"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "sections are 1 to 8" in result.stderr


def test_a_partial_run_keeps_the_other_sections_under_a_note() -> None:
    old = (
        "# Benchmarks\n\n## Machine\n\n- date: 2026-01-01 00:00 UTC\n- commit: abc1234\n"
        "- load average (1, 5, 15 min) at the start: 1.00, 2.00, 3.00; at the end: 4.00\n\n"
        "## 2. Scaling\n\nold scaling\n\n## 5b. Page elements\n\nold elements\n"
    )
    kept = carried_sections(old, frozenset({2}))
    text = "\n".join(kept)
    assert "## 2. Scaling" not in text and "old scaling" not in text
    assert "## 5b. Page elements" in text and "old elements" in text
    assert "2026-01-01 00:00 UTC, commit abc1234, load 1.00, 2.00, 3.00" in text
    again = "\n".join(carried_sections("# Benchmarks\n" + text + "\n", frozenset({2})))
    assert again.count("_Not run this time") == 1  # carried twice, noted once


def test_a_partial_run_keeps_the_verdicts_it_did_not_measure() -> None:
    """bench.py --only carries the PASS/FAIL of targets it did not measure, never a SKIP."""
    from benchlib.carry import carried_targets

    old = "\n".join(
        [
            "## Targets",
            "",
            f"- **FAIL**: {TARGETS[6]} (1.54× CPU)",
            f"- **SKIP**: {TARGETS[4]} (not measured in this run)",
            f"- **PASS**: {TARGETS[9]} (Gussarova 1,452)",
        ]
    )
    assert carried_targets(old, TARGETS) == {
        TARGETS[6]: ("FAIL", "1.54× CPU"),
        TARGETS[9]: ("PASS", "Gussarova 1,452"),
    }
