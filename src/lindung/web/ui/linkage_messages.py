"""Interface strings of the linkage review pages (merged into :data:`lindung.web.i18n.MESSAGES`)."""

from __future__ import annotations

from lindung.linkage.pairings import PAIRINGS
from lindung.linkage.sources import SOURCES

LINKAGE_MESSAGES: dict[str, dict[str, str]] = {
    "nav.linkage_review": {"id": "Tinjauan pencocokan", "en": "Linkage review"},
    "linkage.title": {"id": "Tinjauan pencocokan rekaman", "en": "Record linkage review"},
    "linkage.intro": {
        "id": "Pasangan rekaman yang kecocokannya belum pasti. Keputusan Anda mengesampingkan "
        "model, dicatat dalam log audit, dan disimpan sebagai label.",
        "en": "Record pairs the model is unsure about. Your decision overrides the model, is "
        "recorded in the audit log and kept as a label.",
    },
    "linkage.filter.pairing": {"id": "Pasangan sumber", "en": "Pairing"},
    "linkage.filter.state": {"id": "Status", "en": "State"},
    "linkage.filter.any": {"id": "Semua", "en": "Any"},
    "linkage.filter.apply": {"id": "Tampilkan", "en": "Show"},
    "linkage.none": {"id": "Tidak ada pasangan.", "en": "No pairs."},
    "linkage.col.id": {"id": "No.", "en": "No."},
    "linkage.col.pairing": {"id": "Pasangan sumber", "en": "Pairing"},
    "linkage.col.probability": {"id": "Probabilitas", "en": "Probability"},
    "linkage.col.left": {"id": "Rekaman kiri", "en": "Left record"},
    "linkage.col.right": {"id": "Rekaman kanan", "en": "Right record"},
    "linkage.col.state": {"id": "Status", "en": "State"},
    "linkage.state.review": {"id": "Perlu ditinjau", "en": "To review"},
    "linkage.state.linked": {"id": "Cocok", "en": "Linked"},
    "linkage.state.rejected": {"id": "Tidak cocok", "en": "Rejected"},
    "linkage.pair.title": {"id": "Pasangan {id}", "en": "Pair {id}"},
    "linkage.pair.summary": {
        "id": "Probabilitas kecocokan {p} · bobot {w} bit · status: {state}",
        "en": "Match probability {p} · weight {w} bits · state: {state}",
    },
    "linkage.pair.field": {"id": "Kolom", "en": "Field"},
    "linkage.pair.left": {"id": "Kiri", "en": "Left"},
    "linkage.pair.right": {"id": "Kanan", "en": "Right"},
    "linkage.pair.records": {"id": "Kedua rekaman", "en": "Both records"},
    "linkage.pair.explanation": {"id": "Penjelasan model", "en": "The model's explanation"},
    "linkage.pair.explanation_note": {
        "id": "Bobot dalam bit: positif mendukung kecocokan, negatif menentangnya.",
        "en": "Weights in bits: positive for a match, negative against it.",
    },
    "linkage.pair.decisions": {"id": "Keputusan sebelumnya", "en": "Earlier decisions"},
    "linkage.pair.decide": {"id": "Keputusan Anda", "en": "Your decision"},
    "linkage.pair.reason": {"id": "Alasan", "en": "Reason"},
    "linkage.pair.submit": {"id": "Simpan keputusan", "en": "Record the decision"},
    "linkage.pair.back": {"id": "Kembali ke antrean", "en": "Back to the queue"},
    "linkage.pair.saved": {"id": "Keputusan disimpan.", "en": "Decision recorded."},
    "linkage.decision.match": {"id": "Orang yang sama", "en": "Same person (match)"},
    "linkage.decision.non-match": {"id": "Orang berbeda", "en": "Different people (non-match)"},
    "linkage.decision.unsure": {"id": "Belum yakin", "en": "Unsure"},
    "linkage.field.source": {"id": "Sumber", "en": "Source"},
    "linkage.field.key": {"id": "Kunci rekaman", "en": "Record key"},
    "linkage.field.full_name": {"id": "Nama", "en": "Name"},
    "linkage.field.birth_date": {"id": "Tanggal lahir", "en": "Birth date"},
    "linkage.field.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "linkage.field.nik": {"id": "NIK", "en": "NIK"},
    "linkage.field.passport_no": {"id": "Nomor paspor", "en": "Passport number"},
    "linkage.field.birth_place": {"id": "Tempat lahir", "en": "Birth place"},
}
LINKAGE_MESSAGES.update(
    {f"linkage.pairing.{p.name}": {"id": p.title_id, "en": p.title_en} for p in PAIRINGS.values()}
)
LINKAGE_MESSAGES.update(
    {f"linkage.source.{s.name}": {"id": s.title_id, "en": s.title_en} for s in SOURCES.values()}
)
