"""Interface strings of the import pages (merged into :data:`lindung.web.i18n.MESSAGES`)."""

from __future__ import annotations

IMPORT_MESSAGES: dict[str, dict[str, str]] = {
    "nav.imports": {"id": "Impor data mitra", "en": "Partner imports"},
    "imports.title": {"id": "Impor data mitra", "en": "Partner data imports"},
    "imports.intro": {
        "id": "Setiap berkas mitra direkonsiliasi: baris diterima = baris disimpan + "
        "baris dikarantina.",
        "en": "Every partner file reconciles: rows received = rows stored + rows quarantined.",
    },
    "imports.new": {"id": "Impor berkas baru", "en": "Import a new file"},
    "imports.none": {"id": "Belum ada impor.", "en": "No imports yet."},
    "imports.col.id": {"id": "No.", "en": "No."},
    "imports.col.dataset": {"id": "Dataset", "en": "Dataset"},
    "imports.col.status": {"id": "Status", "en": "Status"},
    "imports.col.received": {"id": "Diterima", "en": "Received"},
    "imports.col.inserted": {"id": "Baru", "en": "Inserted"},
    "imports.col.updated": {"id": "Diperbarui", "en": "Updated"},
    "imports.col.unchanged": {"id": "Tidak berubah", "en": "Unchanged"},
    "imports.col.stored": {"id": "Disimpan", "en": "Stored"},
    "imports.col.quarantined": {"id": "Dikarantina", "en": "Quarantined"},
    "imports.col.reconciled": {"id": "Rekonsiliasi", "en": "Reconciled"},
    "imports.col.started": {"id": "Mulai", "en": "Started"},
    "imports.col.field": {"id": "Kolom", "en": "Field"},
    "imports.col.code": {"id": "Kode", "en": "Code"},
    "imports.col.rows": {"id": "Baris", "en": "Rows"},
    "imports.col.action": {"id": "Tindakan", "en": "Action"},
    "imports.action.quarantined": {"id": "baris dikarantina", "en": "rows quarantined"},
    "imports.action.stored": {
        "id": "baris disimpan tanpa nilai ini",
        "en": "rows stored without this value",
    },
    "imports.col.message": {"id": "Keterangan", "en": "Message"},
    "imports.yes": {"id": "Cocok", "en": "Yes"},
    "imports.no": {"id": "TIDAK cocok", "en": "NO"},
    "imports.form.dataset": {"id": "Dataset", "en": "Dataset"},
    "imports.form.agreement": {
        "id": "Nomor perjanjian (MoU/PKS), jika ada",
        "en": "Agreement number (MoU/PKS), if any",
    },
    "imports.form.file": {
        "id": "Berkas (CSV, XLSX, Parquet atau JSON Lines)",
        "en": "File (CSV, XLSX, Parquet or JSON Lines)",
    },
    "imports.form.submit": {"id": "Impor", "en": "Import"},
    "imports.form.refused": {
        "id": "Berkas tidak dapat diimpor:",
        "en": "The file cannot be imported:",
    },
    "imports.report.title": {"id": "Laporan impor", "en": "Import report"},
    "imports.report.file": {"id": "Berkas", "en": "File"},
    "imports.report.format": {"id": "Format", "en": "Format"},
    "imports.report.sha": {"id": "SHA-256 berkas", "en": "File SHA-256"},
    "imports.report.agreement": {"id": "Perjanjian", "en": "Agreement"},
    "imports.report.actor": {"id": "Oleh", "en": "By"},
    "imports.report.warnings": {
        "id": "Peringatan dan masalah berkas",
        "en": "File warnings and problems",
    },
    "imports.report.problems": {
        "id": "Masalah baris yang dikarantina",
        "en": "Problems of quarantined rows",
    },
    "imports.report.download": {
        "id": "Unduh baris yang dikarantina (CSV) untuk diperbaiki dan dikirim ulang",
        "en": "Download the quarantined rows (CSV) to correct and re-submit",
    },
    "imports.report.error": {
        "id": "Galat (impor dibatalkan, tidak ada yang disimpan)",
        "en": "Error (import rolled back, nothing stored)",
    },
    "imports.report.none": {"id": "Tidak ada", "en": "None"},
    "imports.report.back": {"id": "Kembali ke daftar impor", "en": "Back to the imports"},
    "imports.status.committed": {"id": "Selesai", "en": "Committed"},
    "imports.status.failed": {"id": "Gagal", "en": "Failed"},
    "imports.status.running": {"id": "Berjalan", "en": "Running"},
}
