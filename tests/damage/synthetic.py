"""A small generated clean text, for property tests that must run in a second or two."""

from __future__ import annotations

import random

from damage.simulator import Clean

_SENTENCES = (
    "The concept of soft power describes the ability to attract rather than coerce.",
    "International broadcasting and educational exchanges are its traditional instruments.",
    "Governments increasingly measure their reputation with comparative indices.",
    "A post-Soviet state may cooperate economically while distrusting its neighbour.",
    "Cultural diplomacy depends on institutions that outlive electoral cycles.",
    "Scholarships, language courses and festivals build long-term familiarity.",
    "Critics argue that the notion is too vague to guide practical policy-making.",
    "Nevertheless, ministries publish strategies, budgets and performance indicators.",
    "Public opinion surveys show considerable variation between generations.",
    "The information environment has become fragmented and highly competitive.",
    "Extraordinarily complicated negotiations preceded the intergovernmental agreement.",
    "Humanitarian cooperation is presented as a depoliticised field of activity.",
)


def synthetic_clean(seed: int = 0, paragraphs: int = 24) -> Clean:
    """Paragraphs of three to seven sentences drawn from a fixed list, deterministically."""
    rng = random.Random(seed)
    blocks = tuple(
        ("body", " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(3, 7))))
        for _ in range(paragraphs)
    )
    return Clean("Soft Power and Its Instruments: A Synthetic Test Text", blocks)
