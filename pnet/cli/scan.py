"""`pnet scan [--sources FILE] [--out items.jsonl]`: scan news and social sources once.
`pnet retention [--days N | --forget HANDLE]`: delete social posts after the retention period, or one author's now."""

from __future__ import annotations

import argparse

from pnet.cli import add_warehouse_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scan", help="scan lokale nieuws- en sociale-mediabronnen op nieuwe berichten")
    p.add_argument("--sources", metavar="FILE", help="bronnenbestand (standaard: $PNET_SOURCES of config/sources.yaml)")
    p.add_argument("--out", metavar="FILE", help="schrijf de nieuwe berichten als JSON Lines naar dit bestand")
    add_warehouse_option(p)
    p.set_defaults(func=run)
    r = sub.add_parser("retention", help="verwijder sociale-mediaberichten na de bewaartermijn (of van één auteur)")
    which = r.add_mutually_exclusive_group()
    which.add_argument("--days", type=int, metavar="N", help="bewaartermijn in dagen (standaard uit config/scan.yaml)")
    which.add_argument("--forget", metavar="HANDLE",
                       help="verwijder nu alle berichten van dit account (verzoek tot verwijdering), bv. naam@server")
    add_warehouse_option(r)
    r.set_defaults(func=run_retention)


def run(args: argparse.Namespace) -> int:
    from pnet.paths import check_output_file
    from scrapers.run import run_scan

    if args.out:
        check_output_file(args.out)  # before the scan: its new items are stored once and not offered again
    summary = run_scan(args.sources, args.warehouse, out_jsonl=args.out)
    print(f"Scan {summary.scan_id}: {len(summary.new_items)} nieuwe berichten, "
          f"waarvan {summary.duplicates} (bijna) gelijk aan een eerder bericht.")
    print("bron\tnieuw\tfouten\tHTTP-statussen\trobots.txt\tal gezien\topmerking")
    for o in summary.outcomes:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(o.http_status.items())) or "-"
        print(f"{o.source}\t{o.items}\t{o.errors}\t{statuses}\t{o.robots_skipped}\t{o.already_seen}\t{o.message or '-'}")
    if args.out:
        print(f"Nieuwe berichten geschreven naar {args.out}")
    return 0


def run_retention(args: argparse.Namespace) -> int:
    from pnet.errors import PnetError
    from scrapers.privacy import apply_retention

    if args.days is not None and args.days < 0:
        raise PnetError(f"--days moet 0 of meer zijn, niet {args.days}.")
    if args.forget is not None and not args.forget.strip("@ "):
        raise PnetError("--forget heeft de naam van het account nodig, bijvoorbeeld naam@server.")
    deleted = apply_retention(args.warehouse, args.days, forget=args.forget)
    what = f"van {args.forget}" if args.forget else "ouder dan de bewaartermijn"
    print(f"{deleted} sociale-mediaberichten {what} verwijderd" + (", en uit het warehousebestand gewist." if deleted else "."))
    return 0
