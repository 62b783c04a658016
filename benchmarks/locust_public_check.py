"""Locust users for ``benchmarks.bench_public_check``: a prospective worker checking
agencies and job orders on the public check (no login).

The licence numbers and job codes to ask for are sampled from the database by the
benchmark and passed in ``LINDUNG_BENCH_SAMPLES`` (a JSON file); a share of the
requests asks for fake ones (the "not found: may be illegal" answer).
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

with open(os.environ["LINDUNG_BENCH_SAMPLES"], encoding="utf-8") as stream:
    SAMPLES = json.load(stream)


class PublicCheckUser(HttpUser):
    """One visitor: mostly JSON checks, some page views, a few fakes."""

    wait_time = between(0, 0)

    @task(4)
    def agency_by_licence(self) -> None:
        licence = random.choice(SAMPLES["licences"])
        self.client.get("/api/public/v1/agencies", params={"q": licence}, name="agency by licence")

    @task(2)
    def agency_by_name(self) -> None:
        name = random.choice(SAMPLES["names"])
        self.client.get("/api/public/v1/agencies", params={"q": name}, name="agency by name")

    @task(4)
    def job_order(self) -> None:
        code = random.choice(SAMPLES["codes"])
        self.client.get(f"/api/public/v1/job-orders/{code}", name="job order")

    @task(1)
    def fake_job_order(self) -> None:
        with self.client.get(
            f"/api/public/v1/job-orders/JO-FAKE-{random.randint(0, 10**6)}",
            name="fake job order (404)",
            catch_response=True,
        ) as response:
            if response.status_code == 404:
                response.success()

    @task(2)
    def page(self) -> None:
        code = random.choice(SAMPLES["codes"])
        self.client.get("/cek", params={"code": code}, name="/cek page")


class HealthUser(HttpUser):
    """The reference: the app's health route (one ``SELECT 1``) under the same load.
    The benchmark names the class to run on the command line, one at a time."""

    wait_time = between(0, 0)

    @task
    def health(self) -> None:
        self.client.get("/healthz", name="healthz")


def run(user_class: type[HttpUser], host: str, users: int, seconds: float) -> dict[str, object]:
    """Run ``users`` of ``user_class`` for ``seconds`` of wall time; the stats by name.

    Driven as a library with the wall clock checked here: on a loaded machine the
    command line's ``--run-time`` timer can fire early (the event loop's cached time
    is stale after a long import), which would cut a run short.
    """
    import time

    import gevent
    from locust.env import Environment

    environment = Environment(user_classes=[user_class], host=host)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(1.0)  # let every user start
    environment.stats.reset_all()
    began = time.time()
    while time.time() - began < seconds:
        gevent.sleep(0.25)
    elapsed = time.time() - began
    runner.quit()
    entries = {name: entry for (name, _method), entry in environment.stats.entries.items()}
    entries["Aggregated"] = environment.stats.total
    return {
        name: {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": round(entry.num_requests / elapsed, 1),
            "p50_ms": entry.get_response_time_percentile(0.5) or 0.0,
            "p95_ms": entry.get_response_time_percentile(0.95) or 0.0,
            "p99_ms": entry.get_response_time_percentile(0.99) or 0.0,
        }
        for name, entry in entries.items()
    }


if __name__ == "__main__":
    import sys

    chosen = {"PublicCheckUser": PublicCheckUser, "HealthUser": HealthUser}[sys.argv[1]]
    print(json.dumps(run(chosen, sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))))
