"""Locust users for benchmarks/bench_pages.py: one user class per scenario.

Run by the benchmark (``locust -f benchmarks/locust_pages.py --headless ... ClassName``),
not on its own. Settings come from the environment the benchmark sets:
``BENCH_WORKERS`` (ids are drawn from 1..N), ``BENCH_USERNAME`` and
``BENCH_PASSWORD`` (the account that signs in). A scenario added to the benchmark
adds its user class here (e.g. the public check).
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, constant, task

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Reference(HttpUser):
    """The reference measured in the same run: the app's health check (no session,
    one ``SELECT 1``), the cheapest route through the same server and stack."""

    wait_time = constant(0)

    @task
    def health(self) -> None:
        self.client.get("/healthz", name="reference: /healthz")


class WorkerProfile(HttpUser):
    """A signed-in national officer opening random workers' profile pages
    (7-11 gated reads and their audit entries per page)."""

    wait_time = constant(0)

    def on_start(self) -> None:
        page = self.client.get("/login", name="login form")
        found = _CSRF.search(page.text)
        token = found.group(1) if found else ""
        self.client.post(
            "/login",
            data={
                "username": os.environ.get("BENCH_USERNAME", "admin"),
                "password": os.environ.get("BENCH_PASSWORD", ""),
                "csrf_token": token,
                "next": "/healthz",
            },
            name="login",
        )
        self.workers = int(os.environ.get("BENCH_WORKERS", "1000"))

    @task
    def profile(self) -> None:
        worker_id = random.randint(1, self.workers)
        self.client.get(f"/registry/workers/{worker_id}", name="/registry/workers/{id}")
