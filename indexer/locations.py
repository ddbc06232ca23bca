"""Where the index lives by default (kept apart from the pipeline, so that reading commands start fast)."""

from __future__ import annotations

import os


def default_index_dir() -> str:
    """``$WARTA_INDEX``, else the platform's user data folder."""
    configured = os.environ.get("WARTA_INDEX")
    if configured:
        return configured
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("warta", appauthor=False), "index")
