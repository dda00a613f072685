"""Write all reports of a round: one package per participating municipality and the overview.

Layout under `out_dir`:
    <gemeentecode>_<slug>/<round>_<gemeentecode>_<slug>.xlsx and .html   (one per municipality)
    overzicht/<round>_overzicht.xlsx and .html, uren_per_gemeente.png, kaart_uren.png
    overzicht/<round>_evaluatie.xlsx and .html   (the closing report: evaluations per municipality and theme)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pnet.errors import PnetError
from pnet.formatting import euro, number
from reports import charts, tables
from reports.collect import PROPOSED, GemeentePackage, Overview, RoundData, ScanStats
from reports.evaluations import write_evaluation_report
from reports.html import data_uri, render
from reports.naming import round_part
from reports.present import datum, solver_status
from reports.xlsx import insert_png, write_workbook

OVERVIEW_DIR = "overzicht"


class ReportError(PnetError):
    """The reports cannot be written where asked; the message is Dutch."""


@dataclass(frozen=True)
class GemeenteReport:
    gemeentecode: str
    gemeentenaam: str
    xlsx: Path
    html: Path


@dataclass
class ReportPaths:
    round_id: str
    out_dir: Path
    gemeenten: list[GemeenteReport] = field(default_factory=list)
    overview_xlsx: Path | None = None
    overview_html: Path | None = None
    chart_png: Path | None = None
    map_png: Path | None = None
    evaluation_xlsx: Path | None = None
    evaluation_html: Path | None = None

    def all(self) -> list[Path]:
        paths = [p for g in self.gemeenten for p in (g.xlsx, g.html)]
        overview = (self.overview_xlsx, self.overview_html, self.chart_png, self.map_png,
                    self.evaluation_xlsx, self.evaluation_html)
        return paths + [p for p in overview if p]


def _fill_in_lines(candidates: bool = True) -> list[str]:
    """How to fill in the decisions; the overview has no Kandidaten sheet (municipalities judge their own)."""
    judge = "kies op het tabblad Kandidaten in de kolom Beoordeling 'relevant' of 'niet relevant', en " if candidates else ""
    keys = "item_id, round_id, gemeentecode, initiative_id, consultant_id" if candidates else "round_id, initiative_id, consultant_id"
    return [
        f"Invullen: {judge}kies op het tabblad Matches in de kolom Besluit 'akkoord' of 'afgewezen'. Krijgt een alternatief "
        "'akkoord', vul dan ook de uren in. Regels zonder keuze worden niet verwerkt.",
        "Soort: voorstel of alternatief (1 is het beste alternatief). Score: hoe goed consultant en initiatief bij elkaar "
        "passen (0 tot 1: thema's, vakgebied en nabijheid; zie Waarom deze match). Vastgelegd: ja als het overleg deze "
        "koppeling al akkoord gaf; haar uren blijven staan.",
        f"Laat de tabbladnamen, kolomkoppen en de verborgen kolommen ({keys}) ongewijzigd: daarmee worden de besluiten "
        "later ingelezen.",
    ]


def _package_intro(p: GemeentePackage) -> list[str]:
    return [
        f"Ronde {p.round.round_id}, gemeente {p.gemeente.naam} ({p.gemeente.code}). Gemaakt op {datum(p.generated_at)}.",
        "Tabbladen: Kandidaten (mogelijke burgerinitiatieven uit de media), Initiatieven (uw aangemelde initiatieven "
        "en de kandidaten die u als relevant bevestigde), Matches (voorgestelde consultants uit andere gemeenten en alternatieven), Eigen consultants (uw medewerkers "
        "bij initiatieven elders) en Uren en kosten.",
        *_fill_in_lines(),
        "Dit bestand bevat namen en e-mailadressen van consultants: deel het alleen met wie bij de uitvoering betrokken is.",
        "Inwonertallen: Bron: CBS (StatLine, 1 januari 2024).",
    ]


def _package_tables(p: GemeentePackage, has_scan: bool) -> list[tables.Table]:
    return [
        tables.candidates_table(p.candidates, p.round.round_id, has_scan, p.candidates_since),
        tables.initiatives_table(p.initiatives),
        tables.matches_table(p.matches, p.match_run is not None),
        tables.deployments_table(p.deployments, p.idle),
        tables.balance_table(p.summary, p.rate_per_inhabitant, p.budget),
    ]


def write_package(p: GemeentePackage, out_dir: Path, has_scan: bool) -> GemeenteReport:
    """One municipality's xlsx and html, in its own folder."""
    folder = out_dir / p.dirname
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{round_part(p.round.round_id)}_{p.dirname}"
    candidates, initiatives, matches, deployments, balance = _package_tables(p, has_scan)
    initiatives.html_skip = matches.html_skip = frozenset({"Hostgemeente"})  # always the own municipality
    xlsx = folder / f"{stem}.xlsx"
    write_workbook(
        xlsx,
        f"Participatienetwerk – {p.gemeente.naam} – ronde {p.round.round_id}",
        _package_intro(p),
        [candidates, initiatives, matches, deployments, balance],
    ).close()
    chart = charts.hours_chart([p.summary], f"{p.gemeente.naam}: uren gegeven en ontvangen")
    html = folder / f"{stem}.html"
    html.write_text(
        render(
            "gemeente.html.j2",
            round=p.round, gemeente=p.gemeente, summary=p.summary, match_run=p.match_run,
            generated_at=p.generated_at, candidates=candidates, initiatives=initiatives, matches=matches,
            deployments=deployments, balance=balance, chart=data_uri(chart),
        ),
        encoding="utf-8",
    )
    return GemeenteReport(p.gemeente.code, p.gemeente.naam, xlsx, html)


def _percent(value: float | None) -> str:
    return "nog geen feedback" if value is None else f"{number(value * 100, 0)}%"


