"""Shared fixtures. Tests that need ../shared/data skip with a reason when it is absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storyline.config import Config
from storyline.evaluate.data import data_root

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The labelled datasets; skips the test when they are not beside the repository."""
    root = data_root()
    if not root.is_dir():
        pytest.skip(
            f"labelled data not found at {root} (clone with ../shared beside it or set STORYLINE_DATA)"
        )
    return root


@pytest.fixture(scope="session")
def models():  # type: ignore[no-untyped-def]
    from storyline.annotate import load_models

    return load_models()


MEETING = {"002", "004"}  # seeds of 9 Oct 2025: Putin and Aliyev meet in Dushanbe
CALL = {"000", "001", "003"}  # seeds of 24 Oct 2025: their phone call


def copy_seeds(seeds: Path, prefixes: set[str], target: Path) -> Path:
    """Copy the seed files whose names start with one of ``prefixes`` into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for path in seeds.glob("*.txt"):
        if path.name[:3] in prefixes:
            shutil.copy(path, target / path.name)
    return target
