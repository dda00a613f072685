"""`pnet costs`: each municipality's share of the pilot budget."""

from __future__ import annotations

import argparse
import json

from pnet.cli import add_warehouse_option
from pnet.formatting import euro, number


def budget_amount(text: str) -> float:
    """A positive amount in euro, written the Dutch way ('150.000,50') or plain ('150000.50')."""
    from warehouse.intake.values import number as dutch_number

    try:
        amount = dutch_number(text.replace("€", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen bedrag; schrijf bijvoorbeeld 150000 of 150.000,00") from None
    if amount <= 0:
        raise argparse.ArgumentTypeError(f"het budget moet meer dan € 0 zijn, niet {text}")
    return amount


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("costs", help="kostenverdeling per gemeente naar inwonertal")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--round", dest="round_id", metavar="ID", help="de deelnemers van deze ronde")
    which.add_argument("--gemeenten", metavar="LIST", help="komma-gescheiden namen of codes")
    p.add_argument("--budget", type=budget_amount, default=None,
                   help="totaalbudget in euro, bijvoorbeeld 150000 of 150.000,00 (standaard uit config)")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    add_warehouse_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pnet.settings import settings
    from warehouse.costs import allocate
    from warehouse.rounds import get_round, resolve_gemeenten, split_gemeenten

    if args.round_id:
        from warehouse.db import connect

        con = connect(args.warehouse, read_only=True)
        try:
            gemeenten = get_round(con, args.round_id).gemeenten
        finally:
            con.close()
    else:
        gemeenten = resolve_gemeenten(split_gemeenten(args.gemeenten))
    budget = args.budget if args.budget is not None else settings()["costs"]["budget"]
    allocation = allocate(gemeenten, budget)
    if args.json:
        print(json.dumps(allocation.as_json(), ensure_ascii=False))
        return 0
    print(f"Budget {euro(allocation.budget)}, € {number(allocation.rate_per_inhabitant, 4)} per inwoner")
    print(f"{'code':<8}{'gemeente':<32}{'inwoners':>12}{'bedrag':>16}")
    for s in allocation.shares:
        print(f"{s.gemeente.code:<8}{s.gemeente.naam:<32}{number(s.gemeente.inwoners):>12}{euro(s.bedrag):>16}")
    total = sum(s.bedrag for s in allocation.shares)
    print(f"{'':<8}{'totaal':<32}{number(sum(s.gemeente.inwoners for s in allocation.shares)):>12}{euro(total):>16}")
    return 0
