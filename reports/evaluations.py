"""The round's closing report: evaluations summed per municipality and theme.

`worked_pairs(con, round_id)` are the pairs a consultant worked on (the match set without rejected
pairs, plus pairs agreed in a meeting) with their allotted hours; the evaluation form is pre-filled
with them. `evaluation_summary(con, round_id)` sums the evaluations per host municipality, per
municipality and theme (an initiative's hours are split evenly over its themes, as in the
overview's unmet need), and per consultant's home municipality (hours given).
`write_evaluation_report` writes `<round>_evaluatie.xlsx` and `.html` into the overview folder.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from pnet.formatting import hours, number
from reports.collect import NO_THEME
from reports.html import render
from reports.naming import round_part
from reports.present import theme_labels
from reports.tables import Column, Table
from reports.xlsx import write_workbook
from warehouse.intake.evaluations import RESULTATEN
from warehouse.resolver import default_resolver
from warehouse.rounds import Round, get_round


@dataclass(frozen=True)
class WorkedPair:
    initiative_id: str
    consultant_id: str
    initiative: str
    host_code: str
    themes: tuple[str, ...]
    consultant: str
    home_code: str
    uren_toegekend: int
    # the evaluation, when received
    uren_besteed: float | None = None
    resultaat: str | None = None
    toelichting: str | None = None
    datum_bezoek: date | None = None

    @property
    def verschil(self) -> float | None:
        """Hours spent minus hours allotted, once evaluated (positive: more than allotted)."""
        return None if self.resultaat is None else (self.uren_besteed or 0.0) - self.uren_toegekend


@dataclass
class Sums:
    """Counts and hours of one group (a municipality, or a municipality and theme)."""

    koppelingen: float = 0
    geevalueerd: float = 0
    uren_toegekend: float = 0.0
    uren_besteed: float = 0.0
    resultaten: dict[str, float] = field(default_factory=lambda: dict.fromkeys(RESULTATEN, 0))

    def add(self, p: WorkedPair, share: float = 1.0) -> None:
        self.koppelingen += 1
        self.uren_toegekend += p.uren_toegekend * share
        if p.resultaat is not None:
            self.geevalueerd += 1
            self.uren_besteed += (p.uren_besteed or 0.0) * share
            self.resultaten[p.resultaat] += 1


@dataclass
class EvaluationSummary:
    round: Round
    pairs: list[WorkedPair]
    per_gemeente: dict[str, Sums]                 # host municipality -> received
    given: dict[str, Sums]                        # home municipality -> given
    per_thema: dict[tuple[str, str], Sums]        # (host municipality, theme label)
    generated_at: datetime = field(default_factory=datetime.now)


def worked_pairs(con: duckdb.DuckDBPyConnection, round_id: str) -> list[WorkedPair]:
    """The pairs of the round a consultant works on, with their evaluation when received."""
    rows = con.execute(
        """
        WITH pairs AS (
            SELECT s.initiative_id, s.consultant_id, coalesce(d.hours, s.hours) AS hours
            FROM match_set s LEFT JOIN match_decisions d USING (round_id, initiative_id, consultant_id)
            WHERE s.round_id = $1 AND coalesce(d.decision, '') <> 'afgewezen'
            UNION ALL
            SELECT d.initiative_id, d.consultant_id, d.hours
            FROM match_decisions d
            WHERE d.round_id = $1 AND d.decision = 'akkoord' AND NOT EXISTS (
                SELECT 1 FROM match_set s WHERE s.round_id = d.round_id AND s.initiative_id = d.initiative_id
                AND s.consultant_id = d.consultant_id)
        )
        SELECT p.initiative_id, p.consultant_id, coalesce(i.titel, p.initiative_id), coalesce(i.gemeentecode, ''),
               coalesce(i.themas, []), coalesce(c.naam, p.consultant_id), coalesce(c.gemeentecode, ''),
               coalesce(p.hours, 0), e.uren_besteed, e.resultaat, e.toelichting, e.datum_bezoek
        FROM pairs p
        LEFT JOIN all_initiatives i ON i.round_id = $1 AND i.initiative_id = p.initiative_id
        LEFT JOIN consultants c ON c.round_id = $1 AND c.consultant_id = p.consultant_id
        LEFT JOIN evaluations e ON e.round_id = $1 AND e.initiative_id = p.initiative_id
                                AND e.consultant_id = p.consultant_id
        ORDER BY 4, 3, 6
        """,
        [round_id],
    ).fetchall()
    return [
        WorkedPair(i, c, titel, host, tuple(theme_labels(themes)), naam, home, int(hours), spent, res, note, day)
        for i, c, titel, host, themes, naam, home, hours, spent, res, note, day in rows
    ]


def evaluation_summary(con: duckdb.DuckDBPyConnection, round_id: str) -> EvaluationSummary:
    """The round's evaluations summed per municipality (received and given) and per municipality and theme."""
    rnd = get_round(con, round_id)
    pairs = worked_pairs(con, round_id)
    received: dict[str, Sums] = {g.code: Sums() for g in rnd.gemeenten}
    given: dict[str, Sums] = {g.code: Sums() for g in rnd.gemeenten}
    per_thema: dict[tuple[str, str], Sums] = defaultdict(Sums)
    for p in pairs:
        received.setdefault(p.host_code, Sums()).add(p)
        given.setdefault(p.home_code, Sums()).add(p)
        themes = p.themes or (NO_THEME,)
        for thema in themes:
            per_thema[(p.host_code, thema)].add(p, 1 / len(themes))
    return EvaluationSummary(rnd, pairs, received, given, dict(sorted(per_thema.items())))


