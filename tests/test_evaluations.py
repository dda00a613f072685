"""Evaluations: the pre-filled form, its intake (scale, hours, dates, unknown pairs) and the closing report."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import lxml.html
import openpyxl
import pytest

from pnet.cli import main
from pnet.untrusted import neutralize_formula
from reports.build import write_round_reports
from reports.evaluations import evaluation_summary, worked_pairs, write_evaluation_report
from reports.present import theme_labels
from tests.reports_data import BERGEN, DEN_BOSCH, FORMULA, NUENEN, ROUND, fill_round
from tests.test_decisions import fill_in
from warehouse.db import connect
from warehouse.intake import ingest_files
from warehouse.intake.summary import accounting_problems

TODAY = date.today()
OPENED = TODAY - timedelta(days=90)
PAIRS = {("I1", "C1"), ("I1", "C4"), ("I2", "C2"), ("I3", "C3"), ("I4", "C4")}


def _round_in_the_past(con) -> None:
    """The test round opened 90 days ago, so visit dates between then and today are plausible."""
    fill_round(con)
    con.execute("UPDATE rounds SET open_date = ?, close_date = ? WHERE round_id = ?",
                [OPENED, OPENED + timedelta(days=30), ROUND])


def _rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def form(warehouse_path, tmp_path, capsys):
    con = connect(warehouse_path)
    _round_in_the_past(con)
    con.close()
    assert main(["templates", "--round", ROUND, "--out", str(tmp_path / "sjablonen")]) == 0
    assert "evaluatie_2027-R1.xlsx (evaluatie van de koppelingen van ronde 2027-R1)" in capsys.readouterr().out
    return tmp_path / "sjablonen" / "evaluatie_2027-R1.xlsx"


def test_the_form_lists_the_worked_pairs_with_hidden_keys(form):
    ws = openpyxl.load_workbook(form)["Evaluaties"]
    rows = _rows(ws)
    assert {(r["initiative_id"], r["consultant_id"]) for r in rows} == PAIRS
    assert {r["round_id"] for r in rows} == {ROUND}
    by_pair = {(r["initiative_id"], r["consultant_id"]): r for r in rows}
    assert by_pair[("I1", "C1")]["Uren toegekend"] == 24 and by_pair[("I1", "C1")]["Thuisgemeente"] == "Nuenen, Gerwen en Nederwetten"
    assert by_pair[("I4", "C4")]["Initiatief"] == neutralize_formula(FORMULA)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    header = [c.value for c in ws[1]]
    hidden = {header[i - 1] for d in ws.column_dimensions.values() if d.hidden for i in range(d.min, d.max + 1)}
    assert hidden == {"round_id", "initiative_id", "consultant_id"}
    rules = {dv.type for dv in ws.data_validations.dataValidation}
    assert rules == {"list", "decimal", "date"}


def test_evaluations_are_taken_in_or_rejected_with_a_dutch_reason(form, warehouse_path, tmp_path):
    visit = datetime.combine(TODAY - timedelta(days=10), datetime.min.time())
    filled = fill_in(form, tmp_path / "evaluatie_ingevuld.xlsx", "Evaluaties", [
        ({"initiative_id": "I1", "consultant_id": "C1"},
         {"Uren besteed": 22, "Resultaat": "goed", "Toelichting": "Subsidie binnen", "Datum evaluatiebezoek": visit}),
        ({"initiative_id": "I2", "consultant_id": "C2"}, {"Uren besteed": 40, "Resultaat": "Zeer goed",
                                                          "Datum evaluatiebezoek": visit}),
        ({"initiative_id": "I1", "consultant_id": "C4"}, {"Uren besteed": 8, "Resultaat": "prima",
                                                          "Datum evaluatiebezoek": visit}),
        ({"initiative_id": "I3", "consultant_id": "C3"},
         {"Uren besteed": 5000, "Resultaat": "matig", "Datum evaluatiebezoek": TODAY + timedelta(days=3)}),
    ])  # I4/C4 left empty: not yet evaluated
    con = connect(warehouse_path)
    (report,) = ingest_files(con, [filled], ROUND, tmp_path / "a", tmp_path / "r")
    assert (report.kind, report.rows, report.accepted, report.rejected, report.duplicates, report.skipped) == (
        "evaluations", 4, 2, 2, 0, 1)
    reasons = {(e.row, e.column): e.reason for e in report.errors}
    row = {pair: n for n, pair in enumerate(
        [(r["initiative_id"], r["consultant_id"]) for r in _rows(openpyxl.load_workbook(filled)["Evaluaties"])], start=2)}
    assert reasons[(row[("I1", "C4")], "resultaat")].endswith(
        "'prima' is geen resultaat: kies 'zeer goed' of 'goed' of 'matig' of 'onvoldoende'")
    assert "5000 uur is niet aannemelijk: maximaal 1000 uur" in reasons[(row[("I3", "C3")], "uren_besteed")]
    assert "ligt in de toekomst" in reasons[(row[("I3", "C3")], "datum_bezoek")]
    stored = con.execute("SELECT initiative_id, consultant_id, uren_besteed, resultaat, toelichting, datum_bezoek "
                         "FROM evaluations ORDER BY ALL").fetchall()
    assert stored == [("I1", "C1", 22.0, "goed", "Subsidie binnen", visit.date()),
                      ("I2", "C2", 40.0, "zeer goed", None, visit.date())]

    # a hand-made CSV: an unknown pair, a visit before the round opened, and an update of I1/C1
    path = tmp_path / "evaluatie_hand.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["initiative_id", "consultant_id", "uren besteed", "resultaat", "toelichting", "datum evaluatiebezoek"])
        w.writerow(["I6", "C1", "10", "goed", "", visit.strftime("%d-%m-%Y")])
        w.writerow(["I4", "C4", "12", "onvoldoende", "", (OPENED - timedelta(days=1)).strftime("%d-%m-%Y")])
        w.writerow(["I1", "C1", "24,5", "goed", "Subsidie binnen, afgerond", visit.strftime("%d-%m-%Y")])
    (hand,) = ingest_files(con, [path], ROUND, tmp_path / "a", tmp_path / "r")
    assert (hand.kind, hand.rows, hand.accepted, hand.rejected, hand.duplicates) == ("evaluations", 3, 0, 2, 1)
    assert [e.column for e in hand.errors] == ["initiative_id", "datum_bezoek"]
    assert "I6 / C1 staat niet (akkoord) in de matchset" in hand.errors[0].reason
    assert "ligt voor de opening van ronde 2027-R1" in hand.errors[1].reason
    assert con.execute("SELECT uren_besteed FROM evaluations WHERE initiative_id = 'I1'").fetchone() == (24.5,)
    assert accounting_problems(con, ROUND, "evaluations") == []
    con.close()


def test_a_rejected_pair_is_not_evaluated_and_an_agreed_alternate_is(con):
    fill_round(con)
    con.execute("INSERT INTO match_decisions (round_id, initiative_id, consultant_id, decision, hours) VALUES "
                "(?, 'I1', 'C4', 'afgewezen', NULL), (?, 'I1', 'C5', 'akkoord', 12)", [ROUND, ROUND])
    pairs = {(p.initiative_id, p.consultant_id): p.uren_toegekend for p in worked_pairs(con, ROUND)}
    assert ("I1", "C4") not in pairs and pairs[("I1", "C5")] == 12 and len(pairs) == 5


def test_closing_report_sums_per_municipality_and_theme(con, tmp_path):
    _round_in_the_past(con)
    _, html = write_evaluation_report(con, ROUND, tmp_path / "nog_niets")
    text = lxml.html.parse(str(html)).getroot().text_content()
    assert "0 van 5 koppelingen geëvalueerd" in text and "toegekend, samen" not in text and "Geen enkele" not in text
    visit = TODAY - timedelta(days=5)
    con.execute(
        "INSERT INTO evaluations (round_id, initiative_id, consultant_id, uren_besteed, resultaat, datum_bezoek) VALUES "
        "(?, 'I1', 'C1', 20, 'goed', ?), (?, 'I2', 'C2', 46, 'zeer goed', ?), (?, 'I4', 'C4', 10, 'matig', ?)",
        [ROUND, visit] * 3)
    s = evaluation_summary(con, ROUND)
    den_bosch = s.per_gemeente[DEN_BOSCH]  # I1/C1, I1/C4, I2/C2
    assert (den_bosch.koppelingen, den_bosch.geevalueerd, den_bosch.uren_toegekend, den_bosch.uren_besteed) == (3, 2, 72, 66)
    assert den_bosch.resultaten == {"zeer goed": 1, "goed": 1, "matig": 0, "onvoldoende": 0}
    assert s.given[NUENEN].uren_besteed == 20 and s.given[BERGEN].uren_besteed == 46
    groen, financiering = theme_labels(["groen", "financiering"])
    assert s.per_thema[(DEN_BOSCH, groen)].uren_besteed == 10  # I1/C1's 20 hours over its two themes
    assert s.per_thema[(DEN_BOSCH, financiering)].uren_toegekend == 16  # (24 + 8) / 2
    assert s.per_thema[(DEN_BOSCH, groen)].resultaten["goed"] == 1
    assert sum(t.uren_besteed for t in s.per_thema.values()) == pytest.approx(76)

    paths = write_round_reports(con, ROUND, tmp_path / "rapporten")
    wb = openpyxl.load_workbook(paths.evaluation_xlsx)
    assert wb.sheetnames == ["Toelichting", "Per gemeente", "Per gemeente en thema", "Evaluaties"]
    intro = " ".join(str(c.value) for row in wb["Toelichting"].iter_rows() for c in row if c.value)
    assert "via het evaluatieformulier (evaluatie_" in intro and "pnet " not in intro  # no command line for municipalities
    per = {r["Code"]: r for r in _rows(wb["Per gemeente"])}
    assert (per[DEN_BOSCH]["Uren besteed"], per[DEN_BOSCH]["Geëvalueerd"], per[NUENEN]["Uren besteed door eigen consultants elders"]) == (66, 2, 20)
    detail = _rows(wb["Evaluaties"])
    assert {r["Resultaat"] for r in detail} == {"goed", "zeer goed", "matig", "nog niet geëvalueerd"}
    # besteed min toegekend: I1/C1 20 of 24, I2/C2 46 of 40, I4/C4 10 of 16; nothing for pairs not evaluated
    assert sorted(r["Verschil"] for r in detail if r["Verschil"] is not None) == [-6, -4, 6]
    assert sum(r["Verschil"] is None for r in detail) == 2
    overrun = "Bij 1 van de geëvalueerde koppelingen is meer besteed dan toegekend, samen 6 uur meer"
    assert any(overrun in (c.value or "") for row in wb["Toelichting"].iter_rows() for c in row)
    assert all(c.data_type != "f" for ws in wb for row in ws.iter_rows() for c in row)
    page = lxml.html.parse(str(paths.evaluation_html)).getroot()
    assert "Evaluaties per gemeente en thema" in page.text_content()
    assert overrun in page.text_content()
    assert not page.xpath("//script")


def test_an_evaluated_pair_holds_at_the_next_matching_and_cannot_be_rejected(con, tmp_path):
    from matching.params import MatchParams
    from matching.round import match_round

    _round_in_the_past(con)
    con.execute("INSERT INTO evaluations (round_id, initiative_id, consultant_id, uren_besteed, resultaat, datum_bezoek) "
                "VALUES (?, 'I3', 'C3', 28, 'goed', ?)", [ROUND, TODAY - timedelta(days=3)])  # I3/C3: proposed, 30 h
    # without shared themes the matcher would give I3 another consultant; only its evaluation keeps the pair
    con.execute("UPDATE consultants SET themas = [] WHERE consultant_id = 'C3'")
    result = match_round(con, ROUND, MatchParams(time_limit=5))
    kept = {(m.initiative_id, m.consultant_id): m.hours for m in result.matches.itertuples()}
    assert kept[("I3", "C3")] == 30
    path = tmp_path / "besluit.csv"
    path.write_text(f"round_id;initiative_id;consultant_id;Besluit;Uren\n{ROUND};I3;C3;afgewezen;\n", encoding="utf-8")
    (report,) = ingest_files(con, [path], ROUND, tmp_path / "a", tmp_path / "r")
    assert report.rejected == 1 and "is al geëvalueerd" in report.errors[0].reason
