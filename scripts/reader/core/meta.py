"""The metadata of a text: who wrote it, when, where, on what terms, and how the edition
repairs it (validated from ``sources/<slug>/meta.yml`` by :mod:`reader.inputs.meta`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Author:
    """A person credited for the text and how (author, editor, interviewee…)."""

    name: str
    role: str = "author"
    affiliation: str = ""
    family: str = ""

    @property
    def family_name(self) -> str:
        """The family name: declared, or the last word of the name."""
        return self.family or self.name.split()[-1]


@dataclass(frozen=True)
class Correction:
    """A declared hand correction: exact text, replacement, expected matches, reason."""

    find: str
    replace: str
    count: int
    reason: str
    line: int = 0  # line of the declaration in meta.yml


@dataclass(frozen=True)
class Meta:
    """The metadata of a text, validated from ``sources/<slug>/meta.yml``."""

    slug: str
    title: str
    authors: tuple[Author, ...]
    date: str
    venue: str
    genre: str
    bib_key: str
    language: str
    rights: str
    provenance: str
    profile: str
    source_file: str = "original.txt"
    source_url: str = ""
    summary: str = ""
    short_title: str = ""
    corrections: tuple[Correction, ...] = ()
    structure: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def citation_label(self) -> str:
        """'Kosachev 2012' — how the reader refers to the text in short."""
        names = [a.family_name for a in self.authors if a.role in ("author", "editor")]
        if not names:
            names = [self.authors[0].family_name] if self.authors else [self.slug]
        who = names[0] if len(names) == 1 else f"{names[0]} and {names[1]}"
        if len(names) > 2:
            who = f"{names[0]} et al."
        return f"{who} {self.date[:4]}"
