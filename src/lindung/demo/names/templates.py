"""How a name is put together, by tradition and sex: which pools fill which slot.

A name is a row of token slots (:class:`Slot`); a template fills some of them
from pools. Weights give the shapes: a third of Javanese men carry a single
name (Sutrisno, Wagiman); about one woman in six from Java is a Siti and one in
nine a Sri; Balinese names start with a birth-order particle (I Wayan, Ni Made);
Batak names end with the clan; NTT names pair a baptismal name with a
traditional name and a clan (Yohanes Kopong Lamawuran, Maria Goreti Kewa).
"""

from __future__ import annotations

from enum import IntEnum

from lindung.demo.ethnicity import Group


class Slot(IntEnum):
    TITLE = 0  # H., Hj. (after the hajj)
    PARTICLE = 1  # I Wayan, Ni Luh, Lalu, Baiq, Andi, Umbu, Rambu
    GIVEN1 = 2
    GIVEN2 = 3
    GIVEN3 = 4
    BORU = 5  # br. (Batak women, before the clan)
    CLAN = 6
    RELATION = 7  # bin / binti
    FATHER = 8
    DEGREE = 9  # S.Pd., A.Md. (written after a comma)


SLOTS = len(Slot)
S = Slot

Parts = tuple[tuple[Slot, str], ...]
#: (weight, slots filled from pools, Muslim or None to follow the tradition's share)
Template = tuple[float, Parts, bool | None]


def _t(weight: float, *parts: tuple[Slot, str], muslim: bool | None = None) -> Template:
    return (weight, tuple(parts), muslim)


