"""The changelog page: what changed from one version of the edition to the next.

Each version's snapshot (``editions/<version>.json``, see :mod:`reader.inputs.editions`)
records, per text: its title, the sha256 of the original file, the declared corrections,
how many changes each repair rule made, the paragraph anchors (``#pN`` → fingerprint of
its words), the lock's revision and its redirects. :func:`changes` compares two
snapshots; :func:`render_changelog_page` lists every version, newest first, with what
changed since the one before. Nothing here is typed by hand but the versions' notes.
"""

from __future__ import annotations

from typing import Any

from reader.emit.inline import escape_text
from reader.inputs.editions import EditionInfo

INTRO = """\
Every version of the edition has a number and a date, which every citation carries. A
paragraph number, once published, keeps its words: when a text is renumbered, the old
`#pN` of an earlier version redirects to the paragraph that now holds the same words, so a
citation made against any version below still lands where it pointed. This page is
generated from the snapshot of each version (`editions/<version>.json`)."""


def _count_words(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _text_changes(title: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What changed in one text between two snapshots, as Markdown list items."""
    out = []
    if old.get("original_sha256") != new.get("original_sha256"):
        out.append(f"{title}: the source file was replaced.")
    before, after = set(old.get("corrections", [])), set(new.get("corrections", []))
    out += [f"{title}: correction added — {escape_text(c)}" for c in sorted(after - before)]
    out += [f"{title}: correction withdrawn — {escape_text(c)}" for c in sorted(before - after)]
    rules = sorted(set(old.get("repairs", {})) | set(new.get("repairs", {})))
    for rule in rules:
        a, b = old.get("repairs", {}).get(rule, 0), new.get("repairs", {}).get(rule, 0)
        if a != b:
            out.append(f"{title}: repairs by `{rule}`: {a} → {b}.")
    out += _anchor_changes(title, old, new)
    return out


def _anchor_changes(title: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    out = []
    a_old, a_new = old.get("anchors", {}), new.get("anchors", {})
    added = [a for a in a_new if a not in a_old]
    if added:
        out.append(f"{title}: {_count_words(len(added), 'paragraph', 'paragraphs')} added.")
    moved = {
        k: v for k, v in new.get("redirects", {}).items() if old.get("redirects", {}).get(k) != v
    }
    if moved:
        pairs = ", ".join(f"#{k} → #{v}" for k, v in sorted(moved.items(), key=_anchor_key))
        out.append(
            f"{title}: renumbered (anchors lock revision {old.get('revision', 1)} → "
            f"{new.get('revision', 1)}); earlier anchors redirect: {pairs}."
        )
    return out


def _anchor_key(pair: tuple[str, str]) -> int:
    anchor = pair[0]
    return int(anchor[1:]) if anchor[1:].isdigit() else 0


def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """What changed from snapshot ``old`` to ``new`` (the first version: what it holds)."""
    texts_new = new.get("texts", {})
    if old is None:
        paragraphs = sum(len(t.get("anchors", {})) for t in texts_new.values())
        return [
            f"{_count_words(len(texts_new), 'text', 'texts')}, "
            f"{_count_words(paragraphs, 'numbered paragraph', 'numbered paragraphs')}."
        ]
    texts_old = old.get("texts", {})
    out = [f"Added: {escape_text(texts_new[s]['title'])}." for s in texts_new if s not in texts_old]
    out += [
        f"Withdrawn: {escape_text(texts_old[s]['title'])}." for s in texts_old if s not in texts_new
    ]
    for slug in (s for s in texts_new if s in texts_old):
        title = f"[{escape_text(texts_new[slug]['title'])}](texts/{slug}.md)"
        out += _text_changes(title, texts_old[slug], texts_new[slug])
    return out or ["No change to the texts, their repairs or their anchors."]


def render_changelog_page(edition: EditionInfo, snapshots: dict[str, dict[str, Any]]) -> str:
    """The changelog page (Markdown): every declared version, newest first."""
    lines = ["# Changelog", "", INTRO, ""]
    versions = list(edition.versions)
    for i, version in enumerate(versions):
        older = versions[i + 1] if i + 1 < len(versions) else None
        lines += [f"## Version {version.number} — {version.date} {{ #v{version.number} }}", ""]
        if version.notes:
            lines += [escape_text(version.notes), ""]
        snap = snapshots.get(version.number)
        if snap is None:
            lines += ["No snapshot of this version was recorded.", ""]
            continue
        previous = snapshots.get(older.number) if older else None
        lines += [f"- {item}" for item in changes(previous, snap)] + [""]
    if not versions:
        lines += ["No version has been declared yet (`editions.yml`).", ""]
    return "\n".join(lines)


def version_line(edition: EditionInfo) -> str:
    """The edition page's line naming the version: number, date, link to the changelog."""
    version = edition.current
    if version is None:
        return ""
    return (
        f"**Version {version.number}** of {version.date} — "
        f"[what changed](changelog.md#v{version.number})\n{{ .edition-version }}"
    )
