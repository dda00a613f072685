"""`pnet classify`, `pnet train`, `pnet evaluate`: the initiative classifier on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from pnet.cli import add_warehouse_option
from pnet.errors import PnetError


class InputError(PnetError):
    """An input file that cannot be read."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("classify", help="herken burgerinitiatieven, hun gemeente en thema's in een JSONL-bestand")
    p.add_argument("input", metavar="INPUT.jsonl", help="regels {\"id\", \"text\"} (optioneel url, title, source_gemeenten); '-' is stdin")
    p.add_argument("-o", "--output", metavar="OUTPUT.jsonl", default="-", help="uitvoer (standaard '-': stdout)")
    p.add_argument("--model", metavar="PAD", help="een ander getraind model (standaard: het nieuwste)")
    add_warehouse_option(p)
    p.set_defaults(func=run_classify)

    p = sub.add_parser("train", help="train de classifier opnieuw op het corpus plus de feedback uit het warehouse")
    p.add_argument(
        "--basismodel",
        action="store_true",
        help="herbouw het meegeleverde model in nlp/models/ (alleen het corpus, zonder warehouse)",
    )
    add_warehouse_option(p)
    p.set_defaults(func=run_train)

    p = sub.add_parser("evaluate", help="precisie, recall, F1 en verwarringstabel voor een JSONL-bestand met 'label'")
    p.add_argument("file", metavar="FILE.jsonl", help="regels {\"id\", \"text\", \"label\": \"initiative\"|\"other\"}")
    p.add_argument("--model", metavar="PAD", help="een ander getraind model (standaard: het nieuwste)")
    add_warehouse_option(p)
    p.set_defaults(func=run_evaluate)


@contextmanager
def _output(path: str) -> Iterator[IO[str]]:
    """The output file, or stdout for '-' (a path that cannot be written is reported by the CLI, in Dutch)."""
    if path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as fh:
        yield fh


def _read_text(path: str) -> str:
    """The input as text, in UTF-8 or as an editor may have saved it (with a BOM, UTF-16, Windows-1252)."""
    from warehouse.intake.readers import UnreadableFile, decode_text

    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes underneath
            return sys.stdin.read()
        data = stream.read()
    else:
        data = Path(path).read_bytes()
    try:
        return decode_text(data)[0]
    except UnreadableFile:
        raise InputError(f"{path} is geen tekstbestand; verwacht JSONL: één JSON-object per regel.") from None


def read_jsonl(path: str) -> tuple[list[dict], list[str]]:
    """The parsed lines and, for lines that are not JSON objects, a Dutch reason each (blank lines skipped)."""
    rows, rejected = [], []
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            rejected.append(f"regel {number}: geen geldige JSON (fout bij teken {exc.colno}).")
            continue
        if not isinstance(row, dict):
            rejected.append(f"regel {number}: verwacht een JSON-object.")
            continue
        row["_line"] = number
        rows.append(row)
    return rows, rejected


def _valid(rows: list[dict], rejected: list[str]) -> list[dict]:
    from nlp.model import RecordError, validate_record

    valid = []
    for row in rows:
        try:
            valid.append(validate_record(row, row["_line"]))
        except RecordError as exc:
            rejected.append(str(exc))
    return valid


def _classifier(args: argparse.Namespace):
    from nlp.model import current_model_path, load_classifier

    return load_classifier(args.model or current_model_path(args.warehouse))


def run_classify(args: argparse.Namespace) -> int:
    rows, rejected = read_jsonl(args.input)
    records = _valid(rows, rejected)
    results = _classifier(args).classify(records) if records else []
    with _output(args.output) as out:
        for result in results:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    for reason in rejected:
        print(f"overgeslagen: {reason}", file=sys.stderr)
    if rejected:
        print(f"{len(results)} regels geclassificeerd, {len(rejected)} overgeslagen.", file=sys.stderr)
        return 1
    return 0


def run_train(args: argparse.Namespace) -> int:
    from nlp.retrain import retrain

    if args.basismodel:
        from nlp.model import SHIPPED_MODEL
        from nlp.training import SHIPPED_VERSION, train_model

        result = train_model(SHIPPED_MODEL, version=SHIPPED_VERSION)
        print(f"Model opnieuw gebouwd in {result.path} ({result.n_train} trainingsvoorbeelden).")
    else:
        from warehouse.db import connect

        con = connect(args.warehouse)
        try:
            result = retrain(con, warehouse=args.warehouse)
        finally:
            con.close()
        if result.retrained:
            print(
                f"Model {result.model_version} getraind op {result.n_train} voorbeelden "
                f"({result.n_feedback} uit feedback), opgeslagen in {result.path}."
            )
        else:
            print(f"Corpus en feedback zijn niet veranderd sinds model {result.model_version}; dat model blijft in gebruik.")
    m = result.metrics
    print(f"Op het achtergehouden deel van het corpus: precisie {m['precision']:.3f}, recall {m['recall']:.3f}, F1 {m['f1']:.3f}.")
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    from nlp.metrics import binary_metrics

    rows, rejected = read_jsonl(args.file)
    records = []
    for row in _valid(rows, rejected):
        if row.get("label") not in ("initiative", "other"):
            rejected.append(f"regel {row['_line']}: 'label' moet 'initiative' of 'other' zijn.")
        else:
            records.append(row)
    if not records:
        raise InputError(f"{args.file} bevat geen regels met 'id', 'text' en 'label'.")
    results = _classifier(args).classify(records)
    m = binary_metrics([r["label"] == "initiative" for r in records], [r["is_initiative"] for r in results])
    print(f"regels        {m['n']}")
    print(f"precisie      {m['precision']:.3f}")
    print(f"recall        {m['recall']:.3f}")
    print(f"F1            {m['f1']:.3f}")
    print()
    print(f"{'':18}{'voorspeld initiative':>22}{'voorspeld other':>17}")
    print(f"{'echt initiative':18}{m['tp']:>22}{m['fn']:>17}")
    print(f"{'echt other':18}{m['fp']:>22}{m['tn']:>17}")
    for reason in rejected:
        print(f"overgeslagen: {reason}", file=sys.stderr)
    return 1 if rejected else 0

