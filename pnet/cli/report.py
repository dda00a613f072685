"""`pnet report --round ID --out DIR`: every municipality's package and the coordinator's overview."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pnet.cli import add_warehouse_option
from pnet.formatting import hours, number

if TYPE_CHECKING:
    import duckdb


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="maak de rapporten van een ronde (per gemeente en het overzicht)")
    p.add_argument("--round", dest="round_id", required=True, metavar="ID", help="ronde-id, bijv. 2027-R1")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="map waarin de rapporten komen")
    add_warehouse_option(p)
    p.set_defaults(func=run)


def compute_match_set(con: duckdb.DuckDBPyConnection, round_id: str) -> list[str]:
    """Compute and store the round's match set from what is in the warehouse (decisions of earlier
    meetings hold), as the asset round_match_set does; returns what the independent checker found wrong."""
    from matching.round import check_round, match_round

    result = match_round(con, round_id)
    s = result.summary()
    print(
        f"Matchset {round_id}: {s['matches']} koppelingen, {number(s['hours_matched'])} van {hours(s['hours_needed'])} "
        f"gevraagde uren; optimaliteitsmarge {number(s['gap'] * 100, 2)} %."
    )
    return [v.message for v in check_round(con, round_id, result.params)]


def run(args: argparse.Namespace) -> int:
    from pnet.errors import PnetError
    from reports.build import write_round_reports
    from warehouse.db import connect
    from warehouse.rounds import get_round

    con = connect(args.warehouse)
    try:
        get_round(con, args.round_id)  # an unknown round is refused before anything is computed
        violations = compute_match_set(con, args.round_id)
        if violations:  # as in Dagster, where the checks block the reports
            raise PnetError("De matchset breekt een harde regel; er zijn geen rapporten geschreven:\n  " + "\n  ".join(violations))
        paths = write_round_reports(con, args.round_id, args.out)
    finally:
        con.close()
    print(f"Rapporten voor ronde {args.round_id} geschreven in {paths.out_dir}:")
    for g in paths.gemeenten:
        print(f"  {g.gemeentecode}\t{g.gemeentenaam}\t{g.xlsx.parent.name}/")
    print(f"  overzicht\t{paths.overview_xlsx.name}, {paths.overview_html.name}")
    print(f"  evaluatie\t{paths.evaluation_xlsx.name}, {paths.evaluation_html.name}")
    return 0
