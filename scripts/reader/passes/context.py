"""The build context: what the passes share within one build.

Inputs are loaded once per build (:func:`reader.app.pages.load_shared_inputs`), so no
pass reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.repair.hyphenation import Lexicon


@dataclass
class Context:
    """What the passes share within one build: inputs loaded once, occurrences found."""

    root: Path
    lexicon: Lexicon
    glossary: Any = None
    bibliography: Any = None
    citations: dict[str, tuple] = field(default_factory=dict)  # slug -> declarations
    term_occurrences: list = field(default_factory=list)
    citation_occurrences: list = field(default_factory=list)
    anchors: Any = None  # reader.inputs.locks.AnchorBook: the anchor locks of this build
    site: Any = None  # reader.emit.citation_meta.SiteInfo: site_url and URL style
    annotations: list = field(default_factory=list)  # declared in sources/*/annotations.yml
    resolved_annotations: list = field(default_factory=list)  # with their places found
    related: dict = field(default_factory=dict)  # "slug#pN" -> related passages
    comparisons: Any = None  # reader.emit.comparisons.Comparisons (comparisons.yml)
