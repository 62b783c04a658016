"""Fixtures for import tests: generated partner files and agreements made with the models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from lindung.demo import DemoConfig, generate
from lindung.store.database import Database
from lindung.store.models import Agreement, AgreementDataset, AgreementVersion, Organisation

MakeAgreement = Callable[..., str]


@pytest.fixture(scope="session")
def partner_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated partner CSVs (150 workers): imigrasi_crossings.csv, dpt_ln.csv, ..."""
    out = tmp_path_factory.mktemp("demo")
    generate(DemoConfig(workers=150, seed=7, out_dir=out))
    return out / "partners"


@pytest.fixture
def crossings(partner_files: Path) -> Path:
    return partner_files / "imigrasi_crossings.csv"


@pytest.fixture
def make_agreement(db: Database) -> MakeAgreement:
    """``make_agreement(number, datasets=(...), status='active', expired=False)``."""
    counter = iter(range(1, 1000))

    def make(
        number: str = "PKS.01/KP2MI-IMI/XII/2025",
        datasets: tuple[str, ...] = ("border_crossings",),
        status: str = "active",
        expired: bool = False,
        direction: str = "from_partner",
    ) -> str:
        n = next(counter)
        today = date.today()
        valid_to = today - timedelta(days=1) if expired else today + timedelta(days=365)
        with db.session() as session:
            partner = Organisation(code=f"IMI{n}", name="Ditjen Imigrasi", kind="agency")
            session.add(partner)
            session.flush()
            agreement = Agreement(number=number, kind="pks", partner_id=partner.id, status=status)
            session.add(agreement)
            session.flush()
            version = AgreementVersion(
                agreement_id=agreement.id,
                version_no=1,
                title="PKS pertukaran data perlintasan",
                signed_on=today - timedelta(days=400),
                valid_from=today - timedelta(days=400),
                valid_to=valid_to,
                purposes=["irregular_departure_prevention"],
                lawful_basis="UU 27/2022 Pasal 20 ayat 2 huruf e",
                region_codes=[],
                fetch_mode="file_push",
                frequency="monthly",
                retention_days=1825,
                document_sha256="0" * 64,
                previous_hash=None,
                hash=f"{n:064d}",
                created_by="test",
            )
            session.add(version)
            session.flush()
            for name in datasets:
                session.add(
                    AgreementDataset(
                        version_id=version.id, dataset=name, direction=direction, fields={}
                    )
                )
        return number

    return make
