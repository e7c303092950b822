"""The accessibility checker can fail: axe-core finds a known violation on a tiny page."""

from __future__ import annotations

from typing import Any

import pytest

from reader.checks.quality.axe import blocking, describe, inject_axe, to_diagnostics

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fixture</title></head>
<body><main><h1>Search the reader</h1>{control}</main></body></html>"""


def test_axe_reports_an_unlabelled_control(page: Any) -> None:
    """An ``<input type=text>`` without a label is a critical violation (rule ``label``)."""
    page.set_content(PAGE.format(control='<input type="text">'))
    violations = blocking(inject_axe(page))
    assert [v["id"] for v in violations] == ["label"], describe(violations)
    assert violations[0]["impact"] == "critical"
    assert violations[0]["nodes"][0]["target"] == ["input"]
    (diagnostic,) = to_diagnostics(violations, "fixture.html")
    assert diagnostic.code == "Q001" and diagnostic.severity == "error"


def test_axe_passes_a_labelled_control(page: Any) -> None:
    """The same page with a label has no violation at all (no false positive)."""
    control = '<label for="q">Query</label> <input type="text" id="q">'
    page.set_content(PAGE.format(control=control))
    violations = inject_axe(page)
    assert violations == [], describe(violations)


def test_axe_runs_twice_on_one_page(page: Any) -> None:
    """axe is injected once; a second run (e.g. after toggling dark mode) reuses it."""
    page.set_content(PAGE.format(control='<input type="text">'))
    first = inject_axe(page)
    page.evaluate("() => document.querySelector('input').setAttribute('aria-label', 'Query')")
    assert first and inject_axe(page) == []
