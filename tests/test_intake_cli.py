"""`pnet intake --json` and `pnet templates`: the CLI contract."""

from __future__ import annotations

import json
import zipfile

import openpyxl

from pnet.cli import main
from tests.intake_files import CONSULTANT_HEADER, INITIATIVE_HEADER, ROUND, consultant, initiative, make_round, write_text
from warehouse.db import connect

KEYS = ["file", "kind", "rows", "accepted", "rejected", "duplicates", "errors"]


def _setup(warehouse_path):
    con = connect(warehouse_path)
    make_round(con)
    con.close()


def test_json_lines_per_file_and_exit_status(warehouse_path, tmp_path, capsys):
    _setup(warehouse_path)
    good = write_text(tmp_path / "init.csv", [INITIATIVE_HEADER, initiative(), initiative(uren_gevraagd="veel", titel="B"),
                                              initiative(titel="buurtmoestuin de brink")], ";")
    bad = tmp_path / "foto.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert main(["intake", str(good), str(bad), "--round", ROUND, "--json"]) == 2
    lines = capsys.readouterr().out.splitlines()
    first, second = (json.loads(line) for line in lines)
    assert list(first) == KEYS
    assert first == {
        "file": str(good), "kind": "initiatives", "rows": 3, "accepted": 1, "rejected": 1, "duplicates": 1,
        "errors": [{"row": 3, "column": "uren_gevraagd", "reason": "rij 3, kolom uren_gevraagd: 'veel' is geen aantal uren"}],
    }
    assert list(second) == KEYS + ["error"]
    assert second["kind"] is None and second["rows"] == 0
    assert second["error"].startswith("Dit is een afbeelding (PNG), geen spreadsheet.")

    assert main(["intake", str(good), "--round", ROUND, "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again == {**first, "already_received": True}


def test_human_output_and_unknown_round(warehouse_path, tmp_path, capsys):
    _setup(warehouse_path)
    path = write_text(tmp_path / "c.csv", [CONSULTANT_HEADER, consultant(), consultant("x", naam="Kees")])
    assert main(["intake", str(path), "--round", ROUND]) == 0
    out = capsys.readouterr().out
    assert f"{path}: consultants, 2 rijen: 1 geladen, 1 afgewezen, 0 dubbel (bijgewerkt)." in out
    assert "  rij 3, kolom email: 'x' is geen geldig e-mailadres" in out
    assert "Ontvangstbevestiging: " in out
    assert main(["intake", str(path), "--round", "NOPE"]) == 1
    assert capsys.readouterr().err.startswith("fout: Ronde NOPE bestaat niet")


def test_templates_have_headers_dropdowns_and_round_trip(warehouse_path, tmp_path, capsys):
    _setup(warehouse_path)
    assert main(["templates", "--round", ROUND, "--out", str(tmp_path / "tpl")]) == 0
    ini = tmp_path / "tpl" / "aanmelding_initiatieven.xlsx"
    wb = openpyxl.load_workbook(ini)
    assert wb.sheetnames == ["Instructie", "Aanmeldingen", "Lijsten"]
    assert wb["Lijsten"].sheet_state == "hidden"
    ws = wb["Aanmeldingen"]
    assert [c.value for c in ws[1]] == INITIATIVE_HEADER
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert rules["A2"].type == "list" and rules["A2"].formula1 == "Lijsten!$A$2:$A$5"
    assert [wb["Lijsten"].cell(r, 1).value for r in range(2, 6)] == ["Amersfoort", "Bunnik", "De Bilt", "Zeist"]
    assert rules["H2"].type == "list" and rules["H2"].formula1 == "Lijsten!$B$2:$B$21"
    assert rules["I2"].type == "decimal" and rules["I2"].formula2 == "400"
    ws.append(initiative(themas="Groen & openbare ruimte"))
    wb.save(ini)
    assert main(["intake", str(ini), "--round", ROUND, "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["accepted"] == 1

    assert main(["templates", "--out", str(tmp_path / "all")]) == 0
    lists = openpyxl.load_workbook(tmp_path / "all" / "aanmelding_consultants.xlsx")["Lijsten"]
    assert lists.max_row == 343  # header + all 342 municipalities


def test_damaged_files_are_reported_and_the_other_files_still_taken_in(warehouse_path, tmp_path, capsys):
    _setup(warehouse_path)
    good = write_text(tmp_path / "goed.csv", [CONSULTANT_HEADER, consultant()], ";")
    cut = tmp_path / "afgekapt.txt"
    cut.write_bytes("\t".join(CONSULTANT_HEADER).encode("utf-16")[:-1])
    lone = tmp_path / "surrogaat.txt"
    lone.write_bytes("\t".join(CONSULTANT_HEADER).encode("utf-16") + b"\x00\xd8")
    sheet = tmp_path / "kapotte_sheet.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(INITIATIVE_HEADER)
    wb.active.append(initiative())
    wb.save(sheet)
    with zipfile.ZipFile(sheet) as z:
        members = {name: z.read(name) for name in z.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"][:-150]
    with zipfile.ZipFile(sheet, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    assert main(["intake", str(cut), str(sheet), str(good), str(lone), "--round", ROUND]) == 2
    out = capsys.readouterr().out
    for damaged in (cut, sheet, lone):
        assert f"{damaged}: niet ingelezen. Het bestand is beschadigd" in out
    assert f"{good}: consultants, 1 rijen: 1 geladen, 0 afgewezen, 0 dubbel (bijgewerkt)." in out
