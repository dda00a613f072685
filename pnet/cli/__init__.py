"""The `pnet` command line: one subcommand module per part of the pipeline."""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from typing import NoReturn

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


# argparse's own messages, in Dutch (the coordinator reads them); anything else is shown as argparse wrote it
_DUTCH_ERRORS = [
    (re.compile(r"the following arguments are required: (.+)"), r"deze opties ontbreken: \1"),
    (re.compile(r"one of the arguments (.+) is required"), r"geef één van deze opties: \1"),
    (re.compile(r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)"), r"\1: \2 kan niet; kies uit \3"),
    (re.compile(r"argument (\S+): invalid float value: (.+)"), r"\1: \2 is geen getal"),
    (re.compile(r"argument (\S+): invalid int value: (.+)"), r"\1: \2 is geen geheel getal"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 heeft een waarde nodig"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"\1 en \2 gaan niet samen"),
    (re.compile(r"unrecognized arguments: (.+)"), r"onbekende opties: \1"),
    (re.compile(r"argument (\S+): (.+)"), r"\1: \2"),  # from our own type functions, already Dutch
]


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with its error messages and headings in Dutch."""

    def error(self, message: str) -> NoReturn:
        for pattern, dutch in _DUTCH_ERRORS:
            if pattern.fullmatch(message):
                message = pattern.sub(dutch, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "gebruik:", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "gebruik:", 1)
        text = text.replace("\npositional arguments:\n", "\nargumenten:\n").replace("\noptions:\n", "\nopties:\n")
        return text.replace("show this help message and exit", "toon deze hulp en stop")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
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
