"""Interface strings of the signals pages (merged into :data:`lindung.web.i18n.MESSAGES`).

Type titles and descriptions come from :data:`lindung.domain.signals.TYPES`.
"""

from __future__ import annotations

from lindung.domain.signals import TYPES
from lindung.web.ui.signal_evidence_messages import EVIDENCE_MESSAGES


def _pair(indonesian: str, english: str) -> dict[str, str]:
    return {"id": indonesian, "en": english}


SIGNAL_MESSAGES: dict[str, dict[str, str]] = {
    "nav.signals": _pair("Sinyal", "Signals"),
    "signals.title": _pair("Sinyal pelindungan", "Protection signals"),
    "signals.intro": _pair(
        "Peringatan yang dapat dijelaskan dari data yang tertaut. Anda hanya melihat sinyal "
        "dalam kewenangan Anda; setiap pembacaan dicatat dalam log audit.",
        "Explained alerts from linked data. You see only the signals within your access; "
        "every read is recorded in the audit log.",
    ),
    "signals.purpose": _pair("Tujuan", "Purpose"),
    "signals.filter.type": _pair("Jenis", "Type"),
    "signals.filter.status": _pair("Status", "Status"),
    "signals.filter.severity": _pair("Tingkat", "Severity"),
    "signals.filter.region": _pair("Kode wilayah", "Region code"),
    "signals.filter.country": _pair("Negara (kode)", "Country (code)"),
    "signals.filter.ppln": _pair("PPLN", "PPLN"),
    "signals.filter.sort": _pair("Urutkan", "Sort"),
    "signals.filter.any": _pair("Semua", "Any"),
    "signals.filter.apply": _pair("Tampilkan", "Show"),
    "signals.sort.risk": _pair("Risiko tertinggi", "Highest risk"),
    "signals.sort.date": _pair("Terbaru", "Newest"),
    "signals.none": _pair("Tidak ada sinyal.", "No signals."),
    "signals.refused": _pair("Akses ditolak", "Access refused"),
    "signals.col.select": _pair("Pilih", "Select"),
    "signals.col.id": _pair("No.", "No."),
    "signals.col.type": _pair("Jenis", "Type"),
    "signals.col.severity": _pair("Tingkat", "Severity"),
    "signals.col.status": _pair("Status", "Status"),
    "signals.col.subject": _pair("Subjek", "Subject"),
    "signals.col.region": _pair("Wilayah", "Region"),
    "signals.col.country": _pair("Negara", "Country"),
    "signals.col.ppln": _pair("PPLN", "PPLN"),
    "signals.col.risk": _pair("Skor risiko", "Risk score"),
    "signals.col.last_seen": _pair("Terakhir terlihat", "Last seen"),
    "signals.bulk.heading": _pair("Ubah status sinyal terpilih", "Change the selected signals"),
    "signals.bulk.submit": _pair("Ubah status", "Change status"),
    "signals.bulk.done": _pair("{n} sinyal diperbarui.", "{n} signal(s) updated."),
    "signals.status_form.to": _pair("Status baru", "New status"),
    "signals.status_form.reason": _pair(
        "Alasan (wajib untuk dikonfirmasi atau ditolak)",
        "Reason (required to confirm or dismiss)",
    ),
    "signals.status_form.submit": _pair("Simpan status", "Save status"),
    "signals.status_form.saved": _pair("Status disimpan.", "Status saved."),
    "signals.problems": _pair("Perubahan tidak disimpan:", "The change was not saved:"),
    "signals.export.heading": _pair("Unduh", "Download"),
    "signals.export.csv": _pair("Unduh CSV", "Download CSV"),
    "signals.export.xlsx": _pair("Unduh XLSX", "Download XLSX"),
    "signals.page.prev": _pair("Sebelumnya", "Previous"),
    "signals.page.next": _pair("Berikutnya", "Next"),
    "signals.page.number": _pair("Halaman {n}", "Page {n}"),
    "signals.nav.summary": _pair("Ringkasan", "Summary"),
    "signals.nav.ppln": _pair("Cakupan PPLN", "PPLN coverage"),
    "signals.nav.inbox": _pair("Kotak masuk", "Inbox"),
    # status and severity words
    "signals.status.new": _pair("Baru", "New"),
    "signals.status.in_review": _pair("Sedang ditinjau", "In review"),
    "signals.status.confirmed": _pair("Dikonfirmasi", "Confirmed"),
    "signals.status.dismissed": _pair("Ditolak", "Dismissed"),
    "signals.severity.high": _pair("Tinggi", "High"),
    "signals.severity.medium": _pair("Sedang", "Medium"),
    "signals.severity.low": _pair("Rendah", "Low"),
    # detail
    "signals.detail.title": _pair("Sinyal {id}", "Signal {id}"),
    "signals.detail.subject": _pair("Subjek", "Subject"),
    "signals.detail.name": _pair("Nama", "Name"),
    "signals.detail.nik": _pair("NIK", "NIK"),
    "signals.detail.birth_date": _pair("Tanggal lahir", "Birth date"),
    "signals.detail.first_seen": _pair("Pertama terlihat", "First seen"),
    "signals.detail.facts": _pair("Fakta", "Facts"),
    "signals.detail.rule": _pair("Aturan", "Rule"),
    "signals.detail.records": _pair("Rekaman yang dibandingkan", "Records compared"),
    "signals.detail.record": _pair("Rekaman", "Record"),
    "signals.detail.role": _pair("Peran", "Role"),
    "signals.detail.probability": _pair("Probabilitas kecocokan", "Match probability"),
    "signals.detail.conflict": _pair("Nilai berbeda antar sumber", "Values differ between sources"),
    "signals.detail.reasons": _pair("Alasan", "Reasons"),
    "signals.detail.weight": _pair("Bobot", "Weight"),
    "signals.detail.history": _pair("Riwayat", "History"),
    "signals.detail.when": _pair("Waktu", "When"),
    "signals.detail.event": _pair("Kejadian", "Event"),
    "signals.detail.actor": _pair("Oleh", "By"),
    "signals.detail.none": _pair("—", "—"),
    "signals.event.raised": _pair("Dimunculkan", "Raised"),
    "signals.event.updated": _pair("Diperbarui", "Updated"),
    "signals.event.closed": _pair("Ditutup oleh data", "Closed by the data"),
    "signals.event.reopened": _pair("Dibuka kembali", "Reopened"),
    "signals.event.status": _pair("Perubahan status", "Status change"),
    # summary
    "signals.summary.title": _pair("Ringkasan sinyal", "Signals summary"),
    "signals.summary.intro": _pair(
        "Jumlah sinyal dalam kewenangan Anda. Untuk mitra, sel di bawah 5 disembunyikan.",
        "Counts of the signals within your access. For partners, cells below 5 are hidden.",
    ),
    "signals.summary.by_run": _pair("Sinyal baru per tanggal proses", "New signals by run date"),
    "signals.summary.by_type": _pair("Per jenis", "By type"),
    "signals.summary.by_country": _pair("Per negara tujuan", "By destination country"),
    "signals.summary.by_regency": _pair("Per kabupaten/kota", "By regency or city"),
    "signals.summary.by_village": _pair("Per desa/kelurahan", "By village"),
    "signals.summary.by_partner": _pair("Per mitra penerima", "By receiving partner"),
    "signals.summary.partner": _pair("Mitra", "Partner"),
    "signals.summary.label": _pair("Kategori", "Category"),
    "signals.summary.count": _pair("Jumlah sinyal", "Signals"),
    "signals.summary.chart_label": _pair("Diagram batang: {title}", "Bar chart: {title}"),
    "signals.summary.empty": _pair("Belum ada data.", "No data yet."),
    # PPLN coverage
    "signals.ppln.title": _pair("Cakupan DPT LN per PPLN", "DPT LN coverage per PPLN"),
    "signals.ppln.intro": _pair(
        "Dari proses sinyal terakhir (tanggal {as_of}): PMI di luar negeri pada hari "
        "pemungutan suara dan entri DPT LN per PPLN. Hanya angka agregat.",
        "From the latest signal run (as of {as_of}): workers abroad on election day and "
        "DPT LN entries per PPLN. Aggregates only.",
    ),
    "signals.ppln.none": _pair(
        "Belum ada proses sinyal dengan tabel cakupan PPLN.",
        "No signal run with a PPLN coverage table yet.",
    ),
    "signals.ppln.col.ppln": _pair("PPLN", "PPLN"),
    "signals.ppln.col.country_code": _pair("Negara", "Country"),
    "signals.ppln.col.workers_abroad": _pair("PMI di luar negeri", "Workers abroad"),
    "signals.ppln.col.on_list": _pair("Ada di DPT LN", "On the list"),
    "signals.ppln.col.missing": _pair("Tidak ada di DPT LN", "Missing"),
    "signals.ppln.col.coverage": _pair("Cakupan", "Coverage"),
    "signals.ppln.col.dpt_rows": _pair("Baris DPT LN", "DPT LN rows"),
    "signals.ppln.col.duplicates": _pair("Ganda", "Duplicates"),
    "signals.ppln.col.returned": _pair("Sudah kembali", "Returned"),
    "signals.ppln.col.ineligible": _pair("Tidak memenuhi syarat", "Ineligible"),
}

SIGNAL_MESSAGES.update(
    {
        f"signals.type.{kind.value}": _pair(info.title_id, info.title_en)
        for kind, info in TYPES.items()
    }
)
SIGNAL_MESSAGES.update(
    {
        f"signals.type_description.{kind.value}": _pair(info.description_id, info.description_en)
        for kind, info in TYPES.items()
    }
)
SIGNAL_MESSAGES.update(EVIDENCE_MESSAGES)
