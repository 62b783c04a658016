"""``lindung regions``: look up Kemendagri region codes (reference data, no personal data)."""

from __future__ import annotations

import typer
from rich.table import Table

from lindung.cli.output import console
from lindung.domain.regions import LEVEL_NAMES, Region, region_directory

app = typer.Typer(help="Kemendagri region codes.", no_args_is_help=True)


def _table(regions: list[Region]) -> Table:
    table = Table("kode", "nama", "tingkat / level")
    for region in regions:
        table.add_row(region.code, region.name, LEVEL_NAMES[region.level])
    return table


@app.command("show")
def show(code: str = typer.Argument(help="Dotted (35.09) or undotted (3509) code.")) -> None:
    """Show a region, its ancestors and its children."""
    directory = region_directory()
    region = directory.require(code, field="code")
    chain = " > ".join(r.name for r in [*directory.ancestors(region.code), region])
    console.print(f"[bold]{region.code}[/] {chain} ({LEVEL_NAMES[region.level]})")
    children = directory.children(region.code)
    if children:
        console.print(_table(children))


@app.command("search")
def search(
    query: str = typer.Argument(help="A name, e.g. 'kab. jember' or 'Bontang'."),
    limit: int = typer.Option(20, min=1, max=500),
) -> None:
    """Find regions by name, ignoring case and the Kabupaten/Kota prefix."""
    found = region_directory().search(query, limit=limit)
    if not found:
        console.print("tidak ditemukan / not found")
        raise typer.Exit(1)
    console.print(_table(found))
