"""The closed vocabularies of the registry, with their labels in Bahasa Indonesia and English.

The codes are what the store holds (see the models' comments); the labels are what
pages, the API's documentation and the CLI show. Pasal numbers refer to UU 18/2017
(Pelindungan Pekerja Migran Indonesia).
"""

from __future__ import annotations

Labels = dict[str, tuple[str, str]]

SEX: Labels = {"M": ("Laki-laki", "Male"), "F": ("Perempuan", "Female")}

MARITAL_STATUS: Labels = {
    "single": ("Belum kawin", "Single"),
    "married": ("Kawin", "Married"),
    "divorced": ("Cerai hidup", "Divorced"),
    "widowed": ("Cerai mati", "Widowed"),
}

EDUCATION: Labels = {
    "none": ("Tidak/belum sekolah", "No schooling"),
    "sd": ("SD", "Primary school"),
    "smp": ("SMP", "Junior secondary"),
    "sma": ("SMA/SMK", "Senior secondary"),
    "d3": ("Diploma (D3)", "Diploma"),
    "s1": ("Sarjana (S1)", "Bachelor's degree"),
    "s2": ("Pascasarjana (S2)", "Master's degree"),
}

RELATION: Labels = {"spouse": ("Suami/istri", "Spouse"), "child": ("Anak", "Child")}

CAREGIVER_RELATION: Labels = {
    "grandparent": ("Kakek/nenek", "Grandparent"),
    "other_parent": ("Orang tua lainnya", "Other parent"),
    "sibling": ("Saudara kandung", "Sibling"),
    "relative": ("Kerabat", "Relative"),
    "other": ("Lainnya", "Other"),
}

HEALTH_KIND: Labels = {
    "medical": ("Pemeriksaan kesehatan", "Medical check"),
    "psychological": ("Pemeriksaan psikologi", "Psychological check"),
}

HEALTH_RESULT: Labels = {"fit": ("Sehat (fit)", "Fit"), "unfit": ("Tidak sehat (unfit)", "Unfit")}

SOCIAL_SECURITY_PROGRAMME: Labels = {
    "bpjs_ketenagakerjaan": ("BPJS Ketenagakerjaan", "BPJS Ketenagakerjaan (employment)"),
}

#: The documents of Pasal 13 (a-h) a placement needs before departure.
DOCUMENT_KIND: Labels = {
    "marital_status_letter": (
        "Surat keterangan status perkawinan",
        "Marital status letter",
    ),
    "family_permission": (
        "Surat izin suami/istri, orang tua atau wali",
        "Permission of spouse, parent or guardian",
    ),
    "competence_certificate": ("Sertifikat kompetensi kerja", "Competence certificate"),
    "health_certificate": (
        "Surat keterangan sehat (kesehatan dan psikologi)",
        "Health certificate (medical and psychological)",
    ),
    "passport": ("Paspor", "Passport"),
    "work_visa": ("Visa kerja", "Work visa"),
    "placement_agreement": ("Perjanjian penempatan", "Placement agreement"),
    "employment_contract": ("Perjanjian kerja", "Employment contract"),
}

VISA_SUBTYPE: Labels = {
    "work": ("Kerja", "Work"),
    "tourist": ("Turis", "Tourist"),
    "umrah": ("Umrah", "Umrah"),
    "visit": ("Kunjungan", "Visit"),
}

REINTEGRATION_PROGRAMME: Labels = {
    "training": ("Pelatihan", "Training"),
    "business_capital": ("Modal usaha", "Business capital"),
    "counselling": ("Konseling", "Counselling"),
    "health": ("Layanan kesehatan", "Health care"),
    "legal_aid": ("Bantuan hukum", "Legal aid"),
    "other": ("Lainnya", "Other"),
}

REINTEGRATION_STATUS: Labels = {
    "planned": ("Direncanakan", "Planned"),
    "ongoing": ("Berjalan", "Ongoing"),
    "completed": ("Selesai", "Completed"),
    "declined": ("Ditolak oleh purna PMI", "Declined"),
}

#: Events recorded on a placement that move it along (each through the lifecycle).
EVENT_KIND: Labels = {
    "departure": ("Keberangkatan", "Departure"),
    "arrival": ("Kedatangan di negara tujuan", "Arrival"),
    "extension": ("Perpanjangan kontrak", "Contract extension"),
    "return": ("Kepulangan", "Return"),
}

#: Kinds of the placement history rows the registry writes besides stage changes.
HISTORY_KIND: Labels = {
    "transition": ("Perubahan tahap", "Stage change"),
    "registration": ("Pendaftaran penempatan", "Placement registered"),
    "document": ("Dokumen ditambahkan", "Document added"),
    "orientation": ("OPP dicatat", "Orientation recorded"),
    "reintegration": ("Reintegrasi dicatat", "Reintegration recorded"),
    **EVENT_KIND,
}

VOCABULARIES: dict[str, Labels] = {
    "sex": SEX,
    "marital_status": MARITAL_STATUS,
    "education": EDUCATION,
    "relation": RELATION,
    "caregiver_relation": CAREGIVER_RELATION,
    "health_kind": HEALTH_KIND,
    "health_result": HEALTH_RESULT,
    "social_security_programme": SOCIAL_SECURITY_PROGRAMME,
    "document_kind": DOCUMENT_KIND,
    "visa_subtype": VISA_SUBTYPE,
    "reintegration_programme": REINTEGRATION_PROGRAMME,
    "reintegration_status": REINTEGRATION_STATUS,
    "event_kind": EVENT_KIND,
    "history_kind": HISTORY_KIND,
}


def label(vocabulary: str, code: str | None, language: str = "id") -> str:
    """The label of ``code`` in ``vocabulary`` (the code itself when unknown)."""
    if code is None:
        return ""
    pair = VOCABULARIES[vocabulary].get(code)
    if pair is None:
        return code
    return pair[1] if language == "en" else pair[0]


def codes(vocabulary: str) -> tuple[str, ...]:
    return tuple(VOCABULARIES[vocabulary])
