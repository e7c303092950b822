"""A small generated clean text, for property tests that must run in a second or two."""

from __future__ import annotations

import random

from damage.simulator import Clean

_SUBJECTS = (
    "The concept of soft power",
    "International broadcasting",
    "A post-Soviet state",
    "Cultural diplomacy",
    "The ministry of foreign affairs",
    "Public opinion",
    "The information environment",
    "Humanitarian cooperation",
    "Every national agency",
    "An intergovernmental commission",
    "The educational exchange programme",
)
_VERBS = (
    "describes",
    "depends on",
    "increasingly measures",
    "cannot ignore",
    "publishes",
    "is presented as",
    "competes with",
    "gradually transforms",
    "seldom explains",
)
_OBJECTS = (
    "the ability to attract rather than coerce",
    "institutions that outlive elections",
    "comparative indices of national reputation",
    "scholarships and language courses",
    "a depoliticised field of activity",
    "extraordinarily complicated negotiations",
    "long-term familiarity with its neighbours",
    "strategies, budgets and indicators",
    "considerable variation between generations",
    "a fragmented media landscape",
)


def _sentence(rng: random.Random) -> str:
    clause = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
    if rng.random() < 0.4:
        clause += f", while {rng.choice(_SUBJECTS).lower()} {rng.choice(_VERBS)} "
        clause += rng.choice(_OBJECTS)
    return clause + rng.choice(".....?")


def synthetic_clean(seed: int = 0, paragraphs: int = 24) -> Clean:
    """Paragraphs of three to seven sentences put together from fixed parts,
    deterministically."""
    rng = random.Random(seed)
    blocks = tuple(
        ("body", " ".join(_sentence(rng) for _ in range(rng.randint(3, 7))))
        for _ in range(paragraphs)
    )
    return Clean("Soft Power and Its Instruments: A Synthetic Test Text", blocks)
