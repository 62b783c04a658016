"""Interface strings of the agreement and audit pages (merged into ``i18n.MESSAGES``).

Labels of closed vocabularies (statuses, directions, treatments, kinds, fetch
modes, frequencies, purposes) are keyed ``<vocabulary>.<code>``; pages look them up
through :func:`lindung.web.ui.agreement_views.label`.
"""

from __future__ import annotations

from lindung.exchange.purposes import Purpose


def _pair(indonesian: str, english: str) -> dict[str, str]:
    return {"id": indonesian, "en": english}


EXCHANGE_MESSAGES: dict[str, dict[str, str]] = {
    "nav.agreements": _pair("Perjanjian", "Agreements"),
    "nav.audit": _pair("Log audit", "Audit log"),
    # Vocabularies
    "agreement_status.draft": _pair("Draf", "Draft"),
    "agreement_status.active": _pair("Berlaku", "Active"),
    "agreement_status.suspended": _pair("Ditangguhkan", "Suspended"),
    "agreement_status.expired": _pair("Kedaluwarsa", "Expired"),
    "agreement_status.terminated": _pair("Diakhiri", "Terminated"),
    "agreement_kind.mou": _pair("MoU (Nota Kesepahaman)", "MoU (memorandum of understanding)"),
    "agreement_kind.pks": _pair("PKS (Perjanjian Kerja Sama)", "PKS (cooperation agreement)"),
    "direction.to_partner": _pair("Dari KP2MI ke mitra", "From KP2MI to the partner"),
    "direction.from_partner": _pair("Dari mitra ke KP2MI", "From the partner to KP2MI"),
    "treatment.none": _pair("Tidak dibagikan", "Not shared"),
    "treatment.clear": _pair("Utuh", "Clear"),
    "treatment.masked": _pair("Disamarkan", "Masked"),
    "treatment.pseudonym": _pair("Pseudonim", "Pseudonym"),
    "fetch_mode.api": _pair("API", "API"),
    "fetch_mode.file_push": _pair("Berkas dikirim mitra", "File pushed by the partner"),
    "fetch_mode.file_pull": _pair("Berkas diambil", "File pulled"),
    "frequency.realtime": _pair("Seketika", "Real time"),
    "frequency.daily": _pair("Harian", "Daily"),
    "frequency.weekly": _pair("Mingguan", "Weekly"),
    "frequency.monthly": _pair("Bulanan", "Monthly"),
    "frequency.quarterly": _pair("Triwulanan", "Quarterly"),
    "frequency.on_request": _pair("Sesuai permintaan", "On request"),
    # Agreement list and detail
    "agreements.title": _pair("Perjanjian kerja sama", "Agreements"),
    "agreements.intro": _pair(
        "MoU dan PKS antara KP2MI dan mitra: siapa boleh melihat data apa, untuk tujuan apa, "
        "sampai kapan. Status kedaluwarsa diterapkan otomatis.",
        "MoUs and PKS between KP2MI and its partners: who may see which data, for which "
        "purpose, until when. Expiry is applied automatically.",
    ),
    "agreements.new": _pair("Perjanjian baru", "New agreement"),
    "agreements.empty": _pair("Belum ada perjanjian.", "No agreements yet."),
    "agreements.col.number": _pair("Nomor", "Number"),
    "agreements.col.partner": _pair("Mitra", "Partner"),
    "agreements.col.kind": _pair("Jenis", "Kind"),
    "agreements.col.status": _pair("Status", "Status"),
    "agreements.col.validity": _pair("Masa berlaku", "Validity"),
    "agreements.col.version": _pair("Versi", "Version"),
    "agreement.terms": _pair("Ketentuan", "Terms"),
    "agreement.title_field": _pair("Judul", "Title"),
    "agreement.kind": _pair("Jenis", "Kind"),
    "agreement.partner": _pair("Mitra", "Partner"),
    "agreement.implements": _pair("Melaksanakan MoU", "Implements MoU"),
    "agreement.implements_none": _pair("— tidak ada —", "— none —"),
    "agreement.status": _pair("Status", "Status"),
    "agreement.status_reason": _pair("Alasan status", "Reason for the status"),
    "agreement.signed_on": _pair("Tanggal penandatanganan", "Signed on"),
    "agreement.valid_from": _pair("Berlaku sejak", "Valid from"),
    "agreement.valid_to": _pair("Berlaku sampai", "Valid to"),
    "agreement.purposes": _pair("Tujuan pemrosesan", "Purposes"),
    "agreement.lawful_basis": _pair("Dasar pemrosesan yang sah", "Lawful basis"),
    "agreement.regions": _pair("Pembatasan wilayah", "Regional restriction"),
    "agreement.regions_hint": _pair(
        "Kode wilayah Kemendagri dipisah koma (mis. 35.09); kosong = nasional.",
        "Kemendagri region codes separated by commas (e.g. 35.09); empty = national.",
    ),
    "agreement.national": _pair("Nasional (tanpa pembatasan)", "National (no restriction)"),
    "agreement.fetch_mode": _pair("Cara pertukaran", "Fetch mode"),
    "agreement.frequency": _pair("Frekuensi", "Frequency"),
    "agreement.retention_days": _pair("Masa retensi (hari)", "Retention (days)"),
    "agreement.document_sha256": _pair(
        "SHA-256 dokumen bertanda tangan", "SHA-256 of the signed document"
    ),
    "agreement.datasets": _pair("Data dan kolom yang dipertukarkan", "Datasets and fields"),
    "agreement.no_datasets": _pair(
        "Tidak ada data pribadi yang dipertukarkan (hanya data agregat).",
        "No personal data flows (aggregates only).",
    ),
    "agreement.col.dataset": _pair("Dataset", "Dataset"),
    "agreement.col.field": _pair("Kolom", "Field"),
    "agreement.col.treatment": _pair("Perlakuan", "Treatment"),
    "agreement.versions": _pair("Riwayat versi", "Version history"),
    "agreement.col.version": _pair("Versi", "Version"),
    "agreement.col.created": _pair("Dibuat", "Created"),
    "agreement.col.by": _pair("Oleh", "By"),
    "agreement.col.hash": _pair("Hash", "Hash"),
    "agreement.col.previous_hash": _pair("Hash sebelumnya", "Previous hash"),
    "agreement.chain_ok": _pair(
        "Rantai versi utuh: setiap hash dihitung ulang dan cocok.",
        "Version chain intact: every hash recomputed and matches.",
    ),
    "agreement.chain_broken": _pair(
        "Rantai versi RUSAK pada versi {version}: {problem}",
        "Version chain BROKEN at version {version}: {problem}",
    ),
    "agreement.expired_reason": _pair(
        "masa berlaku berakhir; ditandai kedaluwarsa otomatis",
        "validity ended; marked expired automatically",
    ),
    "agreement.actions": _pair("Tindakan", "Actions"),
    "agreement.revise": _pair("Buat adendum (revisi)", "Revise (addendum)"),
    "agreement.reason": _pair("Alasan", "Reason"),
    "agreement.action.active": _pair("Aktifkan", "Activate"),
    "agreement.action.suspended": _pair("Tangguhkan", "Suspend"),
    "agreement.action.terminated": _pair("Akhiri", "Terminate"),
    "agreement.no_actions": _pair(
        "Tidak ada perubahan status yang dapat dilakukan.", "No status change is possible."
    ),
    "agreement.form.new_title": _pair("Perjanjian baru", "New agreement"),
    "agreement.form.revise_title": _pair("Adendum {number}", "Addendum to {number}"),
    "agreement.form.revise_intro": _pair(
        "Adendum menambah versi baru yang terhubung ke hash versi sebelumnya; versi lama "
        "tidak diubah.",
        "An addendum appends a new version linked to the previous version's hash; old "
        "versions are not changed.",
    ),
    "agreement.form.errors": _pair(
        "Periksa kembali isian yang ditandai.", "Please check the marked fields."
    ),
    "agreement.form.number": _pair("Nomor perjanjian", "Agreement number"),
    "agreement.form.start_status": _pair("Status awal", "Initial status"),
    "agreement.form.save": _pair("Simpan", "Save"),
    "agreement.form.cancel": _pair("Batal", "Cancel"),
    # Audit pages
    "audit.title": _pair("Log audit", "Audit log"),
    "audit.intro": _pair(
        "Setiap masuk, baca data pribadi dan perubahan tercatat berantai hash; isi log tidak "
        "memuat data pribadi.",
        "Every sign-in, read of personal data and change is recorded in a hash chain; the "
        "log holds no personal data.",
    ),
    "audit.filter": _pair("Saring", "Filter"),
    "audit.any": _pair("Semua", "Any"),
    "audit.action": _pair("Tindakan", "Action"),
    "audit.actor": _pair("Pelaku (nama pengguna)", "Actor (username)"),
    "audit.dataset": _pair("Dataset", "Dataset"),
    "audit.agreement": _pair("Nomor perjanjian", "Agreement number"),
    "audit.decision": _pair("Keputusan", "Decision"),
    "audit.date_from": _pair("Dari tanggal", "From"),
    "audit.date_to": _pair("Sampai tanggal", "To"),
    "audit.col.id": _pair("No.", "No."),
    "audit.col.at": _pair("Waktu (UTC)", "Time (UTC)"),
    "audit.col.actor": _pair("Pelaku", "Actor"),
    "audit.col.why": _pair("Tujuan / dasar", "Purpose / basis"),
    "audit.col.fields": _pair("Kolom", "Fields"),
    "audit.col.rows": _pair("Baris", "Rows"),
    "audit.col.details": _pair("Rincian", "Details"),
    "audit.empty": _pair("Tidak ada entri yang cocok.", "No matching entries."),
    "audit.total": _pair("{total} entri", "{total} entries"),
    "audit.page": _pair("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "audit.previous": _pair("Sebelumnya", "Previous"),
    "audit.next": _pair("Berikutnya", "Next"),
    "audit.decision.allowed": _pair("Diizinkan", "Allowed"),
    "audit.decision.refused": _pair("Ditolak", "Refused"),
    "audit.subject_title": _pair("Akses ke data pekerja #{id}", "Access to worker #{id}"),
    "audit.subject_intro": _pair(
        "Siapa yang melihat data pekerja ini, kapan, untuk apa, dan apakah diizinkan (UU 27/2022).",
        "Who looked at this worker's record, when, why, and whether it was allowed (UU 27/2022).",
    ),
    "audit.role": _pair("peran: {role}", "role: {role}"),
}
EXCHANGE_MESSAGES.update(
    {
        f"purpose.{purpose.value}": _pair(purpose.label("id"), purpose.label("en"))
        for purpose in Purpose
    }
)
