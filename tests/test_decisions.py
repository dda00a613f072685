"""Decision round-trip: reports out, decision columns filled in with openpyxl, intake, re-match."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import dagster as dg
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.params import MatchParams
from matching.round import match_round
from pipelines.registrations import IntakeConfig, round_registrations
from pipelines.resources import WarehouseResource
from pnet.cli import main
from reports.build import write_round_reports
from tests.reports_data import BERGEN, DEN_BOSCH, NUENEN, ROUND, fill_round
from warehouse.db import connect
from warehouse.intake import ingest_files
from warehouse.intake.summary import accounting_problems


def fill_in(path: Path, out: Path, sheet: str, changes: list[tuple[dict, dict]]) -> Path:
    """Copy workbook `path` to `out`, setting cells by header name in the rows whose keys match."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = {cell.value: cell.column for cell in ws[1]}
    for keys, values in changes:
        rows = [r for r in range(2, ws.max_row + 1)
                if all(ws.cell(r, header[k]).value == v for k, v in keys.items())]
        assert len(rows) == 1, (keys, rows)
        for name, value in values.items():
            ws.cell(rows[0], header[name]).value = value
    wb.save(out)
    return out


def _package(paths, code: str) -> Path:
    return next(g.xlsx for g in paths.gemeenten if g.gemeentecode == code)


def _ingest(con, tmp_path, *files):
    return ingest_files(con, list(files), ROUND, tmp_path / "archief", tmp_path / "bevestigingen")


@pytest.fixture
def filled_package(con, tmp_path):
    """The 's-Hertogenbosch package with decisions filled in: two match decisions, two candidate verdicts."""
    fill_round(con)
    paths = write_round_reports(con, ROUND, tmp_path / "rapporten")
    package = _package(paths, DEN_BOSCH)
    step = fill_in(package, tmp_path / "stap.xlsx", "Matches", [
        ({"initiative_id": "I1", "consultant_id": "C1"}, {"Besluit": "akkoord", "Uren": 20}),
        ({"initiative_id": "I1", "consultant_id": "C4"}, {"Besluit": "afgewezen"}),
    ])
    return fill_in(step, tmp_path / "besluiten_den_bosch.xlsx", "Kandidaten", [
        ({"item_id": "M1"}, {"Beoordeling": "relevant"}),
        ({"item_id": "M2"}, {"Beoordeling": "niet relevant"}),
    ])


