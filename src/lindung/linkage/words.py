"""The explanation of a pair in words, Bahasa Indonesia first, English second.

Each comparison's match weight (bits: log2 of how much likelier the agreement is
for the same person than for two people) is told as a strength, and the level the
pair reached as a phrase (the level labels of :mod:`lindung.linkage.model`).
"""

from __future__ import annotations

COMPARISONS: dict[str, tuple[str, str]] = {
    "name": ("Nama", "Name"),
    "father": ("Nama ayah (bin/binti)", "Father's name (bin/binti)"),
    "birth_date": ("Tanggal lahir", "Birth date"),
    "sex": ("Jenis kelamin", "Sex"),
    "nik": ("NIK", "NIK"),
    "passport_no": ("Nomor paspor", "Passport number"),
    "birth_place": ("Tempat lahir", "Birth place"),
}

LEVELS: dict[str, str] = {
    "missing": "data tidak ada di salah satu sisi",
    "same tokens, any order": "kata-kata nama sama (urutan bebas)",
    "same phonetic keys": "bunyi nama sama",
    "one name within the other": "satu nama termuat dalam nama lainnya",
    "Jaro-Winkler >= 0.92": "ejaan sangat mirip (Jaro-Winkler ≥ 0,92)",
    "two tokens shared": "dua kata nama sama",
    "Jaro-Winkler >= 0.85": "ejaan mirip (Jaro-Winkler ≥ 0,85)",
    "one token shared": "satu kata nama sama",
    "all other": "berbeda",
    "exact": "sama persis",
    "exact, a placeholder date": "sama, tetapi tanggal pengganti (1 Jan / 31 Des)",
    "day and month swapped": "hari dan bulan tertukar",
    "two of year, month and day agree": "dua dari tahun, bulan, dan hari sama",
    "placeholder, same year": "tanggal pengganti, tahun sama",
    "within a year": "selisih kurang dari setahun",
    "one digit changed or swapped": "beda satu angka atau dua angka tertukar",
    "Jaro-Winkler >= 0.9": "ejaan sangat mirip (Jaro-Winkler ≥ 0,9)",
}
LEVELS_EN: dict[str, str] = {"missing": "a value is missing on one side", "all other": "different"}

#: (lowest weight in bits, Indonesian, English), strongest first.
STRENGTHS: tuple[tuple[float, str, str], ...] = (
    (6.0, "sangat mendukung kecocokan", "strong evidence for a match"),
    (2.0, "mendukung kecocokan", "evidence for a match"),
    (-2.0, "hampir tidak berpengaruh", "little evidence either way"),
    (-6.0, "menentang kecocokan", "evidence against a match"),
    (float("-inf"), "sangat menentang kecocokan", "strong evidence against a match"),
)


def comparison_title(name: str, lang: str) -> str:
    titles = COMPARISONS.get(name, (name, name))
    return titles[1] if lang == "en" else titles[0]


def level_text(level: str, lang: str) -> str:
    if lang == "en":
        return LEVELS_EN.get(level, level)
    return LEVELS.get(level, level)


def strength(weight: float, lang: str, missing: bool = False) -> str:
    """How much a weight says, in words."""
    if missing:
        return "tidak ada bukti" if lang != "en" else "no evidence"
    for lowest, indonesian, english in STRENGTHS:
        if weight >= lowest:
            return english if lang == "en" else indonesian
    return ""  # pragma: no cover - the last strength has no lower bound


def sentence(name: str, level: str, weight: float, lang: str) -> str:
    """One comparison in words: 'Nama: sama persis — sangat mendukung kecocokan (+8.2 bit)'."""
    missing = level == "missing"
    return (
        f"{comparison_title(name, lang)}: {level_text(level, lang)} — "
        f"{strength(weight, lang, missing)} ({weight:+.1f} bit)"
    )
