"""`pnet templates`: the registration workbooks municipalities fill in, with drop-downs and checks.

Each workbook has the data sheet 'Aanmeldingen' (header in row 1, exactly the intake's column names),
an 'Instructie' sheet, and a hidden 'Lijsten' sheet that holds the drop-down sources (Excel limits an
inline list to 255 characters, so longer lists must point to a range).
"""

from __future__ import annotations

from datetime import date
from itertools import zip_longest
from pathlib import Path

import xlsxwriter

from pnet.safe_xlsx import write_row, write_sheet
from pnet.themes import themes
from warehouse import reference
from warehouse.intake.kinds import Kind, get_kind
from warehouse.intake.load import intake_settings

DATA_ROWS = 2000
FILES = {"initiatives": "aanmelding_initiatieven.xlsx", "consultants": "aanmelding_consultants.xlsx"}

# Per column: what to fill in (Dutch), an example, and the kind of cell check.
HELP = {
    "initiatives": {
        "gemeente": ("Gemeente waar het initiatief plaatsvindt (kies uit de lijst).", "Zeist", "gemeente"),
        "titel": ("Korte naam van het initiatief; per gemeente uniek.", "Buurtmoestuin De Brink", "text"),
        "omschrijving": ("Wat het initiatief doet, in een paar zinnen.", "Bewoners leggen een moestuin aan op een braakliggend veld.", "text"),
        "initiatiefnemer": ("Persoon, stichting of vereniging achter het initiatief.", "Stichting Groen Dorp", "text"),
        "contactpersoon": ("Naam van de contactpersoon.", "Anna de Vries", "text"),
        "contact_email": ("E-mailadres van de contactpersoon.", "anna@groendorp.nl", "text"),
        "woonplaats": ("Dorp, kern of wijk (optioneel).", "Austerlitz", "text"),
        "themas": ("Eén of meer thema's uit de lijst; meerdere scheiden met ';'.", "Groen & openbare ruimte; Financiering & subsidies", "themas"),
        "uren_gevraagd": ("Aantal uren ondersteuning dat het initiatief vraagt in deze ronde.", "40", "uren_initiatief"),
        "hulpvraag": ("Waar zoekt het initiatief hulp bij?", "Hulp bij een subsidieaanvraag en afspraken over het terrein.", "text"),
        "prioriteit": ("Optioneel: 1 (hoog), 2 of 3 (laag). Leeg is 1.", "2", "prioriteit"),
        "ingediend_op": ("Optioneel: datum van aanmelding (dd-mm-jjjj).", "15-01-2027", "date"),
    },
    "consultants": {
        "naam": ("Voor- en achternaam van de medewerker.", "Pieter Jansen", "text"),
        "email": ("Zakelijk e-mailadres; hiermee herkennen we de consultant.", "p.jansen@gemeente.nl", "text"),
        "gemeente": ("Gemeente die de medewerker in dienst heeft (kies uit de lijst).", "De Bilt", "gemeente"),
        "functie": ("Functie of rol (optioneel).", "Beleidsadviseur duurzaamheid", "text"),
        "expertise": ("Kennis en ervaring in eigen woorden (optioneel).", "Energiecoöperaties, subsidies, wijkaanpak", "text"),
        "themas": ("Eén of meer thema's uit de lijst; meerdere scheiden met ';'.", "Energie & duurzaamheid; Financiering & subsidies", "themas"),
        "uren_beschikbaar": ("Aantal uren beschikbaar in deze ronde.", "80", "uren_consultant"),
        "beschikbaar_vanaf": ("Optioneel: eerste beschikbare datum (dd-mm-jjjj).", "01-02-2027", "date"),
        "beschikbaar_tot": ("Optioneel: laatste beschikbare datum (dd-mm-jjjj).", "30-06-2027", "date"),
        "akkoord_werkgever": ("Heeft de leidinggevende ingestemd? ja of nee.", "ja", "janee"),
    },
}

_INTRO = {
    "initiatives": "Meld hier burgerinitiatieven aan die hulp zoeken. U mag onbeperkt initiatieven aanmelden.",
    "consultants": "Meld hier medewerkers aan die als consultant een initiatief in een andere gemeente ondersteunen. "
    "Inzet gebeurt altijd in overleg met de werkgever.",
}


