"""`pnet gemeente NAME`: resolve a municipality name or code."""

from __future__ import annotations

import argparse
import sys

from pnet.cli import add_warehouse_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gemeente", help="zoek de CBS-code van een gemeente, woonplaats of code")
    p.add_argument("name", metavar="NAME", help="naam, woonplaats of code (bijv. 'Den Haag', 'Zaandam', '363')")
    add_warehouse_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from warehouse.resolver import GemeenteError, resolve

    try:
        g = resolve(args.name)
    except GemeenteError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{g.code}\t{g.naam}")
    return 0
