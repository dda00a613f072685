"""`pnet report --round ID --out DIR`: every municipality's package and the coordinator's overview."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pnet.cli import add_warehouse_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="maak de rapporten van een ronde (per gemeente en het overzicht)")
    p.add_argument("--round", dest="round_id", required=True, metavar="ID", help="ronde-id, bijv. 2027-R1")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="map waarin de rapporten komen")
    add_warehouse_option(p)
    p.set_defaults(func=run)


def ensure_match_set(con, round_id: str) -> bool:
    """Make sure the round's match set is materialised; True when it is in the warehouse.

    INTEGRATION POINT (lead): when `matching` is merged, replace the notice below by
    `matching.round.match_round(con, round_id, params)` so a missing match set is computed here.
    This is the only place the report command calls the matcher.
    """
    if con.execute("SELECT count(*) FROM match_runs WHERE round_id = ?", [round_id]).fetchone()[0]:
        return True
    print(
        f"Let op: voor ronde {round_id} is nog geen matchset berekend; de rapporten tonen nog geen matches.",
        file=sys.stderr,
    )
    return False


def run(args: argparse.Namespace) -> int:
    from reports.build import write_round_reports
    from warehouse.db import connect
    from warehouse.rounds import get_round

    con = connect(args.warehouse)
    try:
        get_round(con, args.round_id)  # an unknown round is refused before anything is computed
        ensure_match_set(con, args.round_id)
        paths = write_round_reports(con, args.round_id, args.out)
    finally:
        con.close()
    print(f"Rapporten voor ronde {args.round_id} geschreven in {paths.out_dir}:")
    for g in paths.gemeenten:
        print(f"  {g.gemeentecode}\t{g.gemeentenaam}\t{g.xlsx.parent.name}/")
    print(f"  overzicht\t{paths.overview_xlsx.name}, {paths.overview_html.name}")
    print(f"  evaluatie\t{paths.evaluation_xlsx.name}, {paths.evaluation_html.name}")
    return 0
