"""SQLite inserts of a first load, run on a second thread while the next batch is checked.

``sqlite3`` releases the GIL while SQLite inserts a row (``sqlite3_step``), and Arrow
releases it while it reads and checks a batch, so the two overlap on two cores. One
worker thread runs the inserts in the order they were handed in, on the import's own
connection (and so in its one transaction); at most ``depth`` batches wait, which bounds
the memory. Anything else that uses the connection first waits for the worker
(:meth:`Background.drain`); an error of the worker is raised there, in the caller's
thread, so the import fails and rolls back as usual.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class Background:
    """One worker thread for one import's inserts."""

    def __init__(self, depth: int = 2) -> None:
        self.depth = depth
        self._pool: ThreadPoolExecutor | None = None
        self._pending: deque[Future[None]] = deque()

    def submit(self, work: Callable[[], None]) -> None:
        """Run ``work`` after everything handed in before it (waits while ``depth`` are queued)."""
        while len(self._pending) >= self.depth:
            self._pending.popleft().result()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lindung-import")
        self._pending.append(self._pool.submit(work))

    def drain(self) -> None:
        """Wait until every insert handed in has run; raise the first error."""
        try:
            while self._pending:
                self._pending.popleft().result()
        finally:
            self._pending.clear()

    def close(self) -> None:
        """Wait for the worker (ignoring its errors: the import is failing) and stop it."""
        for future in self._pending:
            future.exception()
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
