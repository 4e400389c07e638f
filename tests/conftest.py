"""Shared fixtures. Tests that need ../shared/data skip with a reason when it is absent."""

from __future__ import annotations

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
