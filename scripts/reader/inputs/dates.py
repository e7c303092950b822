"""Dates as the inputs write them: YYYY, YYYY-MM or YYYY-MM-DD, and only real ones."""

from __future__ import annotations

import datetime
import re

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_calendar_date(text: str) -> bool:
    """Whether ``text`` is YYYY, YYYY-MM or YYYY-MM-DD and names a real month and day.

    >>> [is_calendar_date(d) for d in ("2012", "2012-07", "2012-13", "2011-02-29")]
    [True, True, False, False]
    """
    if not DATE_RE.match(text):
        return False
    year, month, day = (int(part) for part in (text + "-01-01").split("-")[:3])
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
