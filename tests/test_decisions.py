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
from tests.reports_data import BERGEN, DEN_BOSCH, EINDHOVEN, NUENEN, ROUND, fill_round
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
    # decided: I1/C1, I1/C4, M1, M2; skipped, not rows of the accounting: the alternate I1/C5 without a
    # decision, and I2/C2, whose akkoord the report showed and which was left as it was
    assert (report.rows, report.accepted, report.rejected, report.duplicates, report.skipped) == (4, 4, 0, 0, 2)
    assert "'Kandidaten'" in report.file_format and "'Matches'" in report.file_format
    decisions = con.execute(
        "SELECT initiative_id, consultant_id, decision, hours, source_sha256 = ? FROM match_decisions "
        "WHERE round_id = ? ORDER BY ALL", [report.sha256, ROUND]).fetchall()
    assert decisions == [("I1", "C1", "akkoord", 20, True), ("I1", "C4", "afgewezen", None, True),
                         ("I2", "C2", "akkoord", 40, None)]  # the earlier meeting's decision, untouched
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
    ]
    assert con.execute("SELECT kind, skipped FROM intake_files WHERE sha256 = ?", [report.sha256]).fetchone() == (
        "decisions", 2)
    assert accounting_problems(con, ROUND, "decisions") == []

    receipt = openpyxl.load_workbook(report.receipt_path)
    summary = dict(receipt["Ontvangstbevestiging"].iter_rows(min_row=3, values_only=True))
    assert summary["Soort bestand"] == "besluiten"
    assert summary["Niet verwerkt: regels zonder (nieuw) besluit: Beoordeling en Besluit leeg, of zoals het rapport "
                   "ze al toonde"] == "2"
    loaded = list(receipt["Geladen"].iter_rows(min_row=2, values_only=True))
    assert ("Matches", 3, "match:I1/C4", "match Buurtmoestuin De Groene Hof / Dana Smit (I1 / C4): afgewezen") in loaded
    assert ("Kandidaten", "relevant") in {(r[0], r[3].rsplit(": ", 1)[1]) for r in loaded}
    assert [r[:3] for r in receipt["Dubbel"].iter_rows(min_row=2, values_only=True)] == []

    again = _ingest(con, tmp_path, filled_package)[0]
    assert again.already_received and again.skipped == 2


def test_an_older_report_sent_back_does_not_undo_a_later_decision(con, tmp_path, filled_package):
    changed = fill_in(filled_package, tmp_path / "later.xlsx", "Matches", [
        ({"initiative_id": "I2", "consultant_id": "C2"}, {"Uren": 30}),  # the meeting changes the agreed hours
    ])
    _ingest(con, tmp_path, changed)
    hours = "SELECT hours FROM match_decisions WHERE initiative_id = 'I2' AND consultant_id = 'C2'"
    assert con.execute(hours).fetchone() == (30,)
    older = fill_in(filled_package, tmp_path / "ouder.xlsx", "Matches", [  # the first workbook again, one row changed
        ({"initiative_id": "I1", "consultant_id": "C1"}, {"Uren": 16}),
    ])
    (report,) = _ingest(con, tmp_path, older)
    assert (report.accepted, report.duplicates, report.skipped) == (0, 4, 2)  # I2/C2's old pre-fill decides nothing
    assert con.execute(hours).fetchone() == (30,)
    assert con.execute("SELECT hours FROM match_decisions WHERE initiative_id = 'I1' AND consultant_id = 'C1'").fetchone() == (16,)


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
    assert (report.kind, report.rows, report.accepted, report.duplicates, report.rejected) == ("decisions", 2, 2, 0, 0)
    assert con.execute(
        "SELECT decision, hours FROM match_decisions WHERE initiative_id = 'I3' AND consultant_id = 'C2'"
    ).fetchone() == ("akkoord", 12)


