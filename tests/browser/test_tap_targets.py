"""Tap targets on a phone: WCAG 2.5.8 (target size, minimum) on the pages Lighthouse
scores, at the size of Lighthouse's mobile device (412 × 823, 1.75 device pixels).

axe-core's ``target-size`` rule (the one Lighthouse's accessibility score runs) passes a
target of at least 24 × 24 px, or a smaller one with no other target within a 24 px
circle around it. Footnote references beside a term and an editors' marker are where
it has failed before (``sup#fnref:53`` on Gussarova's page).
"""

from __future__ import annotations

from typing import Any

import pytest

from reader.checks.quality.axe import DEFAULT_OPTIONS, describe, inject_axe

PAGES = (
    "",
    "texts/makarychev-2011/",
    "texts/kosachev-2012/",
    "texts/gussarova-2017/",
    "texts/bezrukov-2018/",
    "texts/alipour-gorji-2024/",
    "glossary/",
)
LIGHTHOUSE_MOBILE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.mark.parametrize("path", PAGES, ids=[p.strip("/") or "home" for p in PAGES])
def test_every_tap_target_is_big_or_spaced_enough(
    page_factory: Any, served_site: str, path: str
) -> None:
    page = page_factory(**LIGHTHOUSE_MOBILE)
    response = page.goto(served_site + path, wait_until="load")
    assert response is not None and response.ok
    violations = inject_axe(page, options={"runOnly": ["target-size"], **DEFAULT_OPTIONS})
    assert not violations, describe(violations)
