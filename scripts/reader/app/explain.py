"""``reader explain <slug>``: every repair a text received, rule by rule, line by line."""

from __future__ import annotations

from pathlib import Path

from reader.app.load import load_sources
from reader.parse.document import build_document
from reader.repair.hyphenation import Lexicon


def explain(root: Path, slug: str) -> str:
    """A report of the rules that changed the text and where."""
    sources = load_sources(root, [slug])
    lexicon = Lexicon.from_texts(s.text for s in sources.values())
    source = sources[slug]
    doc, log = build_document(source, lexicon)
    profile = source.meta.profile
    if log.detection:
        profile = f"auto: detected {doc.meta.profile} — {log.detection.evidence}"
    out = [f"{source.display_path} (profile {profile})", ""]
    by_rule: dict[str, list[str]] = {}
    for repair in log.repairs:
        by_rule.setdefault(repair.rule, []).append(f"  line {repair.line}: {repair.detail}")
    for correction in source.meta.corrections:
        by_rule.setdefault("declared correction", []).append(
            f"  {source.meta_display}:{correction.line}: {correction.find!r} → "
            f"{correction.replace!r} ({correction.reason.strip()})"
        )
    for line, decision in log.hyphenation:
        rule = "rejoin_hyphenated_line_breaks" if decision.join else "keep_real_hyphens"
        by_rule.setdefault(rule, []).append(
            f"  line {line}: {decision.left}-|{decision.right} → {decision.result} "
            f"({decision.evidence})"
        )
    for first, second in log.rejoined:
        by_rule.setdefault(log.rejoin_rule, []).append(
            f"  lines {first} + {second}: one paragraph cut by a break"
        )
    for line in log.footnote_blocks:
        by_rule.setdefault("set_aside_footnote_blocks", []).append(
            f"  line {line}: footnote moved out of the running text"
        )
    for region, why in log.relocated:
        by_rule.setdefault("declared structure", []).append(
            f"  lines {region.first}-{region.last} ({region.role}): {why}"
        )
    for rule, lines in by_rule.items():
        out.append(f"{rule} ({len(lines)})")
        out.extend(lines)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