def write_templates(out_dir: Path, gemeenten: list[str] | None = None, round_id: str | None = None) -> list[Path]:
    """Write both templates into `out_dir`; the gemeente drop-down lists `gemeenten` (default: all)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = sorted(gemeenten or reference.gemeenten()["gemeentenaam"].tolist(), key=str.casefold)
    return [_write(get_kind(kind), out_dir / file, names, round_id) for kind, file in FILES.items()]


def _write(kind: Kind, path: Path, gemeenten: list[str], round_id: str | None) -> Path:
    help_ = HELP[kind.name]
    wb = xlsxwriter.Workbook(str(path))
    try:
        _instructions(wb, kind, help_, round_id)
        data = wb.add_worksheet("Aanmeldingen")
        lists = write_sheet(
            wb, "Lijsten", ["gemeente", "thema", "code"],
            ([g, t and t.label, t and t.code] for g, t in zip_longest(gemeenten, themes())),
        )
        lists.hide()
        header = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        text = wb.add_format({"num_format": "@"})
        dates = wb.add_format({"num_format": "dd-mm-yyyy"})
        write_row(data, 0, [c.name for c in kind.columns], header)
        data.freeze_panes(1, 0)
        ranges = {
            "gemeente": f"=Lijsten!$A$2:$A${len(gemeenten) + 1}",
            "themas": f"=Lijsten!$B$2:$B${len(themes()) + 1}",
        }
        for col, column in enumerate(kind.columns):
            check = help_[column.name][2]
            width = 40 if check in ("text", "themas") and column.name not in ("titel",) else 22
            data.set_column(col, col, width, dates if check == "date" else text if check == "text" else None)
            rule = _validation(check, ranges, column.name, help_[column.name][0])
            if rule:
                data.data_validation(1, col, DATA_ROWS, col, rule)
        data.activate()
    finally:
        wb.close()
    return path


def _validation(check: str, ranges: dict[str, str], name: str, help_text: str) -> dict | None:
    cfg = intake_settings()
    base = {"input_title": name[:32], "input_message": help_text[:255]}
    if check == "gemeente":
        return {**base, "validate": "list", "source": ranges["gemeente"],
                "error_title": "Onbekende gemeente", "error_message": "Kies een gemeente uit de lijst."}
    if check == "themas":
        # One label per pick; typing several separated by ';' must stay possible, so only inform.
        return {**base, "validate": "list", "source": ranges["themas"], "error_type": "information",
                "error_title": "Thema's", "error_message": "Meerdere thema's? Scheid ze met ';'. Gebruik de namen uit de lijst."}
    if check in ("uren_initiatief", "uren_consultant"):
        cap = cfg.get("max_uren_initiatief" if check == "uren_initiatief" else "max_uren_consultant")
        return {**base, "validate": "decimal", "criteria": "between", "minimum": 0.5, "maximum": cap,
                "error_title": "Aantal uren", "error_message": f"Vul een aantal uren in tussen 0,5 en {cap}."}
    if check == "prioriteit":
        return {**base, "validate": "list", "source": ["1", "2", "3"],
                "error_title": "Prioriteit", "error_message": "Kies 1 (hoog), 2 of 3 (laag)."}
    if check == "janee":
        return {**base, "validate": "list", "source": ["ja", "nee"],
                "error_title": "Akkoord werkgever", "error_message": "Kies ja of nee."}
    if check == "date":
        return {**base, "validate": "date", "criteria": "between", "minimum": date(2020, 1, 1),
                "maximum": date(2100, 12, 31), "error_title": "Datum", "error_message": "Vul een datum in, bijv. 15-01-2027."}
    return {**base, "validate": "any"}


def _instructions(wb: xlsxwriter.Workbook, kind: Kind, help_: dict, round_id: str | None) -> None:
    ws = write_sheet(
        wb, "Instructie", ["kolom", "verplicht", "wat vult u in", "voorbeeld"],
        ([c.name, "ja" if c.required else "nee", *help_[c.name][:2]] for c in kind.columns),
        widths=(22, 10, 70, 50),
    )
    wrap = wb.add_format({"text_wrap": True})
    first = len(kind.columns) + 2
    notes = [
        f"Aanmelding {kind.label}" + (f" voor ronde {round_id}" if round_id else "") + ".",
        _INTRO[kind.name],
        "Vul het tabblad 'Aanmeldingen' in, één rij per aanmelding, en laat de kopregel staan.",
        "Thema's: " + "; ".join(f"{t.label} ({t.code})" for t in themes()),
        "U ontvangt een ontvangstbevestiging met per rij: geladen, afgewezen (met reden) of al eerder aangemeld.",
        "Dezelfde aanmelding opnieuw insturen (zelfde gemeente en titel, of zelfde e-mailadres) werkt de gegevens bij.",
    ]
    for n, note in enumerate(notes, start=first):
        ws.merge_range(n, 0, n, 3, "", wrap)
        ws.write_string(n, 0, note, wrap)
