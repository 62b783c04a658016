"""Interface strings of the public check and the agency, job-order and training pages
(merged into ``i18n.MESSAGES``)."""

from __future__ import annotations

from lindung.registry.oversight_vocabulary import COST_ITEMS, SANCTION_KINDS


def _pair(indonesian: str, english: str) -> dict[str, str]:
    return {"id": indonesian, "en": english}


PUBLIC_MESSAGES: dict[str, dict[str, str]] = {
    "error.title.429": _pair("Terlalu banyak permintaan", "Too many requests"),
    "error.detail.429": _pair(
        "Terlalu banyak permintaan dari alamat Anda. Tunggu sebentar, lalu coba lagi.",
        "Too many requests from your address. Wait a moment, then try again.",
    ),
    "oversight.branch.new": _pair("Tambah kantor cabang", "Add a branch office"),
    "oversight.branch.region": _pair(
        "Kode wilayah Kemendagri (kabupaten/kota)", "Kemendagri region code (regency/city)"
    ),
    "oversight.branch.opened": _pair("Dibuka", "Opened"),
    "oversight.branch.address": _pair("Alamat", "Address"),
    "oversight.branch.save": _pair("Simpan cabang", "Save the branch"),
    "oversight.agency.edit": _pair("Ubah data P3MI", "Update the agency"),
    "oversight.agency.name": _pair("Nama P3MI", "Agency name"),
    "oversight.agency.licence_no": _pair("Nomor izin (SIP3MI)", "Licence number (SIP3MI)"),
    "oversight.agency.head_office": _pair("Kode wilayah kantor pusat", "Head office region code"),
    "oversight.agency.valid_from": _pair("Izin berlaku dari", "Licence valid from"),
    "oversight.agency.valid_to": _pair("Izin berlaku sampai", "Licence valid to"),
    "oversight.agency.deposit": _pair("Deposito (Rp)", "Deposit (IDR)"),
    "oversight.agency.save": _pair("Simpan perubahan", "Save the changes"),
    "matching.title": _pair("Job order yang cocok", "Matching job orders"),
    "matching.intro": _pair(
        "Job order terbuka dan disetujui, dari P3MI berizin, yang syaratnya dipenuhi "
        "pekerja ini pada {on} (sertifikat, bahasa, usia, kesehatan); yang paling sesuai "
        "di atas.",
        "Open, approved job orders of licensed agencies whose requirements this worker "
        "meets on {on} (certificate, language, age, health); the closest fit first.",
    ),
    "matching.none": _pair(
        "Belum ada job order yang syaratnya dipenuhi.",
        "No job order whose requirements are met yet.",
    ),
    "matching.col.salary": _pair("Gaji", "Salary"),
    "matching.col.reasons": _pair("Alasan", "Reasons"),
    "employer_kind.household": _pair("perseorangan (rumah tangga)", "household"),
    "employer_kind.company": _pair("badan usaha", "company"),
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

OVERSIGHT_MESSAGES: dict[str, dict[str, str]] = {
    "nav.agencies": _pair("P3MI", "Agencies"),
    "nav.training": _pair("Pelatihan", "Training"),
    "oversight.form.errors": _pair(
        "Periksa isian berikut; tidak ada yang disimpan.",
        "Check the following fields; nothing was saved.",
    ),
    "oversight.agencies.title": _pair("P3MI menurut risiko", "Agencies by risk"),
    "oversight.agencies.intro": _pair(
        "Skor risiko: pelanggaran aturan per penempatan, sanksi, pengaduan dan status izin "
        "(lihat docs/registry.md). Alasan setiap skor ditampilkan.",
        "Risk score: rule violations per placement, sanctions, complaints and licence "
        "status (see docs/registry.md). The reasons of each score are shown.",
    ),
    "oversight.agencies.empty": _pair("Belum ada P3MI.", "No agencies yet."),
    "oversight.no_reasons": _pair("Tidak ada catatan", "Nothing recorded"),
    "oversight.col.agency": _pair("P3MI", "Agency"),
    "oversight.col.licence": _pair("Izin hari ini", "Licence today"),
    "oversight.col.placements": _pair("Penempatan", "Placements"),
    "oversight.col.score": _pair("Skor risiko", "Risk score"),
    "oversight.col.reasons": _pair("Alasan", "Reasons"),
    "oversight.col.rule": _pair("Aturan", "Rule"),
    "oversight.col.severity": _pair("Tingkat", "Severity"),
    "oversight.col.count": _pair("Jumlah", "Count"),
    "oversight.col.effective": _pair("Berlaku mulai", "Effective from"),
    "oversight.col.status": _pair("Status", "Status"),
    "oversight.col.reason": _pair("Alasan", "Reason"),
    "oversight.col.decree": _pair("Nomor keputusan", "Decree number"),
    "oversight.col.decided": _pair("Tanggal keputusan", "Decided on"),
    "oversight.col.kind": _pair("Jenis sanksi", "Kind of sanction"),
    "oversight.col.period": _pair("Masa berlaku", "Period"),
    "oversight.col.amount": _pair("Jumlah (Rp/valuta)", "Amount"),
    "oversight.col.code": _pair("Kode job order", "Job order code"),
    "oversight.col.approval": _pair("Persetujuan", "Approval"),
    "oversight.col.worker": _pair("Pekerja", "Worker"),
    "oversight.col.origin": _pair("Desa asal", "Village of origin"),
    "oversight.valid": _pair("berlaku", "valid"),
    "oversight.scope": _pair("Cakupan hitungan", "Counts within"),
    "oversight.stages": _pair("Penempatan per tahap", "Placements by stage"),
    "oversight.violations": _pair("Pelanggaran aturan per aturan", "Rule violations by rule"),
    "oversight.run": _pair(
        "Pemeriksaan aturan #{run} per {as_of}", "Policy run #{run} as of {as_of}"
    ),
    "oversight.complaints": _pair("Pengaduan", "Complaints"),
    "oversight.licence_history": _pair("Riwayat izin", "Licence history"),
    "oversight.sanctions": _pair("Buku sanksi", "Sanctions ledger"),
    "oversight.sanction.new": _pair("Catat sanksi", "Record a sanction"),
    "oversight.sanction.from": _pair("Berlaku mulai", "Effective from"),
    "oversight.sanction.to": _pair("Berlaku sampai", "Effective until"),
    "oversight.sanction.amount": _pair(
        "Jumlah pencairan deposito (Rp)", "Deposit draw amount (IDR)"
    ),
    "oversight.sanction.save": _pair("Simpan sanksi", "Save the sanction"),
    "oversight.branches": _pair("Kantor cabang", "Branch offices"),
    "oversight.job_orders": _pair("Job order", "Job orders"),
    "oversight.job_order.new": _pair("Buka job order", "Open a job order"),
    "oversight.job_order.save": _pair("Simpan job order", "Save the job order"),
    "oversight.none": _pair("Tidak ada.", "None."),
    "oversight.employer": _pair("Pemberi kerja", "Employer"),
    "oversight.country": _pair("Negara (kode ISO)", "Country (ISO code)"),
    "oversight.city": _pair("Kota", "City"),
    "oversight.sector": _pair("Sektor", "Sector"),
    "oversight.job_type": _pair("Jenis pekerjaan", "Job type"),
    "oversight.skill_scheme": _pair("Skema kompetensi", "Competence scheme"),
    "oversight.language": _pair("Bahasa (ISO 639-1)", "Language (ISO 639-1)"),
    "oversight.quota": _pair("Kuota", "Quota"),
    "oversight.currency": _pair("Mata uang", "Currency"),
    "oversight.valid_from": _pair("Berlaku mulai", "Valid from"),
    "oversight.valid_to": _pair("Berlaku sampai", "Valid until"),
    "oversight.costs": _pair("Rincian biaya", "Itemised costs"),
    "oversight.cost.item": _pair("Komponen biaya", "Cost item"),
    "oversight.cost.charged_to": _pair("Ditanggung oleh", "Borne by"),
    "oversight.approve": _pair("Setujui", "Approve"),
    "oversight.reject": _pair("Tolak", "Reject"),
    "oversight.candidates": _pair("Calon yang memenuhi syarat", "Qualifying candidates"),
    "oversight.candidates.intro": _pair(
        "Sertifikat skema yang berlaku, bahasa, usia minimal {minimum} tahun, sehat "
        "(medis dan psikologi), tidak sedang dalam penempatan aktif.",
        "Valid certificate of the scheme, language, aged at least {minimum}, fit "
        "(medical and psychological), not in an active placement.",
    ),
    "oversight.candidates.refused": _pair(
        "Anda tidak berwenang melihat data calon pekerja.",
        "You may not see candidates' personal data.",
    ),
    "approval.pending": _pair("Menunggu persetujuan", "Pending approval"),
    "approval.approved": _pair("Disetujui", "Approved"),
    "approval.rejected": _pair("Ditolak", "Rejected"),
    "approval.cancelled": _pair("Dibatalkan", "Cancelled"),
    "charged_to.worker": _pair("Pekerja", "Worker"),
    "charged_to.employer": _pair("Pemberi kerja", "Employer"),
    "charged_to.agency": _pair("P3MI", "Agency"),
}
REGISTRY_AGENCY_MESSAGES.update(OVERSIGHT_MESSAGES)

TRAINING_MESSAGES: dict[str, dict[str, str]] = {
    "training.title": _pair("Pelatihan dan sertifikasi", "Training and certification"),
    "training.intro": _pair(
        "Lembaga pelatihan (LPK/BLK), program, peserta dan sertifikat kompetensi.",
        "Training providers (LPK/BLK), programmes, enrolments and competence certificates.",
    ),
    "training.providers": _pair("Lembaga pelatihan", "Training providers"),
    "training.provider": _pair("Lembaga", "Provider"),
    "training.kind": _pair("Jenis", "Kind"),
    "training.region": _pair("Kode wilayah", "Region code"),
    "training.association": _pair("Asosiasi", "Association"),
    "training.licence": _pair("Nomor izin", "Licence number"),
    "training.programmes": _pair("Program", "Programmes"),
    "training.programme": _pair("Nama program", "Programme name"),
    "training.hours": _pair("Jam pelatihan", "Training hours"),
    "training.hours_short": _pair("jam", "h"),
    "training.new_provider": _pair("Tambah lembaga", "Add a provider"),
    "training.new_programme": _pair("Tambah program", "Add a programme"),
    "training.new_certificate": _pair(
        "Catat sertifikat kompetensi", "Enter a competence certificate"
    ),
    "training.worker_id": _pair("ID pekerja (internal)", "Worker id (internal)"),
    "training.certifying_body": _pair("LSP penerbit", "Certifying body (LSP)"),
    "training.certificate_number": _pair("Nomor sertifikat", "Certificate number"),
    "training.issued_on": _pair("Tanggal terbit", "Issued on"),
    "training.valid_until": _pair("Berlaku sampai", "Valid until"),
    "training.save": _pair("Simpan", "Save"),
    "training.enrolments": _pair("Peserta", "Enrolments"),
    "training.enrolment": _pair("ID pendaftaran", "Enrolment id"),
    "training.enrol": _pair("Daftarkan peserta", "Enrol a worker"),
    "training.complete": _pair("Catat kelulusan", "Record completion"),
    "training.enrolled_on": _pair("Tanggal daftar", "Enrolled on"),
    "training.completed_on": _pair("Tanggal lulus", "Completed on"),
    "training.score": _pair("Nilai (0-100)", "Score (0-100)"),
    "enrolment.enrolled": _pair("Terdaftar", "Enrolled"),
    "enrolment.completed": _pair("Lulus", "Completed"),
    "enrolment.dropped": _pair("Berhenti", "Dropped"),
}
REGISTRY_AGENCY_MESSAGES.update(TRAINING_MESSAGES)
