"""The benchmark-only app: the product app plus one route that skips the access gate.

``/bench/ungated/{dataset}/records`` authenticates the client the same way and runs
the same SQL (the dataset's fields, its agreement's region restriction, key order,
the same page size) but makes no decision, applies no masking and writes no audit
entry. It exists only here, mounted by ``benchmarks.bench_gate``; the product app
(``lindung.web.app``) never has it.

Run: ``uvicorn --factory benchmarks.gate_app:create_bench_app`` with LINDUNG_* set.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request

from lindung.exchange.datasets import get_dataset
from lindung.exchange.masking import clear_value
from lindung.exchange.sources import rows_query
from lindung.settings import load_settings
from lindung.web.app import create_app
from lindung.web.partner.auth import CurrentClient

FIELDS = ["id", "nik", "full_name", "sex", "birth_date", "origin_village_code"]


def create_bench_app() -> FastAPI:
    app = create_app(load_settings())

    @app.get("/bench/ungated/{dataset}/records", include_in_schema=False)
    def ungated(
        request: Request, dataset: str, client: CurrentClient, limit: int = 100
    ) -> dict[str, Any]:
        spec = get_dataset(dataset)
        with request.app.state.database.session() as session:
            result = session.execute(rows_query(spec, FIELDS, None, None, limit)).all()
        rows = [{name: clear_value(row._mapping[name]) for name in FIELDS} for row in result]
        return {
            "agreement": client.principal.agreement_number,
            "dataset": dataset,
            "fields": FIELDS,
            "rows": rows,
            "next_cursor": None,
        }

    return app
