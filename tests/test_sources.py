"""The originals in sources/ are the seeds, byte for byte, and their metadata is valid."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reader.inputs.sources import discover, load_source

ROOT = Path(__file__).parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
FOLDERS = discover(ROOT)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_original_is_the_seed_byte_for_byte(folder: Path) -> None:
    source = load_source(folder, ROOT)
    data = source.path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    meta_text = (folder / "meta.yml").read_text(encoding="utf-8")
    assert f"sha256: {digest}" in meta_text, "meta.yml records the original's sha256"
    seed_name = next(
        line.split(":", 1)[1].strip() for line in meta_text.splitlines() if line.startswith("seed:")
    )
    seed = SEEDS / seed_name
    if not seed.exists():
        pytest.skip(f"{seed} is not beside this checkout")
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == digest


def test_every_seed_has_a_folder() -> None:
    if not SEEDS.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    recorded = {
        line.split(":", 1)[1].strip()
        for folder in FOLDERS
        for line in (folder / "meta.yml").read_text(encoding="utf-8").splitlines()
        if line.startswith("seed:")
    }
    assert seeds == recorded


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_folder_is_named_after_first_author_and_year(folder: Path) -> None:
    meta = load_source(folder, ROOT).meta
    first = next(a for a in meta.authors if a.role in ("author", "editor", "interviewee"))
    assert folder.name == f"{first.family_name.lower().replace(' ', '-')}-{meta.date[:4]}"
