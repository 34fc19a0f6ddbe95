"""``BCTRL_LOG=debug|info``: turn on the ``bctrl`` logger (to stderr) without touching code.

Read once, when the clients are first imported. A logger that already has handlers (the
application configured logging itself) only gets its level set.
"""

from __future__ import annotations

import logging
import os

LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def setup_logging() -> None:
    value = os.environ.get("BCTRL_LOG", "").strip().lower()
    level = LEVELS.get(value)
    if level is None:
        return
    logger = logging.getLogger("bctrl")
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        logger.addHandler(handler)
