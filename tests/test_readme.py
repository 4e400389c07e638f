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


def test_readme_reliability_table_is_the_fault_suites() -> None:
    """The README's Reliability table is the one the fault suite wrote (docs/reliability.md)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    written = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    rows = [line for line in written.splitlines() if line.startswith("|")]
    assert len(rows) >= 8  # header, rule, kills during ingest and update, 2 and 4 writers on both stores
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    assert [line for line in section.splitlines() if line.startswith("|")] == rows
    assert all(r.split("|")[4:7] == [" 0 ", " 0 ", " 0 "] for r in rows[2:])  # nothing lost, twice, bad
