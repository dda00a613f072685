"""The forms `pnet templates` writes beside the registration templates: decisions and evaluations.

`besluiten.xlsx` is a blank decisions form with exactly the columns of the report workbooks'
`Kandidaten` and `Matches` sheets (key columns visible, to type in), for a coordinator who records
a meeting's decisions by hand; the report workbooks themselves are the pre-filled decision forms.
`evaluatie_<round>.xlsx` lists the round's worked pairs (keys hidden) to fill in hours spent,
outcome, explanation and visit date; without a round it is blank with visible key columns.
Both are read back by the intake (kinds `decisions` and `evaluations`).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import duckdb

from pnet.settings import settings
from reports.naming import round_part
from reports.evaluations import gemeentenaam, worked_pairs
from reports.tables import Column, Table, candidates_table, matches_table
from reports.xlsx import write_workbook
from warehouse.intake.evaluations import RESULTATEN

INPUT_ROWS = 500


def _visible_keys(table: Table) -> Table:
    """The table as a form: key columns shown (to type in), no note for the empty table, drop-downs on many rows."""
    columns = [dataclasses.replace(c, kind="text", width=22) if c.kind == "key" else c for c in table.columns]
    return dataclasses.replace(table, columns=columns, empty_note="", input_rows=INPUT_ROWS)


def write_decision_form(out_dir: Path, round_id: str | None = None) -> Path:
    """A blank `besluiten[_<round>].xlsx` with the report workbooks' decision sheets."""
    path = Path(out_dir) / (f"besluiten_{round_part(round_id)}.xlsx" if round_id else "besluiten.xlsx")
    intro = [
        "Besluiten van het gezamenlijk overleg, met de hand vastgelegd. De rapporten van 'pnet report' zijn zelf "
        "al ingevulde besluitformulieren; gebruik dit formulier alleen als u besluiten los wilt doorgeven.",
        "Tabblad Matches: per regel round_id, initiative_id en consultant_id (zie de verborgen kolommen van het "
        "tabblad Matches in het overzicht) en in Besluit 'akkoord' of 'afgewezen'. Bij akkoord vult u de uren in; "
        "leeg betekent de voorgestelde uren. Akkoord legt de koppeling met die uren vast bij de volgende matching; "
        "afgewezen sluit haar uit.",
        "Tabblad Kandidaten: per regel item_id, round_id, gemeentecode en in Beoordeling 'relevant' of 'niet "
        "relevant'. Een relevante kandidaat wordt een initiatief van de ronde.",
        "Regels zonder Besluit of Beoordeling worden niet verwerkt. Lever het bestand in via de inbox of "
        "'pnet intake'; u ontvangt een ontvangstbevestiging met per regel geladen, afgewezen (met reden) of dubbel.",
    ]
    write_workbook(
        path,
        "Participatienetwerk – besluiten" + (f" ronde {round_id}" if round_id else ""),
        intro,
        [_visible_keys(candidates_table([], round_id or "", True)), _visible_keys(matches_table([], True))],
    ).close()
    return path


def evaluation_table(con: duckdb.DuckDBPyConnection | None, round_id: str | None) -> Table:
    """The evaluation form's table: the round's worked pairs (with any evaluation already received), or blank."""
    pairs = worked_pairs(con, round_id) if con is not None and round_id else []
    table = Table(
        sheet="Evaluaties",
        title="Evaluatie per koppeling",
        columns=[
            Column("Hostgemeente", 20), Column("Initiatief", 36, "wrap"), Column("Consultant", 24),
            Column("Thuisgemeente", 20), Column("Uren toegekend", 10, "int"), Column("Uren besteed", 10, "hours"),
            Column("Resultaat", 14, "choice", RESULTATEN), Column("Toelichting", 50, "wrap"),
            Column("Datum evaluatiebezoek", 14, "date"),
            Column("round_id", kind="key"), Column("initiative_id", kind="key"), Column("consultant_id", kind="key"),
        ],
        rows=[[gemeentenaam(p.host_code), p.initiative, p.consultant, gemeentenaam(p.home_code), p.uren_toegekend, p.uren_besteed,
               p.resultaat or "", p.toelichting, p.datum_bezoek, round_id, p.initiative_id, p.consultant_id]
              for p in pairs],
        empty_note="",
    )
    return table if pairs else _visible_keys(table)


def write_evaluation_form(out_dir: Path, con: duckdb.DuckDBPyConnection | None = None,
                          round_id: str | None = None) -> Path:
    """`evaluatie_<round>.xlsx` pre-filled with the round's worked pairs (`evaluatie.xlsx`, blank, without a round)."""
    path = Path(out_dir) / (f"evaluatie_{round_part(round_id)}.xlsx" if round_id else "evaluatie.xlsx")
    cap = settings().get("intake", {}).get("max_uren_consultant", 1000)
    table = evaluation_table(con, round_id)
    intro = [
        "Evaluatie na afloop: de consultant komt na de werkzaamheden nog even langs bij de hostgemeente. Vul per "
        "koppeling in: Uren besteed (werkelijk), Resultaat (" + ", ".join(RESULTATEN) + "), een korte Toelichting "
        "en de Datum evaluatiebezoek (dd-mm-jjjj, niet in de toekomst).",
        "Laat de kolommen round_id, initiative_id en consultant_id ongewijzigd: daarmee wordt de evaluatie aan de "
        "koppeling gekoppeld. Regels die u (nog) niet invult, worden niet verwerkt.",
        "Lever het bestand in via de inbox of 'pnet intake'; een evaluatie opnieuw insturen werkt haar bij.",
    ]
    wb = write_workbook(
        path, "Participatienetwerk – evaluatie" + (f" ronde {round_id}" if round_id else ""), intro, [table])
    ws = wb.get_worksheet_by_name(table.sheet)
    last = max(len(table.rows), INPUT_ROWS)
    headers = [c.header for c in table.columns]
    ws.data_validation(1, headers.index("Uren besteed"), last, headers.index("Uren besteed"), {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": cap,
        "error_title": "Uren besteed", "error_message": f"Vul een aantal uren in tussen 0 en {cap}."})
    ws.data_validation(1, headers.index("Datum evaluatiebezoek"), last, headers.index("Datum evaluatiebezoek"), {
        "validate": "date", "criteria": "between", "minimum": date(2020, 1, 1), "maximum": date(2100, 12, 31),
        "error_title": "Datum", "error_message": "Vul een datum in, bijv. 15-06-2027."})
    wb.close()
    return path


def write_forms(out_dir: Path, con: duckdb.DuckDBPyConnection | None = None, round_id: str | None = None) -> list[Path]:
    """Both forms into `out_dir` (the evaluation form pre-filled when a round and connection are given)."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [write_decision_form(out_dir, round_id), write_evaluation_form(out_dir, con, round_id)]
