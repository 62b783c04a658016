"""/healthz: is the app up, and does its database answer?"""

from __future__ import annotations

import logging

from fastapi import APIRouter
from starlette.responses import JSONResponse

from lindung import __version__
from lindung.store.database import DatabaseUnavailable
from lindung.web.api.schemas import Health
from lindung.web.security import DatabaseDep

logger = logging.getLogger("lindung.web")

router = APIRouter(tags=["system"])


@router.get(
    "/healthz",
    summary="Health check: the app and its database",
    response_model=Health,
    responses={503: {"model": Health, "description": "The database does not answer."}},
)
def healthz(database: DatabaseDep) -> JSONResponse:
    try:
        database.check()
    except DatabaseUnavailable as exc:
        logger.warning("health check failed: %s", exc)
        body = Health(status="unavailable", database="unavailable", version=__version__)
        return JSONResponse(body.model_dump(), status_code=503)
    return JSONResponse(Health(status="ok", database="ok", version=__version__).model_dump())
