"""The `pnet` command line: one subcommand module per part of the pipeline."""

from __future__ import annotations

import argparse
import importlib
import sys

from pnet.errors import PnetError, file_error_message

# Each module defines `register(subparsers)`; its handlers return an exit status.
COMMAND_MODULES = [
    "pnet.cli.reference",
    "pnet.cli.rounds",
    "pnet.cli.costs",
    "pnet.cli.demo",
    "pnet.cli.report",
    "pnet.cli.registrations",
    "pnet.cli.scan",
    "pnet.cli.match",
    "pnet.cli.classify",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pnet",
        description="Participatienetwerk: vind burgerinitiatieven en koppel ze aan consultants uit andere gemeenten.",
    )
    add_warehouse_option(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def add_warehouse_option(parser: argparse.ArgumentParser) -> None:
    """`--warehouse PATH`, accepted before or after the subcommand."""
    parser.add_argument(
        "--warehouse",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="DuckDB-warehouse (standaard: $PNET_WAREHOUSE of ./data/warehouse.duckdb)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "warehouse"):
        args.warehouse = None
    try:
        return int(args.func(args) or 0)
    except PnetError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except OSError as exc:  # a path the user gave that cannot be read or written
        print(f"fout: {file_error_message(exc)}.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