def test_bad_decisions_are_rejected_with_a_dutch_reason(con, tmp_path, filled_package):
    changed = fill_in(filled_package, tmp_path / "fout.xlsx", "Matches", [
        ({"initiative_id": "I1", "consultant_id": "C5"}, {"Besluit": "akkoord", "Uren": None}),  # alternate, no hours
        ({"initiative_id": "I1", "consultant_id": "C1"}, {"consultant_id": "C9"}),               # unknown pair
        ({"initiative_id": "I1", "consultant_id": "C4"}, {"Besluit": "misschien"}),
        ({"initiative_id": "I2", "consultant_id": "C2"}, {"round_id": "2026-R2", "Besluit": "afgewezen"}),
    ])
    changed = fill_in(changed, tmp_path / "fout2.xlsx", "Kandidaten", [
        ({"item_id": "M2"}, {"item_id": "ONBEKEND"}),
    ])
    (report,) = _ingest(con, tmp_path, changed)
    reasons = {(e.sheet, e.column): e.reason for e in report.errors}
    assert (report.rows, report.accepted, report.rejected, report.skipped) == (6, 1, 5, 0)
    assert "akkoord voor een alternatief: vul ook het aantal uren in" in reasons[("Matches", "uren")]
    assert "I1 / C9 hoort niet bij deze ronde" in reasons[("Matches", "initiative_id")]
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
    # the municipality's next report shows the rejected pair as rejected, so it sees its decision was recorded
    paths = write_round_reports(con, ROUND, tmp_path / "na_overleg")
    ws = openpyxl.load_workbook(_package(paths, DEN_BOSCH))["Matches"]
    header = [c.value for c in ws[1]]
    rows = {(r["initiative_id"], r["consultant_id"]): r for r in (dict(zip(header, v)) for v in ws.iter_rows(min_row=2, values_only=True))}
    assert (rows[("I1", "C4")]["Soort"], rows[("I1", "C4")]["Besluit"]) == ("afgewezen door het overleg", "afgewezen")
    assert rows[("I1", "C4")]["E-mail"] is None and rows[("I1", "C4")]["Uren"] is None


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


def _reasons(report) -> dict[int, str]:
    return {e.row: e.reason for e in report.errors}


def test_agreed_pairs_must_fit_beside_each_other(con, tmp_path):
    """Any pair of the round may be agreed (the meeting may pick a consultant the matching no longer
    proposes), but only what the matcher can keep: hours within what is asked and available, at most
    max_team consultants, never the own municipality, only with employer consent, one decision per pair."""
    fill_round(con)  # stored: I2/C2 akkoord 40 h; C2 has 60 h
    rows = [
        ("I1", "C1", "akkoord", 24),   # 2: proposed pair, fits (I1 asks 40)
        ("I1", "C5", "akkoord", 20),   # 3: 24 + 20 > 40 asked
        ("I6", "C1", "akkoord", 8),    # 4: never proposed, fits (C1: 24 + 8 <= 40)
        ("I6", "C2", "akkoord", 8),    # 5: fits beside the stored 40 h of C2 (I6 asks 16)
        ("I6", "C5", "akkoord", 8),    # 6: C5 is from Eindhoven, as I6
        ("I3", "C6", "akkoord", 8),    # 7: C6's employer gave no consent
        ("I3", "C2", "akkoord", 30),   # 8: C2 would have 40 + 8 + 30 > 60
        ("I1", "C1", "afgewezen", ""),  # 9: contradicts row 2
        ("I4", "C4", "akkoord", 8),    # 10
        ("I4", "C1", "akkoord", 4),    # 11
        ("I4", "C3", "akkoord", 4),    # 12: a third consultant for I4
        ("I1", "C5", "akkoord", 20),   # 13: a copy of row 3, refused with it
        ("I1", "C1", "akkoord", ""),   # 14: row 2 again without hours: the proposed 24, the same decision
    ]
    path = tmp_path / "besluiten.csv"
    path.write_text("round_id;initiative_id;consultant_id;Besluit;Uren\n"
                    + "".join(f"{ROUND};{i};{c};{d};{h}\n" for i, c, d, h in rows), encoding="utf-8")
    (report,) = _ingest(con, tmp_path, path)
    reasons = _reasons(report)
    assert sorted(reasons) == [3, 6, 7, 8, 9, 12, 13]
    assert reasons[13].split(": ", 1)[1] == reasons[3].split(": ", 1)[1]
    assert "akkoord voor 20 uur past niet: initiatief I1 vraagt 40 uur en er is al 24 uur voor vastgelegd" in reasons[3]
    assert "werkt nooit in de eigen gemeente" in reasons[6]
    assert "geen akkoord gegeven" in reasons[7]
    assert "consultant C2 heeft 60 uur en er is al 48 uur van vastgelegd" in reasons[8]
    assert "rij 2 van dit bestand besluit hier al anders over; het eerste besluit geldt" in reasons[9]
    assert "initiatief I4 heeft al 2 vastgelegde consultants" in reasons[12]
    agreed = con.execute("SELECT initiative_id, consultant_id, hours FROM match_decisions WHERE decision = 'akkoord' "
                         "ORDER BY ALL").fetchall()
    assert agreed == [("I1", "C1", 24), ("I2", "C2", 40), ("I4", "C1", 4), ("I4", "C4", 8), ("I6", "C1", 8), ("I6", "C2", 8)]
    assert accounting_problems(con, ROUND, "decisions") == []
    result = match_round(con, ROUND, MatchParams(time_limit=5))  # the matcher keeps every agreed pair
    kept = {(m.initiative_id, m.consultant_id): m.hours for m in result.matches.itertuples()}
    assert all(kept.get((i, c)) == h for i, c, h in agreed)


