"""Running the app with uvicorn (``storyline serve``)."""

from __future__ import annotations

import logging
import os
from typing import Any

from storyline import config as config_mod

log = logging.getLogger(__name__)

DB_ENV = "STORYLINE_SERVE_DB"


def app_from_env() -> Any:
    """The app of one worker process (``--workers N``): database from ``$STORYLINE_SERVE_DB``, config from
    ``$STORYLINE_CONFIG``."""
    from storyline.web.app import create_app

    return create_app(os.environ[DB_ENV], config_mod.load())


def serve(
    db: str, config: config_mod.Config, host: str, port: int, workers: int, config_path: str | None
) -> None:
    import uvicorn

    from storyline.web.app import create_app

    if workers > 1:
        os.environ[DB_ENV] = db
        if config_path:
            os.environ["STORYLINE_CONFIG"] = config_path
        uvicorn.run(
            "storyline.web.server:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            proxy_headers=False,
        )
        return
    uvicorn.run(create_app(db, config), host=host, port=port, log_level="warning", proxy_headers=False)
