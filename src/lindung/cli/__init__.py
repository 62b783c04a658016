"""The ``lindung`` command line: operators' and batch work's entry point.

Every command reads settings from ``LINDUNG_*`` variables (and ``.env``). Errors
are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys

from lindung.cli.app import app
from lindung.cli.output import fail
from lindung.errors import LindungError

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    try:
        app(standalone_mode=True)
    except LindungError as exc:
        fail(exc)
    except KeyboardInterrupt:
        sys.stderr.write("dibatalkan / interrupted\n")
        raise SystemExit(130) from None