def _scan_notes(scan: ScanStats) -> list[str]:
    return [
        f"Berichten verzameld: {number(scan.items)}; kandidaat-initiatieven: {number(scan.candidates)} (berichten over "
        f"hetzelfde initiatief tellen als één), waarvan {number(scan.candidates_round)} op de kandidatenlijsten van deze ronde.",
        f"Precisie volgens feedback van gemeenten: {_percent(scan.precision_round)} in deze ronde "
        f"({number(scan.relevant_round)} relevant, {number(scan.niet_relevant_round)} niet relevant); "
        f"{_percent(scan.precision)} over alle rondes.",
    ]


def _overview_totals(o: Overview) -> dict[str, float]:
    proposed = [m for m in o.matches if m.soort == PROPOSED]
    return {
        "initiatieven": len(o.initiatives),
        "consultants": sum(s.consultants for s in o.summaries),
        "matches": len(proposed),
        "uren_toegekend": sum(m.hours or 0 for m in proposed),
        "uren_tekort": sum(i.tekort for i in o.initiatives),
    }


def _overview_intro(o: Overview, totals: dict[str, float]) -> list[str]:
    run = o.match_run
    run_line = (
        f"Matchset berekend op {datum(run.solved_at)}, status {solver_status(run.status)}"
        + (f", optimaliteitsmarge {number((run.gap or 0) * 100, 2)}%" if run.gap is not None else "")
        + "."
        if run
        else "De matchset voor deze ronde is nog niet berekend."
    )
    return [
        f"Ronde {o.round.round_id}: {len(o.round.gemeenten)} deelnemende gemeenten, {number(o.round.inwoners)} inwoners. "
        f"Gemaakt op {datum(o.generated_at)}.",
        run_line,
        f"{number(totals['initiatieven'])} initiatieven, {number(totals['consultants'])} consultants, "
        f"{number(totals['matches'])} voorgestelde matches met samen {number(totals['uren_toegekend'])} uren; "
        f"nog {number(totals['uren_tekort'], 1)} uren gevraagd zonder consultant.",
        f"Kostenverdeling: {euro(o.allocation.budget)} naar rato van inwoners, € {number(o.allocation.rate_per_inhabitant, 4)} per inwoner.",
        *_fill_in_lines(candidates=False),
        "Inwonertallen en gemeentegrenzen: Bron: CBS (StatLine en Wijk- en Buurtkaart 2024), CC BY 4.0.",
    ]


def write_overview(con: duckdb.DuckDBPyConnection, o: Overview, out_dir: Path, paths: ReportPaths) -> None:
    """The coordinator's xlsx and html, and the two charts as separate PNG files."""
    folder = out_dir / OVERVIEW_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{round_part(o.round.round_id)}_overzicht"
    totals = _overview_totals(o)
    summaries = tables.summaries_table(o.summaries)
    matches = tables.matches_table(o.matches, o.match_run is not None)
    initiatives = tables.initiatives_table(o.initiatives)
    unmet_theme = tables.unmet_table(o.unmet_per_theme, per_theme=True)
    unmet = tables.unmet_table(o.unmet)
    sources = tables.sources_table(o.scan.sources)
    sources.notes = _scan_notes(o.scan)
    costs = tables.costs_table(o)

    chart = charts.hours_chart(o.summaries, "Uren gegeven en ontvangen per gemeente")
    kaart = charts.hours_map(con, o.summaries)
    paths.chart_png, paths.map_png = folder / "uren_per_gemeente.png", folder / "kaart_uren.png"
    paths.chart_png.write_bytes(chart)
    paths.map_png.write_bytes(kaart)

    paths.overview_xlsx = folder / f"{stem}.xlsx"
    wb = write_workbook(
        paths.overview_xlsx,
        f"Participatienetwerk – overzicht ronde {o.round.round_id}",
        _overview_intro(o, totals),
        [summaries, matches, initiatives, unmet_theme, unmet, sources, costs],
    )
    sheet = wb.get_worksheet_by_name(summaries.sheet)
    insert_png(sheet, len(summaries.rows) + 4, 0, "uren_per_gemeente.png", chart)
    insert_png(sheet, len(summaries.rows) + 4, 7, "kaart_uren.png", kaart)
    wb.close()

    paths.overview_html = folder / f"{stem}.html"
    paths.overview_html.write_text(
        render(
            "overzicht.html.j2",
            round=o.round, generated_at=o.generated_at, match_run=o.match_run, totals=totals, scan=o.scan,
            precision=_percent(o.scan.precision), precision_round=_percent(o.scan.precision_round),
            summaries=summaries, matches=matches, initiatives=initiatives, unmet_theme=unmet_theme, unmet=unmet,
            sources=sources, costs=costs, chart=data_uri(chart), map=data_uri(kaart),
        ),
        encoding="utf-8",
    )


def write_round_reports(
    con: duckdb.DuckDBPyConnection, round_id: str, out_dir: str | Path, budget: float | None = None
) -> ReportPaths:
    """Write every municipality's package and the coordinator's overview for `round_id` to `out_dir`.

    Reads only what is in the warehouse (an absent match set or candidate list gives empty
    sections with a Dutch note). Raises `RoundError` for an unknown round.
    """
    data = RoundData(con, round_id, budget)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"De map {out} kan niet worden gebruikt voor de rapporten: {exc.strerror or exc}.") from exc
    paths = ReportPaths(round_id, out)
    has_scan = data.scan.items > 0
    for package in data.packages():
        paths.gemeenten.append(write_package(package, out, has_scan))
    write_overview(con, data.overview(), out, paths)
    paths.evaluation_xlsx, paths.evaluation_html = write_evaluation_report(con, round_id, out / OVERVIEW_DIR)
    return paths
