"""`pnet demo [--out DIR]`: run the demo round end to end through Dagster and say what was made."""

from __future__ import annotations

import argparse

from pnet.cli import add_warehouse_option
from pnet.formatting import hours, number


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="draai een volledige demoronde via Dagster (offline)")
    p.add_argument("--out", metavar="DIR", default="data/demo", help="map voor de rapporten (standaard data/demo)")
    add_warehouse_option(p)
    p.set_defaults(func=run)


def _match_line(f: dict) -> str:
    unmet = 1 - f["hours_matched"] / f["hours_needed"] if f["hours_needed"] else 0.0
    gap = f"; optimaliteitsmarge {number(f['gap'] * 100, 2)} %" if isinstance(f["gap"], float) else ""
    return (f"{f['matches']} koppelingen, {number(f['hours_matched'])} van {hours(f['hours_needed'])} "
            f"gevraagde uren ({number(unmet * 100, 1)} % zonder consultant{gap}).")


def run(args: argparse.Namespace) -> int:
    from pipelines.demo import run_demo

    s = run_demo(args.warehouse, args.out)
    f = s.figures
    print(f"Demoronde {s.round.round_id}: {len(s.round.gemeenten)} gemeenten, {number(s.round.inwoners)} inwoners.")
    print(f"  Mediascan: {f['media_items']} berichten, {f['candidates']} kandidaat-initiatieven.")
    print(
        f"  Aanmeldingen: {f['files']} bestanden ({f['unreadable_files']} onleesbaar), {f['initiatives']} initiatieven, "
        f"{f['consultants']} consultants, {f['rejected_rows']} rijen afgewezen met reden."
    )
    print("  Eerste matchset: " + _match_line(s.first_figures))
    print(f"  Overleg: {f['confirmed']} kandidaten als relevant bevestigd ({f['scan_initiatives']} nieuwe initiatieven), "
          f"{f['agreed']} koppelingen akkoord, {f['rejected_pairs']} afgewezen.")
    print("  Matchset na het overleg: " + _match_line(f)
          + f" Nieuwe initiatieven uit de scan kregen {number(f['scan_hours_matched'])} uur.")
    warned = [name for stage in s.stages for name in stage.warnings]
    failed = [name for stage in s.stages for name, ok in stage.checks.items() if not ok and name not in stage.warnings]
    print(f"  Controles: {sum(len(st.checks) for st in s.stages) - len(failed) - len(warned)} geslaagd"
          + (f", waarschuwing: {', '.join(dict.fromkeys(warned))}" if warned else "")
          + (f", niet geslaagd: {', '.join(failed)}" if failed else "") + ".")
    print(f"Rapporten: {s.out_dir} (per gemeente een map <code>_<naam>/, overzicht in overzicht/)")
    print(f"Warehouse: {s.warehouse}")
    print("Dagster-runs: " + ", ".join(f"{st.job} {st.run_id[:8]}" for st in s.stages))
    print(f"Bekijk ze met: DAGSTER_HOME={s.dagster_home} .venv/bin/dagster dev -h 127.0.0.1")
    return 0
