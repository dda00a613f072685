"""Contract of `pnet match`: flags, M.csv columns, the JSON line, and Dutch errors without tracebacks."""

from __future__ import annotations

import csv
import json

import pytest

from matching.csv_io import MATCH_COLUMNS
from pnet.cli import main

INITIATIVES = """initiative_id,gemeentecode,hours_needed,priority,themes,text
I1,Zeist,24,1,energie;financiering,Energiecoöperatie zoekt hulp bij subsidieaanvraag voor zonnepanelen
I2,GM0307,16,2,zorg,Buurthuiskamer tegen eenzaamheid van ouderen
I3,De Bilt,40,1,Vergunningen & Omgevingswet,Voedselbos heeft een omgevingsvergunning nodig
"""
CONSULTANTS = """consultant_id,gemeentecode,hours_available,themes,text
c1,Amersfoort,40,energie;financiering,subsidies en energietransitie
c2,Zeist,32,zorg;vergunningen,omgevingswet en vergunningverlening
c3,Soest,24,zorg,welzijn ouderen mantelzorg
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "I.csv").write_text(INITIATIVES, encoding="utf-8")
    (tmp_path / "C.csv").write_text(CONSULTANTS, encoding="utf-8")
    return tmp_path


def run(tmp_path, *extra):
    return main(["match", "--initiatives", str(tmp_path / "I.csv"), "--consultants", str(tmp_path / "C.csv"),
                 "-o", str(tmp_path / "M.csv"), "--time-limit", "10", *extra])


def read_m(tmp_path):
    with open(tmp_path / "M.csv", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def test_match_writes_the_match_set_and_reports_bound_and_gap(files, capsys):
    assert run(files) == 0
    out = capsys.readouterr().out
    assert "bovengrens" in out and "gap" in out
    header, rows = read_m(files)
    assert tuple(header) == MATCH_COLUMNS
    pairs = {(r["initiative_id"], r["consultant_id"]): int(r["hours"]) for r in rows}
    assert pairs == {("I1", "c1"): 24, ("I2", "c3"): 16, ("I3", "c2"): 32}
    assert all(r["gemeente_initiatief"] != r["gemeente_consultant"] for r in rows)
    assert all(r["toelichting"].startswith("score ") for r in rows)


def test_json_line(files, capsys):
    assert run(files, "--json", "--fairness", "on", "--max-team", "1", "--min-block", "4", "--min-score", "0.1") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    summary = json.loads(lines[0])
    assert summary["bound"] >= summary["objective"] > 0
    assert summary["gap"] == pytest.approx((summary["bound"] - summary["objective"]) / summary["bound"], abs=1e-5)
    assert summary["violations"] == 0 and summary["fairness_ratio"] is not None


def test_scores_file_limits_the_candidates(files):
    (files / "S.csv").write_text("initiative_id,consultant_id,score\nI1,c3,0.5\nI2,c2,0.9\nI3,c2,0.4\n", encoding="utf-8")
    # I1 (Zeist) / c3 (Soest) and I2 (Amersfoort) / c2 (Zeist) are allowed; only listed pairs may appear
    assert run(files, "--scores", str(files / "S.csv")) == 0
    _, rows = read_m(files)
    got = {(r["initiative_id"], r["consultant_id"]) for r in rows}
    assert got <= {("I1", "c3"), ("I2", "c2"), ("I3", "c2")}
    assert ("I2", "c2") in got and float(next(r for r in rows if r["initiative_id"] == "I2")["score"]) == 0.9


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ("initiative_id,consultant_id,score\nI9,c3,0.5\n", "S.csv regel 2: initiatief 'I9' staat niet in het initiatievenbestand."),
        ("initiative_id,consultant_id,score\nI1,c9,0.5\n", "S.csv regel 2: consultant 'c9' staat niet in het consultantsbestand."),
        ("initiative_id,consultant_id,score\nI1,c3,1.5\n", "S.csv regel 2: score 1.5 ligt niet tussen 0 en 1."),
        ("initiative_id,consultant_id\nI1,c3\n", "S.csv mist de kolom(men) score"),
        ("initiative_id,consultant_id,score\nI1,c3,0.9\nI1,c3,0.1\n", "S.csv regel 3: het paar I1 - c3 staat ook op regel 2."),
    ],
)
def test_bad_scores_file_gives_a_dutch_error(files, capsys, scores, message):
    (files / "S.csv").write_text(scores, encoding="utf-8")
    assert run(files, "--scores", str(files / "S.csv")) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ";"), ("cp1252", ";"), ("utf-16", "\t"), ("utf-8", ",")])
def test_csv_as_spreadsheet_programs_save_it_is_read(files, encoding, delimiter):
    text = "initiative_id;gemeentecode;hours_needed;text\nI1;Zeist;16;Coöperatie zoekt één adviseur\n"
    (files / "I.csv").write_bytes(text.replace(";", delimiter).encode(encoding))
    assert run(files, "--min-score", "0") == 0
    _, rows = read_m(files)
    assert {r["initiative_id"] for r in rows} == {"I1"}


def test_a_file_that_is_no_text_is_named(files, capsys):
    (files / "I.csv").write_bytes(b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)))  # binary, e.g. a workbook named .csv
    assert run(files) == 1
    assert "I.csv is geen tekstbestand (CSV) in UTF-8, UTF-16 of Windows-1252." in capsys.readouterr().err


def test_missing_theme_elsewhere_is_explained(files, capsys):
    (files / "I.csv").write_text("initiative_id,gemeentecode,hours_needed,themes\nI1,Zeist,16,wonen\n", encoding="utf-8")
    (files / "C.csv").write_text("consultant_id,gemeentecode,hours_available,themes\nc1,Zeist,40,wonen\nc2,Groningen,40,zorg\n", encoding="utf-8")
    assert run(files) == 1
    err = capsys.readouterr().err
    assert "geen consultant uit een andere gemeente heeft thema 'Wonen'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "initiatives, message",
    [
        ("initiative_id,gemeentecode\nI1,Zeist\n", "mist de kolom(men) hours_needed"),
        ("initiative_id,gemeentecode,hours_needed\nI1,Zeist,veel\n", "regel 2: hours_needed 'veel' is geen getal"),
        ("initiative_id,gemeentecode,hours_needed\nI1,Nergenshuizen,8\n", "Onbekende gemeente"),
        ("initiative_id,gemeentecode,hours_needed,themes\nI1,Zeist,8,ruimtevaart\n", "onbekend thema 'ruimtevaart'"),
        ("initiative_id,gemeentecode,hours_needed\nI1,Zeist,8\nI1,Soest,8\n", "staat ook op regel 2"),
        ("initiative_id,gemeentecode,hours_needed\n", "bevat geen regels"),
        ("initiative_id,gemeentecode,hours_needed\nI1,Zeist,1.000\n", "regel 2: hours_needed 1.000 ligt niet tussen 0 en 400"),
        ("initiative_id,gemeentecode,hours_needed\nI1,Zeist,inf\n", "regel 2: hours_needed 'inf' is geen getal"),
        ("initiative_id,gemeentecode,hours_needed\nI1,Zeist,1_000\n", "regel 2: hours_needed '1_000' is geen getal"),
    ],
)
def test_bad_input_gives_a_dutch_error(files, capsys, initiatives, message):
    (files / "I.csv").write_text(initiatives, encoding="utf-8")
    assert run(files) == 1
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--max-team", "0"], "--max-team moet minimaal 1 zijn (gegeven: 0)"),
        (["--min-block", "0"], "--min-block moet minimaal 1 uur zijn"),
        (["--min-score", "1.5"], "--min-score moet tussen 0 en 1 liggen (gegeven: 1.5)"),
        (["--time-limit", "0"], "--time-limit moet een positief aantal seconden zijn"),
        (["--time-limit", "nan"], "--time-limit moet een positief aantal seconden zijn"),
        (["--time-limit", "inf"], "--time-limit moet een positief aantal seconden zijn"),
    ],
)
def test_bad_limits_are_refused_in_dutch(files, capsys, flags, message):
    assert run(files, *flags) == 1
    assert message in capsys.readouterr().err
    assert not (files / "M.csv").exists()


def test_a_missing_input_file_is_named(files, capsys):
    assert main(["match", "--initiatives", str(files / "nope.csv"), "--consultants", str(files / "C.csv"), "-o", str(files / "M.csv")]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_formula_text_is_neutralised(files):
    (files / "I.csv").write_text("initiative_id,gemeentecode,hours_needed\n=HYPERLINK(1),Zeist,16\n", encoding="utf-8")
    assert run(files, "--min-score", "0") == 0
    _, rows = read_m(files)
    assert rows[0]["initiative_id"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize(("output", "message"), [("", "is een map; geef een bestandsnaam op"), ("nergens/M.csv", "bestaat niet; maak haar eerst aan")])
def test_an_output_that_cannot_be_written_is_refused_before_matching(files, capsys, output, message):
    assert main(["match", "--initiatives", str(files / "I.csv"), "--consultants", str(files / "C.csv"), "-o", str(files / output)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_dash_writes_the_match_set_to_stdout_and_the_summary_to_stderr(files, capsys):
    assert main(["match", "--initiatives", str(files / "I.csv"), "--consultants", str(files / "C.csv"), "-o", "-",
                 "--time-limit", "10"]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(captured.out.splitlines()))
    assert {(r["initiative_id"], r["consultant_id"]) for r in rows} == {("I1", "c1"), ("I2", "c3"), ("I3", "c2")}
    assert "geschreven naar standaarduitvoer" in captured.err and not (files / "-").exists()


def test_without_themes_the_other_components_decide(files):
    """Themes are optional: left out of both files, text and travel make the whole score."""
    for name in ("I.csv", "C.csv"):
        lines = (files / name).read_text(encoding="utf-8").splitlines()
        cut = lines[0].split(",").index("themes")
        (files / name).write_text("\n".join(",".join(p for k, p in enumerate(line.split(",")) if k != cut) for line in lines) + "\n",
                                  encoding="utf-8")
    assert run(files) == 0
    _, rows = read_m(files)
    assert {r["initiative_id"] for r in rows} == {"I1", "I2", "I3"}
    assert all(r["themes"] == "" for r in rows) and all(float(r["score"]) >= 0.2 for r in rows)



def test_match_files_name_themes_as_the_intake_does(tmp_path):
    from matching.csv_io import read_initiatives

    path = tmp_path / "I.csv"
    path.write_text("initiative_id;gemeentecode;hours_needed;themes\nI1;Zeist;8;Energie en duurzaamheid, subsidies | FINANCIERING\n",
                    encoding="utf-8")
    assert list(read_initiatives(path).themes[0]) == ["energie", "financiering"]
