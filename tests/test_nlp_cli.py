"""The `pnet classify` / `pnet evaluate` contract: JSONL in, JSONL out, order kept, '-' for stdin/stdout."""

from __future__ import annotations

import io
import json

from pnet.cli import main

FIELDS = {"id", "is_initiative", "score", "gemeentecode", "themes", "evidence"}
RECORDS = [
    {"id": "z1", "text": "Storm zorgt voor omgewaaide bomen; de brandweer rukte twintig keer uit."},
    {
        "id": 7,
        "title": "Buurtbus rijdt",
        "text": "Vrijwilligers uit het dorp hebben zelf een buurtbus opgezet, zodat ouderen naar de markt kunnen.",
        "url": "https://voorbeeld.nl/nieuws/zwolle/buurtbus",
        "source_gemeenten": ["GM0193"],
    },
    {"id": "a3", "text": "De gemeenteraad heeft de begroting aangenomen; de oppositie stemde tegen."},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_classify_file_to_file_keeps_order_and_fields(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, RECORDS)
    assert main(["classify", str(src), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["z1", 7, "a3"]
    assert all(set(r) == FIELDS for r in rows)
    assert [r["is_initiative"] for r in rows] == [False, True, False]
    assert rows[1]["gemeentecode"] == "GM0193"
    assert "mobiliteit" in rows[1]["themes"]


def test_classify_stdin_to_stdout(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(r) + "\n" for r in RECORDS)))
    assert main(["classify", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["z1", 7, "a3"]


def test_bad_lines_are_reported_and_the_rest_classified(tmp_path, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        json.dumps(RECORDS[0]) + "\n" + "{kapot\n" + json.dumps({"id": "leeg", "text": " "}) + "\n\n" + json.dumps(RECORDS[2]) + "\n",
        encoding="utf-8",
    )
    assert main(["classify", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "regel 2: geen geldige JSON" in err
    assert "regel 3 (id leeg)" in err
    assert "2 regels geclassificeerd, 2 overgeslagen" in err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["z1", "a3"]


def test_input_saved_by_an_editor_is_read_whole(tmp_path):
    """A BOM (Notepad), UTF-16 or Windows-1252 input loses no line."""
    text = "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in RECORDS[:2])
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        src, out = tmp_path / f"{encoding}.jsonl", tmp_path / f"{encoding}.out.jsonl"
        src.write_bytes(text.encode(encoding))
        assert main(["classify", str(src), "-o", str(out)]) == 0, encoding
        assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["z1", 7]


def test_fields_of_the_wrong_type_and_lone_surrogates_are_reported_not_raised(tmp_path, capsys):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text('{"id": "u", "text": "Buurtbus", "url": 42}\n{"id": "s", "text": "Buurtbus tr\\ud800ail"}\n', encoding="utf-8")
    assert main(["classify", str(src), "-o", str(out)]) == 1
    assert "regel 1 (id u): 'url' moet tekst zijn." in capsys.readouterr().err
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["s"]


def test_missing_input_is_a_dutch_error_not_a_traceback(tmp_path, capsys):
    assert main(["classify", str(tmp_path / "bestaat-niet.jsonl")]) == 1
    assert capsys.readouterr().err == f"fout: {tmp_path / 'bestaat-niet.jsonl'} bestaat niet (of de map waarin het moet komen bestaat niet).\n"
    src = tmp_path / "in.jsonl"
    write_jsonl(src, RECORDS[:1])
    assert main(["classify", str(src), "-o", str(tmp_path)]) == 1  # a folder as output
    assert capsys.readouterr().err == f"fout: {tmp_path} is een map; geef een bestand op.\n"


def test_evaluate_prints_scores_and_confusion_table(tmp_path, capsys):
    src = tmp_path / "labelled.jsonl"
    labels = ["other", "initiative", "initiative"]  # the third is labelled wrongly on purpose: one false negative
    write_jsonl(src, [dict(r, label=label) for r, label in zip(RECORDS, labels)])
    assert main(["evaluate", str(src)]) == 0
    out = capsys.readouterr().out
    assert "precisie      1.000" in out
    assert "recall        0.500" in out
    assert "F1            0.667" in out
    table = {line[:18].strip(): line[18:].split() for line in out.splitlines() if line.startswith("echt ")}
    assert table == {"echt initiative": ["1", "1"], "echt other": ["0", "1"]}


def test_scan_output_lines_can_be_classified_by_their_url(tmp_path, capsys):
    scanned = {"url": "https://voorbeeld.nl/nieuws/buurtbus", "source": "Dorpsblad", "kind": "news", "title": "Buurtbus",
               "text": RECORDS[1]["text"], "published": None}  # a line as `pnet scan --out` writes it
    src, out = tmp_path / "items.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, [scanned, {"source": "x", "text": "Zonder adres en zonder id."}])
    assert main(["classify", str(src), "-o", str(out)]) == 1
    assert "regel 2: het veld 'id' ontbreekt." in capsys.readouterr().err
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["id"] == scanned["url"] and row["is_initiative"] is True
