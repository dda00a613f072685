"""Builders for the intake test corpus: registrations written the ways municipalities send them."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl

from warehouse.rounds import create_round

ROUND = "T1"
ROUND_GEMEENTEN = ["Zeist", "De Bilt", "Bunnik", "Amersfoort"]

INITIATIVE_HEADER = [
    "gemeente", "titel", "omschrijving", "initiatiefnemer", "contactpersoon", "contact_email",
    "woonplaats", "themas", "uren_gevraagd", "hulpvraag", "prioriteit", "ingediend_op",
]
CONSULTANT_HEADER = [
    "naam", "email", "gemeente", "functie", "expertise", "themas", "uren_beschikbaar",
    "beschikbaar_vanaf", "beschikbaar_tot", "akkoord_werkgever",
]


def initiative(titel: str = "Buurtmoestuin De Brink", **over: str) -> list[str]:
    row = {
        "gemeente": "Zeist", "titel": titel, "omschrijving": "Bewoners leggen samen een moestuin aan.",
        "initiatiefnemer": "Stichting Groen Dorp", "contactpersoon": "Anna de Vries",
        "contact_email": "anna@groendorp.nl", "woonplaats": "Austerlitz",
        "themas": "Groen & openbare ruimte; Financiering & subsidies", "uren_gevraagd": "40",
        "hulpvraag": "Hulp bij de subsidieaanvraag.", "prioriteit": "2", "ingediend_op": "15-01-2027",
    }
    row.update(over)
    return [row[c] for c in INITIATIVE_HEADER]


def consultant(email: str = "p.jansen@debilt.nl", **over: str) -> list[str]:
    row = {
        "naam": "Pieter Jansen", "email": email, "gemeente": "De Bilt", "functie": "Beleidsadviseur",
        "expertise": "Energiecoöperaties en subsidies", "themas": "energie;financiering",
        "uren_beschikbaar": "80", "beschikbaar_vanaf": "1-2-2027", "beschikbaar_tot": "30/06/2027",
        "akkoord_werkgever": "ja",
    }
    row.update(over)
    return [row[c] for c in CONSULTANT_HEADER]


def write_text(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8",
               above: list[list[str]] = ()) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([*above, *rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], above: list[list[object]] = (), sheet: str = "Blad1") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in [*above, *rows]:
        ws.append(row)
    wb.save(path)
    return path


def make_round(con) -> None:
    create_round(con, ROUND, ROUND_GEMEENTEN, date(2027, 1, 15), date(2027, 3, 1))