def test_package_decisions_are_taken_in_with_receipt_and_ledger(con, tmp_path, filled_package):
    (report,) = _ingest(con, tmp_path, filled_package)

    assert report.kind == "decisions" and report.error is None
    # decided: I1/C1, I1/C4, I2/C2 (pre-filled akkoord: a duplicate of the stored decision), M1, M2;
    # the alternate I1/C5 has no decision: skipped, not a row of the accounting
    assert (report.rows, report.accepted, report.rejected, report.duplicates, report.skipped) == (5, 4, 0, 1, 1)
    assert "'Kandidaten'" in report.file_format and "'Matches'" in report.file_format
    decisions = con.execute(
        "SELECT initiative_id, consultant_id, decision, hours, source_sha256 = ? FROM match_decisions "
        "WHERE round_id = ? ORDER BY ALL", [report.sha256, ROUND]).fetchall()
    assert decisions == [("I1", "C1", "akkoord", 20, True), ("I1", "C4", "afgewezen", None, True),
                         ("I2", "C2", "akkoord", 40, True)]
    feedback = con.execute(
        "SELECT item_id, round_id, gemeentecode, label FROM candidate_feedback ORDER BY item_id").fetchall()
    assert feedback == [("M1", ROUND, DEN_BOSCH, "relevant"), ("M2", ROUND, DEN_BOSCH, "niet relevant"),
                        ("M5", "2026-R2", DEN_BOSCH, "niet relevant"), ("M6", ROUND, BERGEN, "relevant")]

    ledger = con.execute(
        "SELECT sheet, row_number, outcome, record_id FROM intake_rows WHERE sha256 = ? ORDER BY ALL",
        [report.sha256]).fetchall()
    assert [(s, o, r) for s, _, o, r in ledger] == [
        ("Kandidaten", "loaded", f"kandidaat:M1@{DEN_BOSCH}"), ("Kandidaten", "loaded", f"kandidaat:M2@{DEN_BOSCH}"),
        ("Matches", "loaded", "match:I1/C1"), ("Matches", "loaded", "match:I1/C4"),
        ("Matches", "duplicate", "match:I2/C2"),
    ]
    assert con.execute("SELECT kind, skipped FROM intake_files WHERE sha256 = ?", [report.sha256]).fetchone() == (
        "decisions", 1)
    assert accounting_problems(con, ROUND, "decisions") == []

    receipt = openpyxl.load_workbook(report.receipt_path)
    summary = dict(receipt["Ontvangstbevestiging"].iter_rows(min_row=3, values_only=True))
    assert summary["Soort bestand"] == "besluiten"
    assert summary["Niet verwerkt: regels zonder besluit (Beoordeling en Besluit leeg)"] == "1"
    loaded = list(receipt["Geladen"].iter_rows(min_row=2, values_only=True))
    assert ("Matches", 3, "match:I1/C4", "match I1 / C4: afgewezen") in loaded
    assert ("Kandidaten", "relevant") in {(r[0], r[3].rsplit(": ", 1)[1]) for r in loaded}
    assert [r[:3] for r in receipt["Dubbel"].iter_rows(min_row=2, values_only=True)] == [("Matches", 5, "match:I2/C2")]

    again = _ingest(con, tmp_path, filled_package)[0]
    assert again.already_received and again.skipped == 1


