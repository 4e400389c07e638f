"""The project's exceptions. Each carries a message a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


class StorylineError(Exception):
    """Base class: anything the CLI reports as a one-line error."""


class ConfigError(StorylineError):
    pass


class StoreError(StorylineError):
    pass


class NotFoundError(StorylineError):
    pass


class MissingExtraError(StorylineError):
    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed; install it with: pip install 'storyline[{extra}]'")


class DataError(StorylineError):
    """An evaluation dataset is missing or malformed."""


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A problem with one input file (or one line of it): reported, never fatal.

    ``skipped`` is False when the input was still used (e.g. decoded as cp1251).
    """

    origin: str  # "path" or "path:line"
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "note"
        return f"{self.origin}: {verb}: {self.message}"


class StalePlanError(StoreError):
    """Another writer changed the event graph after the plan's snapshot was read: plan again."""
