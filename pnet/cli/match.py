"""`pnet match`: assign consultants to initiatives from CSV files (never in their own municipality)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("match", help="koppel consultants aan initiatieven (uit CSV-bestanden)")
    p.add_argument("--initiatives", required=True, metavar="I.csv", help="initiative_id, gemeentecode, hours_needed [, priority, themes, text]")
    p.add_argument("--consultants", required=True, metavar="C.csv", help="consultant_id, gemeentecode, hours_available [, themes, text]")
    p.add_argument("--scores", metavar="S.csv", help="initiative_id, consultant_id, score: alleen deze paren zijn kandidaat")
    p.add_argument("--max-team", type=int, default=None, metavar="N", help="maximaal aantal consultants per initiatief (standaard 2)")
    p.add_argument("--min-block", type=int, default=None, metavar="H", help="minimaal aantal uren per koppeling (standaard 8)")
    p.add_argument("--min-score", type=float, default=None, metavar="S", help="paren onder deze score worden nooit voorgesteld (standaard 0,2)")
    p.add_argument("--fairness", choices=("on", "off"), default=None, help="tweede stap: eerlijke verdeling over gemeenten")
    p.add_argument("--time-limit", type=float, default=None, metavar="SECONDS", help="rekentijd in seconden (standaard 60)")
    p.add_argument("-o", "--output", required=True, metavar="M.csv", help="het resultaat: de koppelingen met toelichting ('-': standaarduitvoer)")
    p.add_argument("--json", action="store_true", help="druk de samenvatting af als één JSON-regel")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from matching.files import match_files
    from matching.params import MatchParams
    from pnet.formatting import hours, number

    overrides = {
        "max_team": args.max_team,
        "min_block": args.min_block,
        "min_score": args.min_score,
        "time_limit": args.time_limit,
        "fairness": None if args.fairness is None else args.fairness == "on",
    }
    params = MatchParams(**{k: v for k, v in overrides.items() if v is not None})
    result = match_files(args.initiatives, args.consultants, args.scores, params, args.output)
    for warning in result.warnings:
        print(f"let op: {warning}", file=sys.stderr)
    summary = result.summary()
    out = sys.stderr if args.output == "-" else sys.stdout  # with '-o -' the match set itself is on stdout
    if args.json:
        print(json.dumps(summary, ensure_ascii=False), file=out)
    else:
        print(f"{summary['matches']} koppelingen, {hours(summary['hours_matched'])} van {hours(summary['hours_needed'])} "
              f"gevraagde uren ({hours(summary['hours_available'])} beschikbaar); geschreven naar "
              f"{'standaarduitvoer' if args.output == '-' else args.output}", file=out)
        print(f"doelwaarde {number(summary['objective'], 4)}, bovengrens {number(summary['bound'], 4)}, "
              f"gap {number(summary['gap'] * 100, 4)} % ({summary['status']}, {number(summary['seconds'], 1)} s)", file=out)
        if summary["fairness_ratio"] is not None:
            print(f"eerlijkheid: laagste verhouding ontvangen/eerlijk deel {number(summary['fairness_ratio'], 3)}", file=out)
    if result.violations:
        for v in result.violations:
            print(f"fout: {v.message}", file=sys.stderr)
        return 1
    return 0
