"""The access log of a real uvicorn server keeps paths but never query strings."""

from __future__ import annotations

import logging
import threading
import time

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from lindung.web.access_log import ACCESS_LOGGER
from support.postgres import free_port


@pytest.mark.parametrize("backend", ["sqlite"])
def test_query_strings_never_reach_the_access_log(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, loop="asyncio", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    access = logging.getLogger(ACCESS_LOGGER)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            assert thread.is_alive(), "server stopped"
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        access.addHandler(caplog.handler)
        caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
        base = f"http://127.0.0.1:{port}"
        httpx.get(f"{base}/login?next=/&q=Siti+Aminah+3509015501900001")
        httpx.get(f"{base}/healthz")
        deadline = time.monotonic() + 5
        while len(caplog.records) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        access.removeHandler(caplog.handler)
        server.should_exit = True
        thread.join(timeout=15)
    lines = [record.getMessage() for record in caplog.records]
    assert any('"GET /login?… HTTP/1.1" 200' in line for line in lines), lines
    assert any('"GET /healthz HTTP/1.1" 200' in line for line in lines), lines
    assert not any("Siti" in line or "3509" in line or "next=" in line for line in lines)
