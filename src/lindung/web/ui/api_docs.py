"""/api/docs: the API's endpoints listed on a server-rendered page, from the OpenAPI schema.

FastAPI's Swagger UI loads its scripts from a CDN, which Lindung may not do
(no network at run time), so it is switched off; this page and
``/api/openapi.json`` take its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from lindung.web.security import current_user
from lindung.web.templating import render

router = APIRouter(include_in_schema=False)

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    summary: str
    parameters: list[str]
    needs_login: bool


def list_endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every operation in an OpenAPI schema, in path order."""
    endpoints = []
    for path, item in sorted(schema.get("paths", {}).items()):
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            endpoints.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=str(operation.get("summary", "")),
                    parameters=[str(p["name"]) for p in operation.get("parameters", [])],
                    needs_login=bool(operation.get("security")),
                )
            )
    return endpoints


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The endpoint list (public, like the schema it is built from)."""
    current_user(request)
    return render(request, "api_docs.html", {"endpoints": list_endpoints(request.app.openapi())})
