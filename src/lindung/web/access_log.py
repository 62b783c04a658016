"""Keep query strings out of the web server's access log.

uvicorn logs every request line, query string included. A query string may carry
what a user typed (a name searched for, a licence number checked), and personal
data must never reach the logs, so the access log keeps the path only:
``GET /cek?q=Siti`` is logged as ``GET /cek?…``. Installed when the app starts,
whichever way uvicorn was launched (``lindung serve`` or ``uvicorn --factory``).
"""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"
#: uvicorn's access record: (client address, method, path with query, HTTP version, status)
_PATH_ARG = 2


class DropQueryStrings(logging.Filter):
    """Rewrites uvicorn access records so the logged path has no query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if not isinstance(args, tuple) or len(args) <= _PATH_ARG:
            return True
        full_path = args[_PATH_ARG]
        if isinstance(full_path, str):
            path, mark, _query = full_path.partition("?")
            if mark:
                record.args = (*args[:_PATH_ARG], f"{path}?…", *args[_PATH_ARG + 1 :])
        return True


def install_access_log_filter() -> None:
    """Add :class:`DropQueryStrings` to uvicorn's access logger (once)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, DropQueryStrings) for f in logger.filters):
        logger.addFilter(DropQueryStrings())