def test_a_verdict_only_for_a_listed_candidate_of_its_municipality(con, tmp_path):
    fill_round(con)
    path = tmp_path / "kandidaten.csv"
    path.write_text("item_id;round_id;gemeentecode;Beoordeling\n"
                    f"M1;{ROUND};{BERGEN};relevant\n"    # M1 is a candidate of 's-Hertogenbosch
                    f"X9;{ROUND};{EINDHOVEN};relevant\n"  # no such item
                    f"M3;{ROUND};{NUENEN};relevant\n"
                    f"M4;{ROUND};{EINDHOVEN};niet relevant\n", encoding="utf-8")  # rescored since: still feedback
    (report,) = _ingest(con, tmp_path, path)
    reasons = _reasons(report)
    assert sorted(reasons) == [2, 3]
    assert "kandidaat M1 staat bij een andere gemeente dan GM0373" in reasons[2]
    assert "kandidaat X9 staat niet in de lijst" in reasons[3]
    assert con.execute("SELECT item_id, gemeentecode, label FROM candidate_feedback WHERE round_id = ? ORDER BY ALL",
                       [ROUND]).fetchall() == [("M3", NUENEN, "relevant"), ("M4", EINDHOVEN, "niet relevant"),
                                               ("M6", BERGEN, "relevant")]


def test_a_report_whose_hidden_keys_were_deleted_is_still_read_as_decisions(con, tmp_path, filled_package):
    wb = openpyxl.load_workbook(filled_package)
    for sheet, keys in (("Matches", ("round_id", "initiative_id", "consultant_id", "vooraf")),
                        ("Kandidaten", ("item_id", "round_id", "gemeentecode", "vooraf"))):
        ws = wb[sheet]
        for key in keys:
            ws.delete_cols([c.value for c in ws[1]].index(key) + 1)
    wb.save(tmp_path / "zonder_sleutels.xlsx")
    (report,) = _ingest(con, tmp_path, tmp_path / "zonder_sleutels.xlsx")
    assert report.kind == "decisions" and report.accepted == 0 and report.rejected == report.rows > 0
    assert all("de verborgen sleutels" in e.reason and "laat die kolommen staan" in e.reason for e in report.errors)
    assert {e.sheet for e in report.errors} == {"Kandidaten", "Matches"}  # not the report's other sheets


def test_files_taken_in_together_and_evaluated_pairs_count_for_the_hours(con, tmp_path):
    fill_round(con)  # C4 has 30 hours
    header = "round_id;initiative_id;consultant_id;Besluit;Uren\n"
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(header + f"{ROUND};I1;C4;akkoord;20\n", encoding="utf-8")
    second.write_text(header + f"{ROUND};I4;C4;akkoord;16\n", encoding="utf-8")
    a, b = _ingest(con, tmp_path, first, second)  # one call, as the inbox and `pnet intake a b` do
    assert (a.accepted, b.rejected) == (1, 1)
    assert "consultant C4 heeft 30 uur en er is al 20 uur van vastgelegd" in b.errors[0].reason

    con.execute("DELETE FROM match_decisions WHERE initiative_id = 'I1' AND consultant_id = 'C4'")
    con.execute("INSERT INTO evaluations (round_id, initiative_id, consultant_id, uren_besteed, resultaat, datum_bezoek) "
                "VALUES (?, 'I4', 'C4', 16, 'goed', current_date)", [ROUND])  # the proposed 16 h: worked, so they hold
    third = tmp_path / "c.csv"
    third.write_text(header + f"{ROUND};I1;C4;akkoord;18\n", encoding="utf-8")
    (c,) = _ingest(con, tmp_path, third)
    assert c.rejected == 1 and "er is al 16 uur van vastgelegd" in c.errors[0].reason
