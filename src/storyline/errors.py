"""The project's exceptions. Each carries a message a user can act on."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.export.escape import plain_line, quote_name


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

    ``skipped`` is False when the input was still used (e.g. decoded as cp1251). As a line (``str``),
    the origin is quoted when it holds line breaks, control or format characters or quotes, so a file
    name can never forge a message line.
    """

    origin: str  # "path" or "path:line"
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "note"
        return f"{quote_name(self.origin)}: {verb}: {plain_line(self.message)}"


class StalePlanError(StoreError):
    """Another writer changed the event graph after the plan's snapshot was read: plan again."""
