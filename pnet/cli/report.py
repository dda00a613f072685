"""`pnet report --round ID --out DIR`: every municipality's package and the coordinator's overview."""

from __future__ import annotations

import argparse
from pathlib import Path

from pnet.cli import add_warehouse_option
from pnet.formatting import hours, number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="maak de rapporten van een ronde (per gemeente en het overzicht)")
    p.add_argument("--round", dest="round_id", required=True, metavar="ID", help="ronde-id, bijv. 2027-R1")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="map waarin de rapporten komen")
    add_warehouse_option(p)
    p.set_defaults(func=run)


def materialize_match_set(con, round_id: str) -> None:
    """Compute the round's match set from what is in the warehouse (decisions of earlier meetings hold)."""
    from matching.round import match_round

    s = match_round(con, round_id).summary()
    print(
        f"Matchset {round_id}: {s['matches']} koppelingen, {number(s['hours_matched'])} van {hours(s['hours_needed'])} "
        f"gevraagde uren; optimaliteitsmarge {number(s['gap'] * 100, 2)} %."
    )


def run(args: argparse.Namespace) -> int:
    from reports.build import write_round_reports
    from warehouse.db import connect
    from warehouse.rounds import get_round

    con = connect(args.warehouse)
    try:
        get_round(con, args.round_id)  # an unknown round is refused before anything is computed
        materialize_match_set(con, args.round_id)
        paths = write_round_reports(con, args.round_id, args.out)
    finally:
        con.close()
    print(f"Rapporten voor ronde {args.round_id} geschreven in {paths.out_dir}:")
    for g in paths.gemeenten:
        print(f"  {g.gemeentecode}\t{g.gemeentenaam}\t{g.xlsx.parent.name}/")
    print(f"  overzicht\t{paths.overview_xlsx.name}, {paths.overview_html.name}")
    print(f"  evaluatie\t{paths.evaluation_xlsx.name}, {paths.evaluation_html.name}")
    return 0
