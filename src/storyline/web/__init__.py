"""storyline as a running service (the ``web`` extra): REST API, web pages, live updates.

from storyline.web import create_app      # an ASGI app over a database
"""

from __future__ import annotations

from typing import Any

from storyline.errors import MissingExtraError


def require_extra() -> None:
    """Raise ``MissingExtraError`` naming the ``web`` extra when its packages are not installed."""
    for module, package in (
        ("fastapi", "fastapi"),
        ("uvicorn", "uvicorn"),
        ("sse_starlette", "sse-starlette"),
    ):
        try:
            __import__(module)
        except ImportError as exc:
            raise MissingExtraError(package, "web") from exc


def create_app(*args: Any, **kwargs: Any) -> Any:
    require_extra()
    from storyline.web.app import create_app as create

    return create(*args, **kwargs)


__all__ = ["create_app", "require_extra"]
