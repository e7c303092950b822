"""The edition: everything one build produces, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.diagnostics import Diagnostic
from reader.core.model import Document
from reader.inputs.sources import Source
from reader.parse.document import BuildLog
from reader.passes.context import Context


@dataclass
class Edition:
    """Everything one build produces, before anything is written."""

    pages: dict[str, str] = field(default_factory=dict)  # path under docs/ -> Markdown
    documents: list[Document] = field(default_factory=list)
    logs: dict[str, BuildLog] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    context: Context | None = None
    reconverted: list[str] = field(default_factory=list)  # slugs parsed anew (not cached)
    rendered: list[str] = field(default_factory=list)  # pages rendered anew to be checked
    timings: list[tuple[str, str, float]] = field(default_factory=list)  # (stage, slug, s)
    evidence: dict[str, list] = field(default_factory=dict)  # slug -> its parse's corpus counts
    passed: list[str] = field(default_factory=list)  # slugs whose passes ran (not cached)
    emitted: list[str] = field(default_factory=list)  # text pages rendered (not cached)
