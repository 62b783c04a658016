"""Interface language: Bahasa Indonesia first, English on request.

Every string the UI shows comes from :data:`MESSAGES`, keyed by a message id and
holding an ``id`` and an ``en`` text. Templates call ``t('key')`` (with optional
``str.format`` parameters: ``t('key', n=3)``). An unknown key is an error, not a
silent fallback; a test checks every key used in the templates.

The language of a request is, in order: the ``lang`` cookie (set by ``/lang/{code}``),
the signed-in user's preferred language, then ``settings.default_language``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import HTTPConnection

from lindung.domain.lifecycle import PlacementStatus
from lindung.web.ui.exchange_messages import EXCHANGE_MESSAGES
from lindung.web.ui.import_messages import IMPORT_MESSAGES
from lindung.web.ui.linkage_messages import LINKAGE_MESSAGES
from lindung.web.ui.registry_agencies_messages import REGISTRY_AGENCY_MESSAGES
from lindung.web.ui.registry_workers_messages import REGISTRY_WORKER_MESSAGES
from lindung.web.ui.signal_messages import SIGNAL_MESSAGES

LANGUAGES = ("id", "en")
LANG_COOKIE = "lang"

MESSAGES: dict[str, dict[str, str]] = {
    # Shell
    "app.name": {"id": "Lindung", "en": "Lindung"},
    "app.tagline": {
        "id": "Platform Data Pelindungan Pekerja Migran Indonesia",
        "en": "Data platform for the protection of Indonesian migrant workers",
    },
    "app.owner": {
        "id": "Kementerian Pelindungan Pekerja Migran Indonesia (KP2MI)",
        "en": "Ministry for the Protection of Indonesian Migrant Workers (KP2MI)",
    },
    "app.footer_data": {
        "id": "Kode wilayah: Kemendagri (cahyadsn/wilayah, lisensi MIT)",
        "en": "Region codes: Kemendagri (cahyadsn/wilayah, MIT licence)",
    },
    "nav.skip": {"id": "Lewati ke konten utama", "en": "Skip to main content"},
    "nav.main": {"id": "Navigasi utama", "en": "Main navigation"},
    "nav.dashboard": {"id": "Dasbor", "en": "Dashboard"},
    "nav.api": {"id": "Dokumentasi API", "en": "API documentation"},
    "header.account": {"id": "Akun", "en": "Account"},
    "header.language": {"id": "Bahasa", "en": "Language"},
    "header.logout": {"id": "Keluar", "en": "Log out"},
    "lang.id": {"id": "Bahasa Indonesia", "en": "Bahasa Indonesia"},
    "lang.en": {"id": "English", "en": "English"},
    "lang.switch_to": {"id": "Ganti bahasa ke {name}", "en": "Switch language to {name}"},
    # Roles
    "role.national_admin": {"id": "Admin Nasional", "en": "National administrator"},
    "role.national_analyst": {"id": "Analis Nasional", "en": "National analyst"},
    "role.regional_officer": {"id": "Petugas Daerah", "en": "Regional officer"},
    "role.partner_user": {"id": "Pengguna Mitra", "en": "Partner user"},
    # Login
    "login.title": {"id": "Masuk", "en": "Sign in"},
    "login.heading": {"id": "Masuk ke Lindung", "en": "Sign in to Lindung"},
    "login.intro": {
        "id": "Hanya untuk petugas dan mitra yang berwenang.",
        "en": "For authorised officers and partners only.",
    },
    "login.username": {"id": "Nama pengguna", "en": "Username"},
    "login.password": {"id": "Kata sandi", "en": "Password"},
    "login.submit": {"id": "Masuk", "en": "Sign in"},
    "login.failed": {
        "id": "Nama pengguna atau kata sandi salah.",
        "en": "Wrong username or password.",
    },
    "login.locked": {
        "id": "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
        "en": "Too many failed sign-in attempts. Try again in {minutes} minutes.",
    },
    "login.demo_heading": {"id": "Akun demo", "en": "Demo accounts"},
    "login.demo_note": {
        "id": "Mode demo: semua data sintetis dan kata sandi berikut bersifat publik.",
        "en": "Demo mode: all data is synthetic and these passwords are public.",
    },
    "login.col.role": {"id": "Peran", "en": "Role"},
    # Dashboard
    "dashboard.title": {"id": "Dasbor", "en": "Dashboard"},
    "dashboard.heading": {"id": "Ringkasan Pekerja Migran", "en": "Migrant worker overview"},
    "dashboard.scope": {"id": "Cakupan data", "en": "Data scope"},
    "dashboard.scope_all": {"id": "Nasional (semua wilayah)", "en": "National (all regions)"},
    "dashboard.scope_none": {"id": "Tidak ada", "en": "None"},
    "dashboard.partner_notice": {
        "id": "Tidak ada Perjanjian Kerja Sama (PKS) lembaga Anda yang berlaku saat ini dan "
        "memberi data agregat untuk dasbor ini.",
        "en": "None of your institution's cooperation agreements in force gives aggregate "
        "data for this dashboard.",
    },
    "dashboard.partner_intro": {
        "id": "Angka agregat menurut PKS lembaga Anda; sel dengan kurang dari 5 orang tidak "
        "ditampilkan.",
        "en": "Aggregate figures under your institution's agreements; cells of fewer than 5 "
        "people are not shown.",
    },
    "dashboard.partner_section": {
        "id": "Menurut perjanjian {number} — tujuan: {purpose}",
        "en": "Under agreement {number} — purpose: {purpose}",
    },
    "dashboard.partner.placements.destination_country": {
        "id": "Penempatan menurut negara tujuan",
        "en": "Placements by destination country",
    },
    "dashboard.partner.placements.status": {
        "id": "Penempatan menurut status",
        "en": "Placements by status",
    },
    "dashboard.partner.workers.origin_village_code": {
        "id": "Pekerja menurut wilayah asal",
        "en": "Workers by region of origin",
    },
    "dashboard.axis_placements": {"id": "Jumlah penempatan", "en": "Number of placements"},
    "dashboard.total_workers": {"id": "Pekerja terdaftar", "en": "Registered workers"},
    "dashboard.total_placements": {"id": "Penempatan", "en": "Placements"},
    "dashboard.by_origin.1": {
        "id": "Pekerja menurut provinsi asal",
        "en": "Workers by province of origin",
    },
    "dashboard.by_origin.2": {
        "id": "Pekerja menurut kabupaten/kota asal",
        "en": "Workers by regency/city of origin",
    },
    "dashboard.by_origin.3": {
        "id": "Pekerja menurut kecamatan asal",
        "en": "Workers by district of origin",
    },
    "dashboard.by_origin.4": {
        "id": "Pekerja menurut desa/kelurahan asal",
        "en": "Workers by village of origin",
    },
    "dashboard.by_destination": {
        "id": "Pekerja menurut negara tujuan",
        "en": "Workers by destination country",
    },
    "dashboard.by_destination_note": {
        "id": "Pekerja dengan sedikitnya satu penempatan, dihitung sekali per negara.",
        "en": "Workers with at least one placement, counted once per country.",
    },
    "dashboard.by_status": {"id": "Penempatan menurut status", "en": "Placements by status"},
    "dashboard.col.region": {"id": "Wilayah", "en": "Region"},
    "dashboard.col.code": {"id": "Kode", "en": "Code"},
    "dashboard.col.country": {"id": "Negara", "en": "Country"},
    "dashboard.col.status": {"id": "Status", "en": "Status"},
    "dashboard.col.workers": {"id": "Jumlah pekerja", "en": "Workers"},
    "dashboard.col.placements": {"id": "Jumlah penempatan", "en": "Placements"},
    "dashboard.empty": {"id": "Belum ada data.", "en": "No data yet."},
    "dashboard.chart_label": {
        "id": "Grafik batang: {title}. Angka yang sama ada pada tabel.",
        "en": "Bar chart: {title}. The same figures are in the table.",
    },
    "dashboard.axis_workers": {"id": "Jumlah pekerja", "en": "Number of workers"},
    # Placement statuses come from lindung.domain.lifecycle (added below).
    # Errors
    "error.title.400": {"id": "Permintaan tidak valid", "en": "Invalid request"},
    "error.title.401": {"id": "Perlu masuk", "en": "Sign-in required"},
    "error.title.403": {"id": "Akses ditolak", "en": "Access denied"},
    "error.title.404": {"id": "Halaman tidak ditemukan", "en": "Page not found"},
    "error.title.405": {"id": "Metode tidak diizinkan", "en": "Method not allowed"},
    "error.title.500": {"id": "Terjadi kesalahan sistem", "en": "Something went wrong"},
    "error.title.503": {
        "id": "Layanan sementara tidak tersedia",
        "en": "Service temporarily unavailable",
    },
    "error.detail.400": {
        "id": "Data yang dikirim tidak dapat diproses.",
        "en": "The data sent could not be processed.",
    },
    "error.detail.401": {"id": "Silakan masuk terlebih dahulu.", "en": "Please sign in first."},
    "error.detail.403": {
        "id": "Anda tidak berwenang membuka halaman ini.",
        "en": "You are not allowed to open this page.",
    },
    "error.detail.csrf": {
        "id": "Formulir sudah kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman, "
        "lalu coba lagi.",
        "en": "The form has expired or is not valid (CSRF token). Reload the page and try again.",
    },
    "error.detail.404": {
        "id": "Alamat yang Anda buka tidak ada atau sudah dipindahkan.",
        "en": "The address you opened does not exist or has moved.",
    },
    "error.detail.405": {
        "id": "Alamat ini tidak menerima permintaan seperti itu.",
        "en": "This address does not accept that kind of request.",
    },
    "error.detail.500": {
        "id": "Kesalahan sudah dicatat. Sebutkan kode {error_id} bila menghubungi admin.",
        "en": "The error has been logged. Quote code {error_id} when contacting the administrator.",
    },
    "error.detail.503": {
        "id": "Basis data tidak dapat dihubungi. Coba lagi beberapa saat lagi.",
        "en": "The database cannot be reached. Please try again shortly.",
    },
    "error.invalid_field": {"id": "nilai tidak sah", "en": "invalid value"},
    "error.missing_field": {"id": "wajib diisi", "en": "required"},
    "error.back_home": {"id": "Kembali ke dasbor", "en": "Back to the dashboard"},
    # API documentation page
    "api_docs.title": {"id": "Dokumentasi API", "en": "API documentation"},
    "api_docs.intro": {
        "id": "Antarmuka JSON Lindung ada di bawah /api/v1. Halaman ini disusun di server "
        "dari spesifikasi OpenAPI, tanpa skrip dari luar. Spesifikasi lengkap:",
        "en": "Lindung's JSON interface lives under /api/v1. This page is built on the "
        "server from the OpenAPI specification, without outside scripts. Full "
        "specification:",
    },
    "api_docs.auth_note": {
        "id": "Endpoint yang memerlukan login memakai cookie sesi dari halaman Masuk; "
        "tanpa sesi, jawabannya 401 dalam JSON.",
        "en": "Endpoints that need a login use the session cookie from the sign-in page; "
        "without a session they answer 401 in JSON.",
    },
    "api_docs.col.method": {"id": "Metode", "en": "Method"},
    "api_docs.col.path": {"id": "Alamat", "en": "Path"},
    "api_docs.col.summary": {"id": "Keterangan", "en": "Summary"},
    "api_docs.col.params": {"id": "Parameter", "en": "Parameters"},
    "api_docs.col.auth": {"id": "Perlu login", "en": "Login required"},
    "api_docs.yes": {"id": "Ya", "en": "Yes"},
    "api_docs.no": {"id": "Tidak", "en": "No"},
}
MESSAGES.update(IMPORT_MESSAGES)
MESSAGES.update(
    {
        f"status.{status.value}": {"id": status.label("id"), "en": status.label("en")}
        for status in PlacementStatus
    }
)
MESSAGES.update(EXCHANGE_MESSAGES)
MESSAGES.update(LINKAGE_MESSAGES)
MESSAGES.update(REGISTRY_WORKER_MESSAGES)
MESSAGES.update(REGISTRY_AGENCY_MESSAGES)
MESSAGES.update(SIGNAL_MESSAGES)


class Translator:
    """``t('key', **params)``: the message in one language, formatted with ``params``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else LANGUAGES[0]

    def __call__(self, key: str, **params: Any) -> str:
        text = MESSAGES[key][self.lang]
        return text.format(**params) if params else text

    def get(self, key: str, default: str) -> str:
        """The message for ``key``, or ``default`` when the catalogue has none."""
        entry = MESSAGES.get(key)
        return entry[self.lang] if entry is not None else default


def format_number(value: int, lang: str) -> str:
    """A whole number grouped by thousands: '12.345' in Indonesian, '12,345' in English."""
    grouped = f"{value:,}"
    return grouped if lang == "en" else grouped.replace(",", ".")


def translate(key: str, lang: str, **params: Any) -> str:
    """The message ``key`` in ``lang``."""
    return Translator(lang)(key, **params)


def request_language(connection: HTTPConnection) -> str:
    """The language of this request: cookie, then the user's choice, then the default."""
    cookie = connection.cookies.get(LANG_COOKIE)
    if cookie in LANGUAGES:
        return cookie
    user = getattr(connection.state, "user", None)
    preferred = getattr(user, "language", None)
    if preferred in LANGUAGES:
        return str(preferred)
    return str(connection.app.state.settings.default_language)
