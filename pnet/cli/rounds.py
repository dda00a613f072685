"""`pnet round create|list`: rounds and their participating municipalities."""

from __future__ import annotations

import argparse
import sys

from pnet.cli import add_warehouse_option
from pnet.cli.dates import parse_date
from pnet.formatting import number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("round", help="maak of toon rondes")
    rsub = p.add_subparsers(dest="round_command", required=True, metavar="ACTION")

    c = rsub.add_parser("create", help="maak een ronde met deelnemende gemeenten")
    c.add_argument("round_id", metavar="ID", help="ronde-id, bijv. 2027-R1")
    c.add_argument("--gemeenten", required=True, help="komma-gescheiden namen of codes, bijv. 'Almere,GM0363'")
    c.add_argument("--open", dest="open_date", required=True, type=parse_date, help="opening van de aanmelding")
    c.add_argument("--close", dest="close_date", required=True, type=parse_date, help="sluiting van de aanmelding")
    c.add_argument("--replace", action="store_true", help="vervang een bestaande ronde met dezelfde id")
    add_warehouse_option(c)
    c.set_defaults(func=run_create)

    ls = rsub.add_parser("list", help="toon alle rondes")
    add_warehouse_option(ls)
    ls.set_defaults(func=run_list)


def run_create(args: argparse.Namespace) -> int:
    from warehouse.db import connect
    from warehouse.rounds import create_round, split_gemeenten

    con = connect(args.warehouse)
    try:
        r = create_round(
            con, args.round_id, split_gemeenten(args.gemeenten), args.open_date, args.close_date, replace=args.replace
        )
    finally:
        con.close()
    for warning in r.warnings:
        print(warning, file=sys.stderr)
    print(
        f"Ronde {r.round_id} aangemaakt: {len(r.gemeenten)} gemeenten, {number(r.inwoners)} inwoners, "
        f"aanmelden van {r.open_date:%d-%m-%Y} tot en met {r.close_date:%d-%m-%Y}."
    )
    for g in r.gemeenten:
        print(f"  {g.code}\t{g.naam}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from warehouse.db import connect
    from warehouse.rounds import list_rounds

    con = connect(args.warehouse, read_only=True)
    try:
        rounds = list_rounds(con)
    finally:
        con.close()
    if not rounds:
        print("Nog geen rondes. Maak er een met 'pnet round create'.")
    for r in rounds:
        names = ", ".join(g.naam for g in r.gemeenten)
        print(f"{r.round_id}\t{r.open_date:%d-%m-%Y} t/m {r.close_date:%d-%m-%Y}\t{len(r.gemeenten)} gemeenten\t{names}")
    return 0
