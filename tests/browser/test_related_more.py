"""The related-passages page in Chromium, without JavaScript, at phone and desktop width:
the editors' links first, then the strong computed ones, and the less certain ones only
behind the "More, less certain links" control, which opens by click and by keyboard. The
edition withholds its strong band, so all its computed links are behind the control; the
strong ones are checked on a copy built under bands that show them."""

from __future__ import annotations

from typing import Any

import pytest

from reader.checks.quality.axe import blocking, describe, inject_axe

pytestmark = pytest.mark.browser

PAGE = "related/"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
ITEM = "article li:has(> p[id])"


def _open_page(page_factory: Any, served_site: str, width: str) -> Any:
    page = page_factory(viewport=WIDTHS[width], java_script_enabled=False)
    page.goto(served_site + PAGE)
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_less_certain_links_wait_behind_a_closed_control(
    page_factory: Any, served_site: str, width: str
) -> None:
    page = _open_page(page_factory, served_site, width)
    controls = page.locator(f"{ITEM} > details.related-more")
    assert controls.count() >= 10
    for index in range(controls.count()):
        control = controls.nth(index)
        assert control.get_attribute("open") is None
        assert not control.locator("li a").first.is_visible()
    control = controls.first
    summary = control.locator("summary")
    assert "less certain links" in summary.inner_text().lower()
    summary.click()
    link = control.locator("li a").first
    link.wait_for(state="visible")
    box, view = link.bounding_box(), page.viewport_size
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= view["width"]
    wider = control.evaluate(
        "d => [d, ...d.querySelectorAll('*')].filter("
        "e => e.getBoundingClientRect().right > window.innerWidth).length"
    )
    assert wider == 0  # the opened list fits the width: no sideways scrolling
    link.click()
    page.wait_for_url("**/texts/*/#p*")


def test_the_control_opens_by_keyboard(page_factory: Any, served_site: str) -> None:
    page = _open_page(page_factory, served_site, "desktop")
    control = page.locator(f"{ITEM} > details.related-more").first
    control.locator("summary").focus()
    page.keyboard.press("Enter")
    control.locator("li a").first.wait_for(state="visible")
    assert control.get_attribute("open") is not None


#: The edition withholds its strong band (``related.BANDS``): every computed link waits
#: behind the control; a copy built under bands that show them has strong ones first.
SITES = {"edition": ("served_site", 0), "shown": ("served_shown_site", 10)}


@pytest.mark.parametrize("site", SITES)
def test_editorial_links_come_first_then_the_strong_ones_then_the_control(
    page_factory: Any, request: Any, site: str
) -> None:
    served, least_strong = SITES[site]
    page = _open_page(page_factory, request.getfixturevalue(served), "desktop")
    items = page.locator(ITEM)
    seen_editorial = seen_strong = 0
    for index in range(items.count()):
        item = items.nth(index)
        children = item.evaluate("li => [...li.children].map(c => c.tagName.toLowerCase())")
        assert children[0] == "p" and children[1:] in (["ul"], ["ul", "details"], ["details"])
        shown = item.locator(":scope > ul > li").all_inner_texts()
        kinds = ["editors" in text.split(":")[0] for text in shown]
        assert kinds == sorted(kinds, reverse=True), shown  # editors' links before computed
        seen_editorial += sum(kinds)
        seen_strong += len(kinds) - sum(kinds)
        more = item.locator(":scope > details li").all_inner_texts()
        assert not any("(editors)" in text for text in more)  # never behind the control
    assert seen_editorial >= 10
    if least_strong:
        assert seen_strong >= least_strong
    else:
        assert seen_strong == 0  # no computed link shown by default


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_with_its_controls_open_has_no_serious_accessibility_violation(
    page_factory: Any, served_site: str, scheme: str
) -> None:
    page = page_factory(viewport=WIDTHS["desktop"], color_scheme=scheme)
    page.goto(served_site + PAGE)
    page.evaluate("document.querySelectorAll('details.related-more').forEach(d => d.open = true)")
    violations = blocking(inject_axe(page))
    assert not violations, describe(violations)
