"""Interface strings of the public check and the agency, job-order and training pages
(merged into ``i18n.MESSAGES``)."""

from __future__ import annotations

from lindung.registry.vocabulary import COST_ITEMS, SANCTION_KINDS


def _pair(indonesian: str, english: str) -> dict[str, str]:
    return {"id": indonesian, "en": english}


PUBLIC_MESSAGES: dict[str, dict[str, str]] = {
    "error.title.429": _pair("Terlalu banyak permintaan", "Too many requests"),
    "error.detail.429": _pair(
        "Terlalu banyak permintaan dari alamat Anda. Tunggu sebentar, lalu coba lagi.",
        "Too many requests from your address. Wait a moment, then try again.",
    ),
    "public.title": _pair(
        "Cek P3MI dan lowongan kerja luar negeri", "Check an agency or a job abroad"
    ),
    "public.intro": _pair(
        "Sebelum mendaftar atau membayar, cek apakah perusahaan penempatan (P3MI) berizin "
        "dan apakah lowongan (job order) resmi hari ini.",
        "Before you sign up or pay, check that the placement agency (P3MI) is licensed "
        "and that the job order is legal today.",
    ),
    "public.agency.heading": _pair("Cek P3MI", "Check an agency"),
    "public.agency.label": _pair("Nama P3MI atau nomor izin", "Agency name or licence number"),
    "public.job.heading": _pair("Cek job order", "Check a job order"),
    "public.job.label": _pair("Kode job order", "Job order code"),
    "public.submit": _pair("Cek", "Check"),
    "public.agency.found": _pair(
        "Ditemukan. Pastikan status izin AKTIF sebelum mendaftar.",
        "Found. Make sure the licence is ACTIVE before you sign up.",
    ),
    "public.licence.active": _pair("Aktif (berizin)", "Active (licensed)"),
    "public.licence.suspended": _pair("Ditangguhkan", "Suspended"),
    "public.licence.revoked": _pair("Dicabut", "Revoked"),
    "public.licence.expired": _pair("Kedaluwarsa", "Expired"),
    "public.col.licence": _pair("Nomor izin", "Licence number"),
    "public.col.status": _pair("Status izin hari ini", "Licence status today"),
    "public.col.valid_to": _pair("Izin berlaku s.d.", "Licence valid until"),
    "public.col.head_office": _pair("Kantor pusat", "Head office"),
    "public.job.legal": _pair("Job order ini resmi hari ini.", "This job order is legal today."),
    "public.job.not_legal": _pair(
        "Hati-hati: job order ini TIDAK resmi hari ini.",
        "Careful: this job order is NOT legal today.",
    ),
    "public.col.agency": _pair("P3MI", "Agency"),
    "public.col.destination": _pair("Negara dan kota tujuan", "Destination"),
    "public.col.position": _pair("Jabatan", "Position"),
    "public.col.salary": _pair("Gaji per bulan", "Monthly salary"),
    "public.col.validity": _pair("Berlaku", "Valid"),
    "public.col.fees": _pair("Biaya penempatan", "Placement fees"),
    "public.fees.allowed": _pair(
        "Biaya tertentu boleh dibebankan sesuai batas yang ditetapkan untuk negara tujuan; "
        "mintalah rinciannya tertulis.",
        "Some costs may be charged within the ceiling set for the destination; ask for "
        "the itemised costs in writing.",
    ),
    "public.fees.zero": _pair(
        "Anda TIDAK BOLEH dipungut biaya penempatan untuk jabatan ini ({basis}).",
        "You may NOT be charged placement costs for this job ({basis}).",
    ),
    "public.fees.exempt": _pair(
        "Tidak boleh dibebankan kepada Anda:", "Never to be charged to you:"
    ),
    "public.report": _pair("Ke mana melapor", "Where to report"),
    "public.privacy": _pair(
        "Halaman ini tidak menyimpan dan tidak menampilkan data pribadi.",
        "This page neither keeps nor shows personal data.",
    ),
}
PUBLIC_MESSAGES.update(
    {
        f"cost_item.{item}": _pair(item.replace("_", " "), item.replace("_", " "))
        for item in COST_ITEMS
    }
)
PUBLIC_MESSAGES.update(
    {
        "cost_item.air_ticket": _pair("tiket pesawat pergi-pulang", "air tickets both ways"),
        "cost_item.visa": _pair("visa kerja", "work visa"),
        "cost_item.contract_legalisation": _pair(
            "legalisasi perjanjian kerja", "contract legalisation"
        ),
        "cost_item.training": _pair("pelatihan kerja", "job training"),
        "cost_item.competence_certificate": _pair(
            "sertifikat kompetensi", "competence certificate"
        ),
        "cost_item.agency_fee": _pair("jasa perusahaan (P3MI)", "agency service fee"),
        "cost_item.passport": _pair("paspor", "passport"),
        "cost_item.police_certificate": _pair("SKCK", "police certificate (SKCK)"),
        "cost_item.social_security": _pair("jaminan sosial (BPJS)", "social security (BPJS)"),
        "cost_item.medical_check": _pair(
            "pemeriksaan kesehatan dan psikologi", "medical and psychological checks"
        ),
        "cost_item.local_transport": _pair("transportasi lokal", "local transport"),
        "cost_item.accommodation": _pair("akomodasi", "accommodation"),
        "cost_item.other": _pair("lainnya", "other"),
    }
)

SANCTION_LABELS = {
    "warning": _pair("Peringatan tertulis", "Written warning"),
    "suspension": _pair("Penghentian sementara", "Suspension"),
    "revocation": _pair("Pencabutan izin", "Licence revocation"),
    "deposit_draw": _pair("Pencairan deposito", "Deposit draw"),
}
assert set(SANCTION_LABELS) == set(SANCTION_KINDS)

REGISTRY_AGENCY_MESSAGES: dict[str, dict[str, str]] = {
    **PUBLIC_MESSAGES,
    **{f"sanction.{kind}": label for kind, label in SANCTION_LABELS.items()},
}
