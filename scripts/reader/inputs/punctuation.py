"""Punctuation collapsing for citeproc-py's output.

A CSL processor must not double punctuation where a field ends in it and the style adds
more: a title that ends in "?" followed by the style's "." gives ``Granted?.``. citeproc-js
collapses these (the CSL specification's "punctuation in quote" and suffix rules);
citeproc-py 0.11 does not, so :func:`collapse` does it on the rendered text, looking
through the formatter's private-use marks of italics and quotes.
"""

from __future__ import annotations

import re

#: A mark of :data:`reader.inputs.csl_render.MARKED` (opening or closing a styled run).
_MARK = "[\ue000\ue001][\ue010-\ue0ff]"
_DOUBLED = re.compile(rf"(?<!\.)([?!.])((?:{_MARK}|[”’\"])*)\.(?!\.)")


def collapse(text: str) -> str:
    """Drop a period the style adds after a field that already ends in ``?``, ``!`` or
    ``.``; an ellipsis stays.

    >>> collapse("Taken for Granted?\ue001\ue010. Central Asia")
    'Taken for Granted?\ue001\ue010 Central Asia'
    >>> collapse("“Is It?”. Journal")
    '“Is It?” Journal'
    >>> collapse("Smith, J.. 2004. Wait...")
    'Smith, J. 2004. Wait...'
    """
    return _DOUBLED.sub(r"\1\2", text)