TEMPLATES: dict[tuple[Group, bool], tuple[Template, ...]] = {
    (Group.JAVANESE, False): (
        _t(0.30, (S.GIVEN1, "jv_m_mono")),
        _t(0.10, (S.GIVEN1, "muhammad"), (S.GIVEN2, "jv_m_given"), muslim=True),
        _t(0.04, (S.GIVEN1, "ahmad"), (S.GIVEN2, "jv_m_given"), muslim=True),
        _t(0.36, (S.GIVEN1, "jv_m_first"), (S.GIVEN2, "jv_m_given")),
        _t(0.08, (S.GIVEN1, "jv_m_first"), (S.GIVEN2, "jv_m_mono")),
        _t(0.07, (S.GIVEN1, "jv_m_first"), (S.GIVEN2, "jv_m_first"), (S.GIVEN3, "jv_m_given")),
        _t(
            0.05,
            (S.GIVEN1, "muhammad"),
            (S.GIVEN2, "jv_m_first"),
            (S.GIVEN3, "jv_m_given"),
            muslim=True,
        ),
    ),
    (Group.JAVANESE, True): (
        _t(0.16, (S.GIVEN1, "siti"), (S.GIVEN2, "jv_f_given"), muslim=True),
        _t(0.11, (S.GIVEN1, "sri"), (S.GIVEN2, "jv_f_given")),
        _t(0.05, (S.GIVEN1, "nur"), (S.GIVEN2, "jv_f_given"), muslim=True),
        _t(0.28, (S.GIVEN1, "jv_f_mono")),
        _t(0.30, (S.GIVEN1, "jv_f_first"), (S.GIVEN2, "jv_f_given")),
        _t(0.05, (S.GIVEN1, "sri"), (S.GIVEN2, "jv_f_mono")),
        _t(0.05, (S.GIVEN1, "jv_f_first"), (S.GIVEN2, "jv_f_first"), (S.GIVEN3, "jv_f_given")),
    ),
    (Group.SUNDANESE, False): (
        _t(0.55, (S.GIVEN1, "su_m_first"), (S.GIVEN2, "su_m_given")),
        _t(0.10, (S.GIVEN1, "muhammad"), (S.GIVEN2, "su_m_given"), muslim=True),
        _t(0.05, (S.GIVEN1, "ahmad"), (S.GIVEN2, "su_m_given"), muslim=True),
        _t(0.15, (S.GIVEN1, "su_m_first")),
        _t(0.15, (S.GIVEN1, "gen_m_first"), (S.GIVEN2, "su_m_given")),
    ),
    (Group.SUNDANESE, True): (
        _t(0.45, (S.GIVEN1, "su_f_first"), (S.GIVEN2, "su_f_given")),
        _t(0.15, (S.GIVEN1, "siti"), (S.GIVEN2, "su_f_given"), muslim=True),
        _t(0.05, (S.GIVEN1, "nur"), (S.GIVEN2, "su_f_given"), muslim=True),
        _t(0.20, (S.GIVEN1, "su_f_first")),
        _t(0.15, (S.GIVEN1, "gen_f_first"), (S.GIVEN2, "su_f_given")),
    ),
    (Group.MADURESE, False): (
        _t(0.35, (S.GIVEN1, "muhammad_madura"), (S.GIVEN2, "md_m_given"), muslim=True),
        _t(0.10, (S.GIVEN1, "abdul"), (S.GIVEN2, "md_m_given"), muslim=True),
        _t(0.10, (S.GIVEN1, "ahmad"), (S.GIVEN2, "md_m_given"), muslim=True),
        _t(0.30, (S.GIVEN1, "md_m_given")),
        _t(0.15, (S.GIVEN1, "jv_m_first"), (S.GIVEN2, "md_m_given")),
    ),
    (Group.MADURESE, True): (
        _t(0.30, (S.GIVEN1, "siti"), (S.GIVEN2, "md_f_given"), muslim=True),
        _t(0.30, (S.GIVEN1, "md_f_given")),
        _t(0.10, (S.GIVEN1, "nur"), (S.GIVEN2, "md_f_given"), muslim=True),
        _t(0.30, (S.GIVEN1, "jv_f_first"), (S.GIVEN2, "md_f_given")),
    ),
    (Group.BALINESE, False): (_t(1.0, (S.PARTICLE, "bali_m"), (S.GIVEN1, "bali_m_given")),),
    (Group.BALINESE, True): (_t(1.0, (S.PARTICLE, "bali_f"), (S.GIVEN1, "bali_f_given")),),
    (Group.BATAK, False): (
        _t(0.60, (S.GIVEN1, "bt_m_given"), (S.CLAN, "bt_clan"), muslim=False),
        _t(
            0.15,
            (S.GIVEN1, "bt_m_given"),
            (S.GIVEN2, "bt_m_given"),
            (S.CLAN, "bt_clan"),
            muslim=False,
        ),
        _t(0.15, (S.GIVEN1, "gen_m_first"), (S.CLAN, "bt_muslim_clan"), muslim=True),
        _t(
            0.10,
            (S.GIVEN1, "muhammad"),
            (S.GIVEN2, "gen_m_given"),
            (S.CLAN, "bt_muslim_clan"),
            muslim=True,
        ),
    ),
    (Group.BATAK, True): (
        _t(0.45, (S.GIVEN1, "bt_f_given"), (S.CLAN, "bt_clan"), muslim=False),
        _t(0.20, (S.GIVEN1, "bt_f_given"), (S.BORU, "boru"), (S.CLAN, "bt_clan"), muslim=False),
        _t(
            0.10,
            (S.GIVEN1, "bt_f_given"),
            (S.GIVEN2, "bt_f_given"),
            (S.CLAN, "bt_clan"),
            muslim=False,
        ),
        _t(0.15, (S.GIVEN1, "gen_f_first"), (S.CLAN, "bt_muslim_clan"), muslim=True),
        _t(
            0.10,
            (S.GIVEN1, "siti"),
            (S.GIVEN2, "gen_f_given"),
            (S.CLAN, "bt_muslim_clan"),
            muslim=True,
        ),
    ),
    (Group.FLORES, False): (
        _t(
            0.45, (S.GIVEN1, "ntt_m_baptism"), (S.GIVEN2, "flores_m_given"), (S.CLAN, "flores_clan")
        ),
        _t(0.35, (S.GIVEN1, "ntt_m_baptism"), (S.CLAN, "flores_clan")),
        _t(0.10, (S.GIVEN1, "ntt_m_baptism"), (S.GIVEN2, "ntt_m_baptism"), (S.CLAN, "flores_clan")),
        _t(0.10, (S.GIVEN1, "flores_m_given"), (S.CLAN, "flores_clan")),
    ),
    (Group.FLORES, True): (
        _t(
            0.40, (S.GIVEN1, "ntt_f_baptism"), (S.GIVEN2, "flores_f_given"), (S.CLAN, "flores_clan")
        ),
        _t(0.30, (S.GIVEN1, "ntt_f_baptism"), (S.CLAN, "flores_clan")),
        _t(0.15, (S.GIVEN1, "ntt_f_baptism"), (S.GIVEN2, "flores_f_given")),
        _t(0.15, (S.GIVEN1, "ntt_f_baptism"), (S.GIVEN2, "ntt_f_baptism"), (S.CLAN, "flores_clan")),
    ),
    (Group.TIMOR, False): (
        _t(0.60, (S.GIVEN1, "ntt_m_baptism"), (S.CLAN, "timor_clan")),
        _t(0.20, (S.GIVEN1, "ntt_m_baptism"), (S.GIVEN2, "ntt_m_baptism"), (S.CLAN, "timor_clan")),
        _t(0.10, (S.PARTICLE, "umbu"), (S.GIVEN1, "gen_m_first"), (S.CLAN, "timor_clan")),
        _t(0.10, (S.GIVEN1, "gen_m_first"), (S.CLAN, "timor_clan")),
    ),
    (Group.TIMOR, True): (
        _t(0.60, (S.GIVEN1, "ntt_f_baptism"), (S.CLAN, "timor_clan")),
        _t(0.20, (S.GIVEN1, "ntt_f_baptism"), (S.GIVEN2, "ntt_f_baptism"), (S.CLAN, "timor_clan")),
        _t(0.10, (S.PARTICLE, "rambu"), (S.GIVEN1, "gen_f_first"), (S.CLAN, "timor_clan")),
        _t(0.10, (S.GIVEN1, "gen_f_first"), (S.CLAN, "timor_clan")),
    ),
    (Group.SASAK, False): (
        _t(0.08, (S.PARTICLE, "lalu"), (S.GIVEN1, "sasak_m_given")),
        _t(0.05, (S.PARTICLE, "lalu"), (S.GIVEN1, "muhammad"), (S.GIVEN2, "sasak_m_given")),
        _t(0.20, (S.GIVEN1, "muhammad"), (S.GIVEN2, "sasak_m_given")),
        _t(0.10, (S.GIVEN1, "ahmad"), (S.GIVEN2, "sasak_m_given")),
        _t(0.45, (S.GIVEN1, "sasak_m_given")),
        _t(0.12, (S.GIVEN1, "gen_m_first"), (S.GIVEN2, "sasak_m_given")),
    ),
    (Group.SASAK, True): (
        _t(0.10, (S.PARTICLE, "baiq"), (S.GIVEN1, "sasak_f_given")),
        _t(0.15, (S.GIVEN1, "siti"), (S.GIVEN2, "sasak_f_given")),
        _t(0.45, (S.GIVEN1, "sasak_f_given")),
        _t(0.15, (S.GIVEN1, "gen_f_first"), (S.GIVEN2, "sasak_f_given")),
        _t(0.15, (S.GIVEN1, "nur"), (S.GIVEN2, "sasak_f_given")),
    ),
    (Group.BUGIS, False): (
        _t(0.10, (S.PARTICLE, "andi"), (S.GIVEN1, "bugis_m_given")),
        _t(0.30, (S.GIVEN1, "muhammad_bugis"), (S.GIVEN2, "bugis_m_given")),
        _t(0.35, (S.GIVEN1, "bugis_m_given")),
        _t(0.10, (S.GIVEN1, "ahmad"), (S.GIVEN2, "bugis_m_given")),
        _t(0.15, (S.GIVEN1, "gen_m_first"), (S.GIVEN2, "bugis_m_given")),
    ),
    (Group.BUGIS, True): (
        _t(0.08, (S.PARTICLE, "andi"), (S.GIVEN1, "bugis_f_given")),
        _t(0.25, (S.GIVEN1, "siti_bugis"), (S.GIVEN2, "bugis_f_given")),
        _t(0.40, (S.GIVEN1, "bugis_f_given")),
        _t(0.15, (S.GIVEN1, "gen_f_first"), (S.GIVEN2, "bugis_f_given")),
        _t(0.12, (S.GIVEN1, "nur"), (S.GIVEN2, "bugis_f_given")),
    ),
    (Group.GENERIC, False): (
        _t(0.15, (S.GIVEN1, "muhammad"), (S.GIVEN2, "gen_m_given"), muslim=True),
        _t(
            0.05,
            (S.GIVEN1, "muhammad"),
            (S.GIVEN2, "gen_m_first"),
            (S.GIVEN3, "gen_m_given"),
            muslim=True,
        ),
        _t(0.45, (S.GIVEN1, "gen_m_first"), (S.GIVEN2, "gen_m_given")),
        _t(0.10, (S.GIVEN1, "ahmad"), (S.GIVEN2, "gen_m_given"), muslim=True),
        _t(0.05, (S.GIVEN1, "abdul"), (S.GIVEN2, "gen_m_given"), muslim=True),
        _t(0.10, (S.GIVEN1, "gen_m_first")),
        _t(0.10, (S.GIVEN1, "gen_m_first"), (S.GIVEN2, "gen_m_first"), (S.GIVEN3, "gen_m_given")),
    ),
    (Group.GENERIC, True): (
        _t(0.12, (S.GIVEN1, "siti"), (S.GIVEN2, "gen_f_given"), muslim=True),
        _t(0.08, (S.GIVEN1, "nur"), (S.GIVEN2, "gen_f_given"), muslim=True),
        _t(0.05, (S.GIVEN1, "sri"), (S.GIVEN2, "gen_f_given")),
        _t(0.50, (S.GIVEN1, "gen_f_first"), (S.GIVEN2, "gen_f_given")),
        _t(0.10, (S.GIVEN1, "gen_f_first")),
        _t(0.15, (S.GIVEN1, "gen_f_first"), (S.GIVEN2, "gen_f_first"), (S.GIVEN3, "gen_f_given")),
    ),
}
