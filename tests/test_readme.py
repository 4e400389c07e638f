"""The README's Python example runs as written (doctest)."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_readme_python_example_runs() -> None:
    cwd = os.getcwd()
    os.chdir(REPO)  # the example reads examples/seeds
    try:
        result = doctest.testfile(
            str(REPO / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS
        )
    finally:
        os.chdir(cwd)
    assert result.attempted >= 5
    assert result.failed == 0
