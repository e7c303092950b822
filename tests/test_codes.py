"""Every diagnostic code the package uses is listed, with its meaning, in README.md.

The codes are found in the source as string literals (``"M006"``); the README's table
under "Diagnostic codes" must list exactly those, each once, so a new code cannot be
added without saying what it means, and a removed one does not linger.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = re.compile(r"""["']([A-Z]\d{3})["']""")
ROW = re.compile(r"^\| ([A-Z]\d{3}) \| (.+) \|$", re.M)


def used_codes() -> set[str]:
    """Codes written as string literals anywhere in scripts/."""
    return {
        code
        for path in (ROOT / "scripts").rglob("*.py")
        for code in CODE.findall(path.read_text(encoding="utf-8"))
    }


def listed_codes() -> list[tuple[str, str]]:
    """(code, meaning) rows of the README's table of codes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Diagnostic codes", 1)[1].split("\n## ", 1)[0]
    return ROW.findall(section)


def test_every_code_is_listed_once_with_a_meaning() -> None:
    """The table and the source name the same codes; each row says something."""
    rows = listed_codes()
    codes = [code for code, _ in rows]
    assert len(codes) == len(set(codes)), "a code is listed twice"
    assert sorted(codes) == codes, "the table is in code order"
    assert set(codes) == used_codes(), (
        f"not listed: {sorted(used_codes() - set(codes))}; "
        f"listed but unused: {sorted(set(codes) - used_codes())}"
    )
    assert all(len(meaning.split()) >= 3 for _, meaning in rows)


def test_the_check_can_fail() -> None:
    """The scanner finds codes in source text and rows in a table."""
    assert CODE.findall('report.error("Z999", "x")') == ["Z999"]
    assert ROW.findall("| Z999 | a made-up code |") == [("Z999", "a made-up code")]
