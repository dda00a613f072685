"""`pnet demo`: run the demo round end to end and say what was made."""

from __future__ import annotations

import argparse

from pnet.cli import add_warehouse_option
from pnet.formatting import number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="draai een volledige demoronde via Dagster")
    p.add_argument("--out", metavar="DIR", default="data/demo", help="map voor de rapporten (standaard data/demo)")
    add_warehouse_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipelines.demo import run_demo

    s = run_demo(args.warehouse)
    print(f"Warehouse: {s.warehouse}")
    print(f"Dagster-runs ({s.dagster_home}): {', '.join(s.runs)}")
    print(f"Gematerialiseerd: {', '.join(s.materialized)}")
    print(
        f"Ronde {s.round.round_id}: {len(s.round.gemeenten)} gemeenten, {number(s.round.inwoners)} inwoners"
    )
    for w in s.round.warnings:
        print(w)
    print("Bekijk de runs met: DAGSTER_HOME=" + str(s.dagster_home) + " dagster dev -h 127.0.0.1")
    return 0
