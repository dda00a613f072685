"""`pnet intake` and `pnet templates`: files for a round (registrations, meeting decisions, evaluations)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from pnet.cli import add_warehouse_option
from pnet.formatting import number

if TYPE_CHECKING:
    from warehouse.intake import FileReport


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("intake", help="lees aanmeldingen, besluiten of evaluaties in uit .xlsx/.csv/.tsv")
    p.add_argument("files", nargs="+", metavar="FILE", help="aangeleverde bestanden")
    p.add_argument("--round", dest="round_id", required=True, metavar="ID", help="ronde-id, bijv. 2027-R1")
    p.add_argument("--json", action="store_true", help="per bestand één JSON-object per regel")
    p.add_argument("--archive-dir", type=Path, help="archiefmap (standaard: config/pnet.yaml, naast het warehouse)")
    p.add_argument("--receipts-dir", type=Path, help="map voor ontvangstbevestigingen (standaard: idem)")
    add_warehouse_option(p)
    p.set_defaults(func=run_intake)

    t = sub.add_parser("templates", help="schrijf de sjablonen (.xlsx): aanmelding initiatieven en consultants, "
                       "besluiten en evaluatie")
    t.add_argument("--round", dest="round_id", metavar="ID",
                   help="alleen de gemeenten van deze ronde in de keuzelijst; evaluatie met de koppelingen van de ronde")
    t.add_argument("--out", required=True, type=Path, metavar="DIR", help="map voor de sjablonen")
    add_warehouse_option(t)
    t.set_defaults(func=run_templates)


def run_intake(args: argparse.Namespace) -> int:
    from warehouse.db import connect
    from warehouse.intake import ingest_files

    con = connect(args.warehouse)
    try:
        reports = ingest_files(con, args.files, args.round_id, args.archive_dir, args.receipts_dir)
    finally:
        con.close()
    for r in reports:
        if args.json:
            print(json.dumps(r.as_json(), ensure_ascii=False))
        else:
            print(_describe(r))
    return 0 if all(r.readable for r in reports) else 2


def _describe(r: FileReport) -> str:
    """Dutch lines for one file: counts, each problem, and where the receipt is."""
    from warehouse.intake.kinds import get_kind

    if r.error is not None:
        return f"{r.file}: niet ingelezen. {r.error}"
    kind = get_kind(r.kind)
    counts = (
        f"{kind.label}, {number(r.rows)} rijen: {number(r.accepted)} geladen, {number(r.rejected)} afgewezen, "
        f"{number(r.duplicates)} dubbel (bijgewerkt)"
    )
    if r.already_received:
        return (
            f"{r.file}: al ontvangen op {r.received_at:%d-%m-%Y %H:%M} voor ronde {r.round_id} en niet opnieuw "
            f"ingelezen (toen: {counts})."
        )
    skipped = f" Niet verwerkt: {number(r.skipped)} {kind.skip_label}." if kind.skip is not None else ""
    lines = [f"{r.file}: {counts}.{skipped}"]
    lines += [f"  {e.reason}" for e in r.errors]
    lines.append(f"  Ontvangstbevestiging: {r.receipt_path}")
    return "\n".join(lines)


def run_templates(args: argparse.Namespace) -> int:
    from reports.forms import write_forms
    from warehouse.db import connect
    from warehouse.intake.templates import write_templates
    from warehouse.rounds import get_round

    gemeenten, label = None, "alle gemeenten"
    con = connect(args.warehouse, read_only=True) if args.round_id else None
    try:
        if con is not None:
            rnd = get_round(con, args.round_id)
            gemeenten, label = [g.naam for g in rnd.gemeenten], f"de {len(rnd.gemeenten)} gemeenten van ronde {rnd.round_id}"
        for path in write_templates(args.out, gemeenten, args.round_id):
            print(f"{path} (keuzelijst gemeente: {label})")
        decisions, evaluation = write_forms(args.out, con, args.round_id)
    finally:
        if con is not None:
            con.close()
    print(f"{decisions} (besluiten van het overleg, met de hand in te vullen)")
    print(f"{evaluation} (evaluatie" + (f" van de koppelingen van ronde {args.round_id})" if args.round_id else ", leeg)"))
    return 0
