"""SQLAlchemy models. Importing this package registers every table on ``Base.metadata``."""

from lindung.store.models.audit import AuditChainHead, AuditEntry, AuditSubject
from lindung.store.models.base import Base
from lindung.store.models.clients import ApiClient
from lindung.store.models.exchange import (
    Agreement,
    AgreementDataset,
    AgreementVersion,
    Organisation,
)
from lindung.store.models.imports import Import, ImportQuarantine
from lindung.store.models.linkage import (
    LinkageRun,
    Person,
    PersonRecord,
    RecordLink,
    ReviewDecision,
)
from lindung.store.models.partner_data import (
    BorderCrossing,
    CivilRegistryRecord,
    ConsularRegistration,
    DptLnEntry,
    TrainingCertificate,
)
from lindung.store.models.reference import Country, ReferenceDataset, Region
from lindung.store.models.registry import Agency, Employer, JobOrder, Passport, Placement, Worker
from lindung.store.models.users import Role, User

__all__ = [
    "Agency",
    "Agreement",
    "AgreementDataset",
    "AgreementVersion",
    "ApiClient",
    "AuditChainHead",
    "AuditEntry",
    "AuditSubject",
    "Base",
    "BorderCrossing",
    "CivilRegistryRecord",
    "ConsularRegistration",
    "Country",
    "DptLnEntry",
    "Employer",
    "Import",
    "ImportQuarantine",
    "JobOrder",
    "LinkageRun",
    "Organisation",
    "Passport",
    "Person",
    "PersonRecord",
    "Placement",
    "RecordLink",
    "ReferenceDataset",
    "Region",
    "ReviewDecision",
    "Role",
    "TrainingCertificate",
    "User",
    "Worker",
]