def test_regenerated_report_shows_the_decisions(con, tmp_path, filled_package):
    _ingest(con, tmp_path, filled_package)
    paths = write_round_reports(con, ROUND, tmp_path / "opnieuw")
    ws = openpyxl.load_workbook(_package(paths, DEN_BOSCH))["Matches"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert {(r["initiative_id"], r["consultant_id"]): r["Besluit"] for r in rows} == {
        ("I1", "C1"): "akkoord", ("I1", "C4"): "afgewezen", ("I2", "C2"): "akkoord", ("I1", "C5"): None}
    kandidaten = openpyxl.load_workbook(_package(paths, DEN_BOSCH))["Kandidaten"]
    header = [c.value for c in kandidaten[1]]
    assert {r[header.index("item_id")]: r[header.index("Beoordeling")]
            for r in kandidaten.iter_rows(min_row=2, values_only=True)} == {"M1": "relevant", "M2": "niet relevant"}


def test_overview_decisions_are_taken_in(con, tmp_path):
    fill_round(con)
    paths = write_round_reports(con, ROUND, tmp_path / "rapporten")
    filled = fill_in(paths.overview_xlsx, tmp_path / "overzicht.xlsx", "Matches", [
        ({"initiative_id": "I3", "consultant_id": "C2"}, {"Besluit": "akkoord", "Uren": 12}),
        ({"initiative_id": "I4", "consultant_id": "C4"}, {"Besluit": "afgewezen"}),
    ])
    (report,) = _ingest(con, tmp_path, filled)
    assert (report.kind, report.rows, report.accepted, report.duplicates, report.rejected) == ("decisions", 3, 2, 1, 0)
    assert con.execute(
        "SELECT decision, hours FROM match_decisions WHERE initiative_id = 'I3' AND consultant_id = 'C2'"
    ).fetchone() == ("akkoord", 12)


def test_bad_decisions_are_rejected_with_a_dutch_reason(con, tmp_path, filled_package):
    changed = fill_in(filled_package, tmp_path / "fout.xlsx", "Matches", [
        ({"initiative_id": "I1", "consultant_id": "C5"}, {"Besluit": "akkoord", "Uren": None}),  # alternate, no hours
        ({"initiative_id": "I1", "consultant_id": "C1"}, {"consultant_id": "C9"}),               # unknown pair
        ({"initiative_id": "I1", "consultant_id": "C4"}, {"Besluit": "misschien"}),
        ({"initiative_id": "I2", "consultant_id": "C2"}, {"round_id": "2026-R2"}),
    ])
    changed = fill_in(changed, tmp_path / "fout2.xlsx", "Kandidaten", [
        ({"item_id": "M2"}, {"item_id": "ONBEKEND"}),
    ])
    (report,) = _ingest(con, tmp_path, changed)
    reasons = {(e.sheet, e.column): e.reason for e in report.errors}
    assert (report.rows, report.accepted, report.rejected, report.skipped) == (6, 1, 5, 0)
    assert "akkoord voor een alternatief: vul ook het aantal uren in" in reasons[("Matches", "uren")]
    assert "I1 / C9 staat niet in de matchset" in reasons[("Matches", "initiative_id")]
    assert "'misschien' is geen besluit: kies 'akkoord' of 'afgewezen'" in reasons[("Matches", "besluit")]
    assert "hoort bij ronde 2026-R2, niet bij ronde 2027-R1" in reasons[("Matches", "round_id")]
    assert "kandidaat ONBEKEND staat niet in de lijst" in reasons[("Kandidaten", "item_id")]
    assert all(e.reason.startswith(f"tabblad {e.sheet}, rij {e.row}, kolom ") for e in report.errors)
    # the reason names the column as the sheet's header shows it; `column` keeps the canonical name
    assert ", kolom Uren: akkoord voor een alternatief" in reasons[("Matches", "uren")]
    assert ", kolom Besluit: 'misschien'" in reasons[("Matches", "besluit")]
    assert report.as_json()["errors"][0]["sheet"] in ("Kandidaten", "Matches")
    assert con.execute("SELECT count(*) FROM match_decisions").fetchone()[0] == 1  # only the fixture's
    assert accounting_problems(con, ROUND, "decisions") == []


def test_rematch_keeps_the_locked_pair_and_never_proposes_the_rejected_one(con, tmp_path, filled_package):
    _ingest(con, tmp_path, filled_package)

    match_round(con, ROUND, MatchParams(time_limit=10))

    match_set = {(i, c): (h, locked) for i, c, h, locked in con.execute(
        "SELECT initiative_id, consultant_id, hours, locked FROM match_set WHERE round_id = ?", [ROUND]).fetchall()}
    assert match_set[("I1", "C1")] == (20, True)
    assert match_set[("I2", "C2")] == (40, True)
    assert ("I1", "C4") not in match_set
    alternates = con.execute(
        "SELECT count(*) FROM match_alternates WHERE initiative_id = 'I1' AND consultant_id = 'C4'").fetchone()[0]
    assert alternates == 0
    # the candidate marked relevant is an initiative of the round for the matcher
    origin = con.execute("SELECT origin, gemeentecode FROM match_initiatives WHERE round_id = ? "
                         "AND list_contains(item_ids, 'M1')", [ROUND]).fetchall()
    assert origin == [("candidate", DEN_BOSCH)]


def test_blank_decision_form_from_pnet_templates_is_taken_in(warehouse_path, tmp_path, capsys):
    con = connect(warehouse_path)
    fill_round(con)
    con.close()
    assert main(["templates", "--out", str(tmp_path / "sjablonen")]) == 0
    form = tmp_path / "sjablonen" / "besluiten.xlsx"
    assert f"{form} (besluiten van het overleg, met de hand in te vullen)" in capsys.readouterr().out
    wb = openpyxl.load_workbook(form)
    assert wb.sheetnames == ["Toelichting", "Kandidaten", "Matches"]
    matches, kandidaten = wb["Matches"], wb["Kandidaten"]
    assert all(not d.hidden for ws in (matches, kandidaten) for d in ws.column_dimensions.values())
    assert matches.max_row == 1 and kandidaten.max_row == 1  # no note: a form to fill in
    choice = {str(dv.sqref): dv.formula1 for dv in matches.data_validations.dataValidation}
    assert choice == {"O2:O501": '"akkoord,afgewezen"'}
    header = [c.value for c in matches[1]]
    row = dict.fromkeys(header)
    matches.append([*{**row, "Besluit": "akkoord", "round_id": ROUND, "initiative_id": "I3", "consultant_id": "C3"}.values()])
    header = [c.value for c in kandidaten[1]]
    kandidaten.append([*{**dict.fromkeys(header), "Beoordeling": "relevant", "item_id": "M3", "round_id": ROUND,
                         "gemeentecode": NUENEN}.values()])
    wb.save(form)

    assert main(["intake", str(form), "--round", ROUND, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["kind"], out["rows"], out["accepted"], out["rejected"]) == ("decisions", 2, 2, 0)
    con = connect(warehouse_path, read_only=True)
    assert con.execute("SELECT decision, hours FROM match_decisions WHERE initiative_id = 'I3'").fetchone() == (
        "akkoord", 30)  # no hours given: the proposed hours are agreed
    assert con.execute("SELECT label, round_id FROM candidate_feedback WHERE item_id = 'M3'").fetchone() == (
        "relevant", ROUND)
    con.close()


def test_a_decision_file_in_the_inbox_materialises_round_decisions(warehouse_path, tmp_path, filled_package, con):
    con.close()
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("rounds", [ROUND])
    result = dg.materialize(
        [round_registrations], partition_key=ROUND, instance=instance,
        resources={"warehouse": WarehouseResource(path=str(warehouse_path))},
        run_config=dg.RunConfig(ops={"round_registrations": IntakeConfig(files=[str(filled_package)])}),
    )
    assert result.success
    meta = {e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()}
    decided = meta["round_decisions"]
    assert (decided["akkoord"].value, decided["afgewezen"].value, decided["uren_akkoord"].value) == (2, 1, 60.0)
    assert (decided["kandidaten_relevant"].value, decided["kandidaten_niet_relevant"].value) == (2, 1)
    assert decided["bestanden"].value == 1
    assert "| Buurtmoestuin De Groene Hof | Anna de Vries | akkoord | 20 |" in decided["voorbeeld"].value
    assert meta["round_evaluations"]["rijen"].value == 0
    checks = {c.asset_key.to_user_string(): c.passed for c in result.get_asset_check_evaluations()}
    assert checks["round_decisions"] is True


DECISION_HEADER = ["Besluit", "Uren", "Beoordeling", "round_id", "initiative_id", "consultant_id", "item_id",
                   "gemeentecode"]
DECISION_CELL = st.sampled_from(["", " ", "akkoord", "Afgewezen", "niet relevant", "relevant", "misschien", "12",
                                 "0", "12,5", "5000", ROUND, "2026-R2", "I1", "I2", "C1", "C4", "C5", "C9", "M1",
                                 "M9", DEN_BOSCH, "GM0363", "=1+1"])


@pytest.fixture(scope="module")
def decided_round(tmp_path_factory):
    folder = tmp_path_factory.mktemp("besluiten")
    con = connect(folder / "w.duckdb")
    fill_round(con)
    yield con, folder
    con.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(DECISION_CELL, min_size=8, max_size=8), max_size=10))
def test_every_decision_row_is_accounted_for(decided_round, rows):
    con, folder = decided_round
    path = folder / "besluiten.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([DECISION_HEADER, *rows])
    (report,) = ingest_files(con, [path], ROUND, folder / "a", folder / "r")
    assert report.error is None and report.kind == "decisions"
    data_rows = sum(1 for r in rows if any(c.strip() for c in r))
    if not report.already_received:
        assert report.rows + report.skipped == data_rows
        assert report.rows == report.accepted + report.rejected + report.duplicates
    assert accounting_problems(con, ROUND, "decisions") == []
    labels = {label for (label,) in con.execute("SELECT DISTINCT label FROM candidate_feedback").fetchall()}
    assert labels <= {"relevant", "niet relevant"}
    stored = con.execute("SELECT decision, hours FROM match_decisions").fetchall()
    assert all(d in ("akkoord", "afgewezen") and (h is None) == (d == "afgewezen") for d, h in stored)
