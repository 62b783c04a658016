"""Words for the names inside a signal's evidence (merged into the signal messages).

The detectors write evidence as codes (``facts.village``, ``rule.working_age``, a
record's ``role``); the detail page shows each name in the reader's language, Bahasa
Indonesia first. A name missing here falls back to the code made readable
(:func:`lindung.web.ui.signal_views.humanise`), so a new detector field shows before
it has words.
"""

from __future__ import annotations

#: evidence field name -> (Indonesian, English): facts, record facts, rule parameters
FIELDS: dict[str, tuple[str, str]] = {
    "abroad_stages": ("Tahap di luar negeri", "Stages abroad"),
    "age": ("Usia", "Age"),
    "agency_id": ("P3MI", "Agency"),
    "birth_year": ("Tahun lahir", "Birth year"),
    "caregiver_recorded": ("Pengasuh tercatat", "Caregiver recorded"),
    "caregiver_relation": ("Hubungan pengasuh", "Caregiver's relation"),
    "checkpoint": ("TPI", "Checkpoint"),
    "cleared_stages": ("Tahap siap berangkat", "Stages cleared to depart"),
    "compared": ("Dibandingkan", "Compared"),
    "complaints": ("Pengaduan", "Complaints"),
    "countries": ("Negara", "Countries"),
    "country": ("Negara", "Country"),
    "date": ("Tanggal", "Date"),
    "departed_on": ("Tanggal berangkat", "Departed on"),
    "difference_days": ("Selisih (hari)", "Difference (days)"),
    "earliest_source": ("Sumber paling awal", "Earliest source"),
    "earliest_source_age": ("Usia menurut sumber paling awal", "Age by the earliest source"),
    "election_day": ("Hari pemungutan suara", "Election day"),
    "entries": ("Entri", "Entries"),
    "errors": ("Galat", "Errors"),
    "event": ("Peristiwa", "Event"),
    "event_date": ("Tanggal peristiwa", "Event date"),
    "exits": ("Jumlah keluar", "Exits"),
    "expected_end": ("Perkiraan akhir kontrak", "Expected end of contract"),
    "findings_by_rule": ("Temuan per aturan", "Findings by rule"),
    "id": ("Aturan", "Rule"),
    "irregular_crossings": ("Perlintasan nonprosedural", "Irregular crossings"),
    "irregular_departures": ("Keberangkatan nonprosedural", "Irregular departures"),
    "irregular_weight": ("Bobot nonprosedural", "Irregular weight"),
    "licence_status": ("Status izin", "Licence status"),
    "listed": ("Terdaftar", "Listed"),
    "listed_abroad": ("Terdaftar di DPT LN tujuan", "On the destination's DPT LN"),
    "listed_abroad_by": ("Dicocokkan ke DPT LN lewat", "Matched to the DPT LN by"),
    "listed_abroad_weight": ("Bobot terdaftar di DPT LN", "Weight of a DPT LN listing"),
    "lives": ("Tinggal", "Lives"),
    "min_age": ("Usia minimum", "Minimum age"),
    "min_score": ("Skor minimum", "Minimum score"),
    "months": ("Bulan", "Months"),
    "other_parent_abroad": ("Orang tua lain di luar negeri", "Other parent abroad"),
    "placement_id": ("Penempatan", "Placement"),
    "placements": ("Penempatan", "Placements"),
    "policy_run": ("Pemeriksaan kebijakan", "Policy run"),
    "ppln": ("PPLN", "PPLN"),
    "ppln_list": ("Daftar PPLN", "PPLN list"),
    "pplns": ("PPLN", "PPLNs"),
    "registered": ("Terdaftar sebagai PMI", "Registered as a worker"),
    "registered_abroad": ("Lapor diri di perwakilan RI", "Registered with a mission"),
    "registered_abroad_by": ("Lapor diri dicocokkan lewat", "Mission registration matched by"),
    "registered_as_worker_weight": (
        "Bobot lapor diri sebagai pekerja",
        "Weight of a registration as a worker",
    ),
    "return_date": ("Tanggal kembali", "Return date"),
    "returned_on": ("Tanggal kembali", "Returned on"),
    "round_trip_days": ("Perjalanan pulang-pergi (hari)", "Round trip (days)"),
    "sanctions": ("Sanksi", "Sanctions"),
    "score": ("Skor", "Score"),
    "sex": ("Jenis kelamin", "Sex"),
    "sex_differs": ("Jenis kelamin berbeda", "Sex differs"),
    "source_order": ("Urutan sumber", "Source order"),
    "stage": ("Tahap", "Stage"),
    "threshold": ("Ambang", "Threshold"),
    "tolerance_days": ("Toleransi (hari)", "Tolerance (days)"),
    "underage_candidates": ("Calon di bawah umur", "Under-age candidates"),
    "underage_placements": ("Penempatan di bawah umur", "Under-age placements"),
    "underage_weight": ("Bobot di bawah umur", "Under-age weight"),
    "village": ("Desa/kelurahan", "Village"),
    "voting_age": ("Usia memilih", "Voting age"),
    "warnings": ("Peringatan", "Warnings"),
    "worker_id": ("PMI", "Worker"),
    "working_age": ("Usia kerja", "Working age"),
    "year_of_birth": ("Tahun lahir", "Year of birth"),
    "youngest_age_at_registration": (
        "Usia termuda saat pendaftaran",
        "Youngest age at registration",
    ),
}

#: a record's role in the evidence -> (Indonesian, English)
ROLES: dict[str, tuple[str, str]] = {
    "agency": ("P3MI", "Agency"),
    "birth_report": ("Sumber tanggal lahir", "Birth date source"),
    "child": ("Anak", "Child"),
    "departure": ("Keberangkatan", "Departure"),
    "entry": ("Entri", "Entry"),
    "exit": ("Keluar", "Exit"),
    "first_entry": ("Entri pertama", "First entry"),
    "other_parent_abroad": ("Orang tua lain di luar negeri", "Other parent abroad"),
    "parent_abroad": ("Orang tua di luar negeri", "Parent abroad"),
    "registration": ("Pendaftaran", "Registration"),
    "repeat_entry": ("Entri berulang", "Repeated entry"),
    "returned_placement": ("Penempatan yang sudah kembali", "Returned placement"),
    "returned_worker": ("PMI yang sudah kembali", "Returned worker"),
    "worker_abroad": ("PMI di luar negeri", "Worker abroad"),
}

EVIDENCE_MESSAGES: dict[str, dict[str, str]] = {
    **{f"signals.field.{k}": {"id": i, "en": e} for k, (i, e) in FIELDS.items()},
    **{f"signals.role.{k}": {"id": i, "en": e} for k, (i, e) in ROLES.items()},
}
