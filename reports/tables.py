"""The report tables, defined once and written to both xlsx and html.

A `Table` is a list of columns and rows of plain values. Key columns (hidden in xlsx, absent in
html) identify each row for the decision intake; choice columns carry a drop-down in xlsx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from reports.collect import (
    CandidateRow,
    Deployment,
    GemeenteSummary,
    IdleConsultant,
    InitiativeRow,
    PROPOSED,
    MatchRow,
    Overview,
    SourceStat,
    UnmetNeed,
)
from pnet.formatting import hours
from reports.present import datum
from warehouse.intake.decisions import shown_decision

CANDIDATE_LABELS = ("relevant", "niet relevant")
MATCH_DECISIONS = ("akkoord", "afgewezen")


@dataclass(frozen=True)
class Link:
    """A source link: shown as `text`, a hyperlink only when `url` is http(s)."""

    text: str
    url: str


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 16
    kind: str = "text"  # text | wrap | int | hours | decimal | euro | euro4 | date | link | choice | key | mixed
    choices: tuple[str, ...] = ()


@dataclass
class Table:
    sheet: str  # xlsx sheet name (max 31 characters)
    title: str  # heading in html
    columns: list[Column]
    rows: list[list[Any]]
    empty_note: str
    intro: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. "Bron: CBS"
    row_classes: list[str] = field(default_factory=list)  # html class per row (alternates look quieter)
    html_skip: frozenset[str] = frozenset()  # headers left out of the html (e.g. the own municipality)
    input_rows: int = 0  # xlsx: drop-downs reach at least this many rows (a form to fill in by hand)
    total_row: bool = False  # the last row sums the others: kept out of the xlsx filter (so sorting leaves it last)

    @property
    def visible(self) -> list[int]:
        """Columns shown in html: no key columns, none in `html_skip`."""
        return [i for i, c in enumerate(self.columns) if c.kind != "key" and c.header not in self.html_skip]


def _yes_no(flag: bool) -> str:
    return "ja" if flag else "nee"


def _join(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def candidates_table(rows: list[CandidateRow], round_id: str, has_scan: bool, since: date | None = None) -> Table:
    note = (
        "Er zijn in deze ronde (nog) geen nieuwe kandidaat-initiatieven in de media gevonden voor deze gemeente."
        if has_scan
        else "Er zijn nog geen kandidaat-initiatieven: de mediascan en herkenning hebben voor deze ronde nog niets opgeleverd."
    )
    return Table(
        sheet="Kandidaten",
        title="Kandidaat-initiatieven uit de media",
        intro="Mogelijke burgerinitiatieven die in lokaal nieuws en sociale media zijn gevonden"
        + (f", uit berichten van {datum(since)} of later" if since else "")
        + ". Geef per regel aan of het een relevant initiatief is (kolom Beoordeling).",
        columns=[
            Column("Titel", 48, "wrap"),
            Column("Datum", 12, "date"),
            Column("Bron", 34, "link"),
            Column("Score", 8, "decimal"),
            Column("Thema's", 30, "wrap"),
            Column("Onderbouwing", 60, "wrap"),
            Column("Beoordeling", 16, "choice", CANDIDATE_LABELS),
            Column("item_id", kind="key"),
            Column("round_id", kind="key"),
            Column("gemeentecode", kind="key"),
            Column("vooraf", kind="key"),
        ],
        rows=[
            [c.title, c.published, Link(c.source or c.url, c.url), c.score, _join(c.themes), c.evidence,
             c.label or "", c.item_id, round_id, c.gemeentecode, shown_decision(c.label)]
            for c in rows
        ],
        empty_note=note,
    )


def initiatives_table(rows: list[InitiativeRow]) -> Table:
    return Table(
        sheet="Initiatieven",
        title="Initiatieven en toegekende uren",
        columns=[
            Column("Hostgemeente", 20),
            Column("Initiatief", 40, "wrap"),
            Column("Woonplaats", 18),
            Column("Initiatiefnemer", 24),
            Column("Thema's", 30, "wrap"),
            Column("Hulpvraag", 50, "wrap"),
            Column("Uren gevraagd", 10, "hours"),
            Column("Uren toegekend", 10, "int"),
            Column("Tekort", 10, "hours"),
            Column("Voorgestelde consultants", 30, "wrap"),
            Column("Herkomst", 18),
            Column("initiative_id", kind="key"),
        ],
        rows=[
            [i.host_naam, i.titel, i.woonplaats, i.initiatiefnemer, _join(i.themes), i.hulpvraag,
             i.uren_gevraagd, i.uren_toegekend, i.tekort, _join(i.consultants), i.herkomst, i.initiative_id]
            for i in rows
        ],
        empty_note="Voor deze ronde zijn (nog) geen initiatieven aangemeld.",
    )


def matches_table(rows: list[MatchRow], has_run: bool) -> Table:
    return Table(
        sheet="Matches",
        title="Voorgestelde consultants en alternatieven",
        intro="Per initiatief de voorgestelde consultant(s) uit een andere gemeente, met de uren en de reden "
        "van de match, en daaronder de alternatieven. Alternatieven die nog uren vrij hebben staan bovenaan; "
        "wie geen uren meer vrij heeft, kan alleen ingezet worden als het overleg elders uren vrijmaakt. "
        "Vul in het gezamenlijk overleg de kolom Besluit in (akkoord of afgewezen); bij een alternatief dat "
        "akkoord krijgt, vult u ook de uren in (niet meer dan de uren die nog vrij zijn). Onderaan per initiatief "
        "staan de koppelingen die het overleg heeft afgewezen; die worden niet meer voorgesteld.",
        columns=[
            Column("Hostgemeente", 20),
            Column("Initiatief", 36, "wrap"),
            Column("Woonplaats", 16),
            Column("Soort", 14),
            Column("Consultant", 24),
            Column("Thuisgemeente", 20),
            Column("Functie", 22, "wrap"),
            Column("E-mail", 28),
            Column("Uren", 8, "int"),
            Column("Nog vrij (uur)", 10, "int"),
            Column("Beschikbaar", 18, "wrap"),
            Column("Score", 8, "decimal"),
            Column("Waarom deze match", 56, "wrap"),
            Column("Vastgelegd", 11),
            Column("Besluit", 14, "choice", MATCH_DECISIONS),
            Column("round_id", kind="key"),
            Column("initiative_id", kind="key"),
            Column("consultant_id", kind="key"),
            Column("vooraf", kind="key"),
        ],
        rows=[
            [m.host_naam, m.initiative, m.woonplaats, m.soort_label, m.consultant, m.home_naam, m.functie, m.email,
             m.hours, m.hours_free, m.available, m.score, m.why, _yes_no(m.locked), m.besluit or "", m.round_id,
             m.initiative_id, m.consultant_id, shown_decision(m.besluit, m.hours)]
            for m in rows
        ],
        row_classes=["" if m.soort == PROPOSED else m.soort for m in rows],
        empty_note="Er zijn (nog) geen voorgestelde matches voor deze initiatieven."
        if has_run
        else "De matchset voor deze ronde is nog niet berekend; er zijn nog geen voorgestelde consultants.",
    )


def _idle_notes(idle: list[IdleConsultant]) -> list[str]:
    """Own consultants not deployed, so the municipality can act (ask for the employer's consent)."""
    def names(people: list[IdleConsultant]) -> str:
        return ", ".join(f"{c.naam} ({hours(c.uren_beschikbaar)} uur)" for c in people)

    notes = []
    if without := [c for c in idle if not c.akkoord_werkgever]:
        notes.append("Niet ingezet omdat het akkoord van de werkgever ontbreekt: " + names(without)
                     + ". Met dat akkoord kunnen zij bij een volgende matching meedoen.")
    if unused := [c for c in idle if c.akkoord_werkgever]:
        notes.append("Aangemeld maar in deze matchset niet ingezet: " + names(unused) + ".")
    return notes


def deployments_table(rows: list[Deployment], idle: list[IdleConsultant] = ()) -> Table:
    return Table(
        sheet="Eigen consultants",
        title="Eigen consultants ingezet bij andere gemeenten",
        intro="Uw medewerkers die bij een initiatief in een andere gemeente zijn voorgesteld. De contactgegevens van de "
        "initiatiefnemers staan niet in dit bestand: na akkoord in het overleg brengt de coördinator de consultant met "
        "het initiatief in contact.",
        columns=[
            Column("Consultant", 24),
            Column("Functie", 22, "wrap"),
            Column("E-mail", 28),
            Column("Ingezet bij gemeente", 22),
            Column("Initiatief", 36, "wrap"),
            Column("Woonplaats", 16),
            Column("Thema's", 30, "wrap"),
            Column("Uren", 8, "int"),
            Column("Vastgelegd", 11),
            Column("Besluit", 12),
            Column("consultant_id", kind="key"),
        ],
        rows=[
            [d.consultant, d.functie, d.email, d.host_naam, d.initiative, d.woonplaats, _join(d.themes), d.hours,
             _yes_no(d.locked), d.besluit or "", d.consultant_id]
            for d in rows
        ],
        empty_note="Er zijn (nog) geen eigen consultants gekoppeld aan een initiatief in een andere gemeente.",
        notes=_idle_notes(list(idle)),
    )


def balance_table(s: GemeenteSummary, rate: Decimal, budget: Decimal) -> Table:
    values: list[tuple[str, Any, str]] = [
        ("Inwoners (1 januari 2024)", s.gemeente.inwoners, "int"),
        ("Uren gevraagd door eigen initiatieven", s.uren_gevraagd, "hours"),
        ("Uren beschikbaar van eigen consultants", s.uren_beschikbaar, "hours"),
        ("Uren ontvangen (consultants uit andere gemeenten)", s.uren_ontvangen, "int"),
        ("Uren gegeven (eigen consultants elders)", s.uren_gegeven, "int"),
        ("Saldo (ontvangen − gegeven)", s.saldo, "int"),
        ("Kostenaandeel", s.kosten, "euro"),
        ("Bijdrage per inwoner", rate, "euro4"),
        ("Totaalbudget van het netwerk", budget, "euro"),
    ]
    return Table(
        sheet="Uren en kosten",
        title="Uren gegeven en ontvangen, en kostenaandeel",
        columns=[Column("Onderdeel", 46), Column("Waarde", 18, "mixed")],
        rows=[[label, (value, kind)] for label, value, kind in values],
        empty_note="",
        notes=["Kosten naar rato van het inwonertal. Inwoners: Bron: CBS (StatLine, 1 januari 2024)."],
    )


def summaries_table(rows: list[GemeenteSummary]) -> Table:
    return Table(
        sheet="Uren per gemeente",
        title="Uren gegeven en ontvangen per gemeente",
        columns=[
            Column("Gemeente", 24), Column("Code", 9), Column("Initiatieven", 11, "int"), Column("Consultants", 11, "int"),
            Column("Kandidaten", 11, "int"), Column("Uren gevraagd", 12, "hours"), Column("Uren beschikbaar", 12, "hours"),
            Column("Uren ontvangen", 12, "int"), Column("Uren gegeven", 12, "int"), Column("Saldo", 10, "int"),
        ],
        rows=[
            [s.gemeente.naam, s.gemeente.code, s.initiatieven, s.consultants, s.kandidaten, s.uren_gevraagd,
             s.uren_beschikbaar, s.uren_ontvangen, s.uren_gegeven, s.saldo]
            for s in rows
        ],
        empty_note="Deze ronde heeft geen deelnemende gemeenten.",
    )


def unmet_table(rows: list[UnmetNeed], per_theme: bool = False) -> Table:
    columns = [Column("Thema", 32), Column("Initiatieven", 11, "int"), Column("Uren tekort", 12, "hours")]
    if not per_theme:
        columns.insert(0, Column("Gemeente", 24))
    return Table(
        sheet="Tekort per thema" if per_theme else "Onvervulde vraag",
        title="Onvervulde vraag per thema" if per_theme else "Onvervulde vraag per gemeente en thema",
        intro="Uren die initiatieven vroegen maar (nog) niet kregen. Heeft een initiatief meerdere thema's, "
        "dan is het tekort gelijk over die thema's verdeeld.",
        columns=columns,
        rows=[([] if per_theme else [u.host_naam]) + [u.thema, u.initiatieven, u.uren] for u in rows],
        empty_note="Alle gevraagde uren zijn toegekend, of er zijn nog geen initiatieven.",
    )


def costs_table(overview: Overview) -> Table:
    a = overview.allocation
    rows = [[s.gemeente.naam, s.gemeente.code, s.gemeente.provincie, s.gemeente.inwoners, s.bedrag] for s in a.shares]
    rows.append(["Totaal", "", "", sum(s.gemeente.inwoners for s in a.shares), sum(s.bedrag for s in a.shares)])
    return Table(
        sheet="Kostenverdeling",
        title="Kostenverdeling naar inwonertal",
        columns=[Column("Gemeente", 24), Column("Code", 9), Column("Provincie", 16), Column("Inwoners", 12, "int"), Column("Bedrag", 14, "euro")],
        rows=rows,
        empty_note="",
        notes=["Inwoners per 1 januari 2024. Bron: CBS (StatLine 85755NED), CC BY 4.0."],
        total_row=True,
    )


def sources_table(rows: list[SourceStat]) -> Table:
    return Table(
        sheet="Scan",
        title="Mediascan per bron",
        columns=[Column("Bron", 36), Column("Scans", 8, "int"), Column("Berichten", 10, "int"), Column("Fouten", 8, "int"), Column("Laatste scan", 14, "date")],
        rows=[[s.source, s.scans, s.items, s.errors, s.laatste_scan] for s in rows],
        empty_note="Er is nog geen mediascan uitgevoerd.",
    )