def gemeentenaam(code: str) -> str:
    """A municipality's CBS name (the code itself when unknown)."""
    g = default_resolver().by_code.get(code)
    return g.naam if g else code


_RESULT_COLUMNS = [Column(r.capitalize(), 10, "int") for r in RESULTATEN]


def _sum_cells(s: Sums) -> list:
    return [s.koppelingen, s.geevalueerd, s.uren_toegekend, s.uren_besteed, *(s.resultaten[r] for r in RESULTATEN)]


def summary_tables(summary: EvaluationSummary) -> list[Table]:
    """Per municipality, per municipality and theme, and every evaluation (the same tables for xlsx and html)."""
    sums = [Column("Koppelingen", 11, "int"), Column("Geëvalueerd", 11, "int"),
            Column("Uren toegekend", 12, "hours"), Column("Uren besteed", 12, "hours"), *_RESULT_COLUMNS]
    codes = sorted(summary.per_gemeente, key=gemeentenaam)
    per_gemeente = Table(
        sheet="Per gemeente",
        title="Evaluaties per gemeente",
        intro="Ontvangen: koppelingen bij initiatieven in de gemeente en hun evaluaties. Gegeven: uren die consultants "
        "van de gemeente elders werkelijk besteedden.",
        columns=[Column("Gemeente", 24), Column("Code", 9), *sums, Column("Uren besteed door eigen consultants elders", 16, "hours")],
        rows=[[gemeentenaam(c), c, *_sum_cells(summary.per_gemeente[c]), summary.given.get(c, Sums()).uren_besteed]
              for c in codes],
        empty_note="Deze ronde heeft geen deelnemende gemeenten.",
    )
    per_thema = Table(
        sheet="Per gemeente en thema",
        title="Evaluaties per gemeente en thema",
        intro="Heeft een initiatief meerdere thema's, dan tellen de koppeling en haar resultaat bij elk thema mee en "
        "zijn de uren gelijk over die thema's verdeeld.",
        columns=[Column("Gemeente", 24), Column("Thema", 30), *sums],
        rows=[[gemeentenaam(code), thema, *_sum_cells(s)] for (code, thema), s in summary.per_thema.items()],
        empty_note="Er zijn in deze ronde nog geen koppelingen om te evalueren.",
    )
    detail = Table(
        sheet="Evaluaties",
        title="Alle koppelingen en hun evaluatie",
        columns=[Column("Hostgemeente", 20), Column("Initiatief", 36, "wrap"), Column("Consultant", 24),
                 Column("Thuisgemeente", 20), Column("Uren toegekend", 10, "int"), Column("Uren besteed", 10, "hours"),
                 Column("Verschil", 10, "hours"), Column("Resultaat", 12), Column("Toelichting", 50, "wrap"), Column("Datum evaluatiebezoek", 14, "date")],
        rows=[[gemeentenaam(p.host_code), p.initiative, p.consultant, gemeentenaam(p.home_code), p.uren_toegekend, p.uren_besteed,
               p.verschil, p.resultaat or "nog niet geëvalueerd", p.toelichting, p.datum_bezoek] for p in summary.pairs],
        empty_note="Er zijn in deze ronde nog geen koppelingen om te evalueren.",
    )
    return [per_gemeente, per_thema, detail]


def write_evaluation_report(con: duckdb.DuckDBPyConnection, round_id: str, folder: Path) -> tuple[Path, Path]:
    """Write `<round>_evaluatie.xlsx` and `.html` (the closing report) into `folder`; return both paths."""
    summary = evaluation_summary(con, round_id)
    tables = summary_tables(summary)
    done = sum(1 for p in summary.pairs if p.resultaat is not None)
    over = [p.verschil for p in summary.pairs if (p.verschil or 0) > 0]
    intro = [
        f"Ronde {round_id}: {done} van {len(summary.pairs)} koppelingen geëvalueerd; "
        f"{number(sum(p.uren_toegekend for p in summary.pairs))} uren toegekend, "
        f"{hours(sum(p.uren_besteed or 0 for p in summary.pairs))} uren besteed volgens de evaluaties.",
        *([f"Bij {len(over)} van de geëvalueerde koppelingen is meer besteed dan toegekend, samen {hours(sum(over))} uur "
           "meer (kolom Verschil op het blad Evaluaties: besteed min toegekend)." if over else
           "Geen enkele geëvalueerde koppeling besteedde meer uren dan toegekend."] if done else []),
        "Resultaat op de schaal zeer goed, goed, matig, onvoldoende. Evaluaties komen binnen via het "
        f"evaluatieformulier (evaluatie_{round_part(round_id)}.xlsx) dat de coördinator aan de gemeenten stuurt.",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{round_part(round_id)}_evaluatie"
    xlsx = folder / f"{stem}.xlsx"
    write_workbook(xlsx, f"Participatienetwerk – evaluatie ronde {round_id}", intro, tables).close()
    html = folder / f"{stem}.html"
    html.write_text(
        render("evaluatie.html.j2", round=summary.round, generated_at=summary.generated_at, intro=intro, tables=tables),
        encoding="utf-8",
    )
    return xlsx, html
