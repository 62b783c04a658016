"""SQLAlchemy models. Importing this package registers every table on ``Base.metadata``."""

from lindung.store.models.agencies import (
    Agency,
    AgencyBranch,
    AgencyLicenceEvent,
    AgencySanction,
    Complaint,
    Employer,
    JobOrder,
    JobOrderCost,
)
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
from lindung.store.models.placements import (
    Orientation,
    Placement,
    PlacementDocument,
    PlacementEvent,
    Reintegration,
)
from lindung.store.models.policy import PolicyFinding, PolicyRun
from lindung.store.models.reference import Country, ReferenceDataset, Region
from lindung.store.models.registry import (
    CompetenceCertificate,
    FamilyMember,
    HealthCheck,
    Passport,
    SocialSecurityMembership,
    Worker,
    WorkerCorrection,
)
from lindung.store.models.signals import Signal, SignalEvent, SignalRoute, SignalRun
from lindung.store.models.training import Enrolment, TrainingProgramme, TrainingProvider
from lindung.store.models.users import Role, User

__all__ = [
    "Agency",
    "AgencyBranch",
    "AgencyLicenceEvent",
    "AgencySanction",
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
    "CompetenceCertificate",
    "Complaint",
    "ConsularRegistration",
    "Country",
    "DptLnEntry",
    "Employer",
    "Enrolment",
    "FamilyMember",
    "HealthCheck",
    "Import",
    "ImportQuarantine",
    "JobOrder",
    "JobOrderCost",
    "LinkageRun",
    "Organisation",
    "Orientation",
    "Passport",
    "Person",
    "PersonRecord",
    "Placement",
    "PlacementDocument",
    "PlacementEvent",
    "PolicyFinding",
    "PolicyRun",
    "RecordLink",
    "ReferenceDataset",
    "Region",
    "Reintegration",
    "ReviewDecision",
    "Role",
    "Signal",
    "SignalEvent",
    "SignalRoute",
    "SignalRun",
    "SocialSecurityMembership",
    "TrainingCertificate",
    "TrainingProgramme",
    "TrainingProvider",
    "User",
    "Worker",
    "WorkerCorrection",
]
