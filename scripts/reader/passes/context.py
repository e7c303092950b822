"""The build context: the inputs the passes share, and what the passes found.

:class:`Context` is frozen. The inputs are loaded once per build
(:func:`reader.app.load.load_shared_inputs`), so no pass reads a file. A pass returns
what it found as :class:`Found`; the pipeline adds the parts up in reading order and,
once every pass ran, gives the emitters the context with the findings in it
(:meth:`Context.with_found`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from reader.core.diagnostics import Diagnostic
from reader.inputs.annotations import Declared
from reader.inputs.bibliography import Bibliography
from reader.inputs.citations import DeclaredCitation
from reader.inputs.comparisons import Comparison
from reader.inputs.glossary import Glossary
from reader.inputs.locks import AnchorBook, Lock
from reader.inputs.mkdocs_config import SiteInfo
from reader.passes.annotations import Resolved
from reader.passes.citations import CitationOccurrence
from reader.passes.glossary import TermOccurrence
from reader.passes.related import Relation
from reader.repair.hyphenation import Lexicon

#: A lock that ``reader build`` writes (a text without one, or one that grew), and why.
PendingLock = tuple[Lock, str]


@dataclass(frozen=True)
class Found:
    """What passes found, in reading order; parts add up with ``+``."""

    term_occurrences: tuple[TermOccurrence, ...] = ()
    citation_occurrences: tuple[CitationOccurrence, ...] = ()
    pending_locks: Mapping[str, PendingLock] = field(default_factory=dict)
    resolved_annotations: tuple[Resolved, ...] = ()
    related: Mapping[str, list[Relation]] = field(default_factory=dict)  # "slug#pN" -> passages

    def __add__(self, other: Found) -> Found:
        return Found(
            self.term_occurrences + other.term_occurrences,
            self.citation_occurrences + other.citation_occurrences,
            {**self.pending_locks, **other.pending_locks},
            self.resolved_annotations + other.resolved_annotations,
            {**self.related, **other.related},
        )


NOTHING = Found()


@dataclass(frozen=True)
class Context:
    """What the passes share within one build (the inputs) and, once they all ran, what
    they found (the fields of :class:`Found`, empty until then)."""

    root: Path
    lexicon: Lexicon
    glossary: Glossary | None = None
    bibliography: Bibliography | None = None
    citations: Mapping[str, tuple[DeclaredCitation, ...]] = field(default_factory=dict)  # by slug
    anchors: AnchorBook | None = None  # the anchor locks of this build
    site: SiteInfo = field(default_factory=SiteInfo)  # mkdocs.yml: site_url and URL style
    annotations: tuple[Declared, ...] = ()  # declared in sources/*/annotations.yml
    comparisons: tuple[Comparison, ...] | None = None  # comparisons.yml, if there is one
    warnings: tuple[Diagnostic, ...] = ()  # what the inputs' checks warned of
    page_data: Mapping[str, dict] = field(default_factory=dict)  # by slug: citable_page's,
    # when the build found it in its cache (reader.app.pipeline)
    term_occurrences: tuple[TermOccurrence, ...] = ()
    citation_occurrences: tuple[CitationOccurrence, ...] = ()
    pending_locks: Mapping[str, PendingLock] = field(default_factory=dict)
    resolved_annotations: tuple[Resolved, ...] = ()
    related: Mapping[str, list[Relation]] = field(default_factory=dict)

    @property
    def found(self) -> Found:
        """What the passes found so far, as this context holds it."""
        return Found(**{f.name: getattr(self, f.name) for f in fields(Found)})

    def with_found(self, found: Found) -> Context:
        """This context with what the passes found."""
        return replace(self, **{f.name: getattr(found, f.name) for f in fields(Found)})
