"""SQLite inserts of a first load, run on a second thread while the next batch is checked.

``sqlite3`` releases the GIL while SQLite inserts a row (``sqlite3_step``), and Arrow
releases it while it reads and checks a batch, so the two overlap on two cores. One
worker thread runs the inserts in the order they were handed in, on the import's own
connection (and so in its one transaction); at most :data:`ROWS_AHEAD` rows wait, which
bounds the memory. That is more than an Arrow batch (about 65,000 rows of a typical
file, handed in as chunks of 5,000): the reading thread checks and hashes a whole batch
at its first chunk, and with only two chunks queued the worker sat idle through that,
then the reader waited while the worker caught up (sampled thread states of a million-
row import: both threads runnable in 10-15% of the stream with two chunks, 40-65% with
this bound). Anything else that uses the connection first waits for the worker
(:meth:`Background.drain`); an error of the worker is raised there, in the caller's
thread, so the import fails and rolls back as usual; the inserts queued after the one
that failed are skipped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

#: Rows handed in and not yet inserted, at most (see above).
ROWS_AHEAD = 200_000


class Background:
    """One worker thread for one import's inserts."""

    def __init__(self, rows_ahead: int = ROWS_AHEAD) -> None:
        self.rows_ahead = rows_ahead
        self._pool: ThreadPoolExecutor | None = None
        self._pending: deque[tuple[Future[None], int]] = deque()
        self._queued = 0
        self._failed = False

    def submit(self, work: Callable[[], None], rows: int) -> None:
        """Run ``work`` (inserting ``rows`` rows) after everything handed in before it;
        waits while that would queue more than ``rows_ahead`` rows."""
        while self._pending and self._queued + rows > self.rows_ahead:
            self._wait_oldest()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lindung-import")
        self._pending.append((self._pool.submit(self._guarded, work), rows))
        self._queued += rows

    def _guarded(self, work: Callable[[], None]) -> None:
        """On the worker: ``work``, unless an earlier one failed (the import is failing)."""
        if self._failed:
            return
        try:
            work()
        except BaseException:
            self._failed = True
            raise

    def _wait_oldest(self) -> None:
        future, rows = self._pending.popleft()
        self._queued -= rows
        future.result()

    def drain(self) -> None:
        """Wait until every insert handed in has run; raise the first error."""
        try:
            while self._pending:
                self._wait_oldest()
        finally:
            self._pending.clear()
            self._queued = 0

    def close(self) -> None:
        """Wait for the worker (ignoring its errors: the import is failing) and stop it."""
        for future, _ in self._pending:
            future.exception()
        self._pending.clear()
        self._queued = 0
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
