"""A small, realistic round for the report tests, written straight into the warehouse tables."""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd

from warehouse import reference
from warehouse.db import replace_rows
from warehouse.rounds import create_round

ROUND = "2027-R1"
DEN_BOSCH, BERGEN, NUENEN, EINDHOVEN = "GM0796", "GM0373", "GM0820", "GM0772"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x")'


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def fill_round(con) -> None:
    """Four municipalities with awkward names, initiatives, consultants, a match set and candidates."""
    create_round(con, ROUND, ["'s-Hertogenbosch", "Bergen (NH.)", "Nuenen, Gerwen en Nederwetten", "Eindhoven"],
                 date(2027, 1, 15), date(2027, 3, 1))
    replace_rows(con, "gemeente_boundaries", reference.boundaries())

    def ini(iid, code, titel, themas, uren, **kw):
        return {"round_id": ROUND, "initiative_id": iid, "gemeentecode": code, "titel": titel, "themas": themas,
                "uren_gevraagd": uren, "woonplaats": kw.get("woonplaats"), "omschrijving": kw.get("omschrijving"),
                "initiatiefnemer": kw.get("initiatiefnemer"), "contactpersoon": kw.get("contactpersoon"),
                "contact_email": kw.get("contact_email"), "hulpvraag": kw.get("hulpvraag"), "prioriteit": 1}

    replace_rows(con, "initiatives", _frame([
        ini("I1", DEN_BOSCH, "Buurtmoestuin De Groene Hof", ["groen", "financiering"], 40.0, woonplaats="'s-Hertogenbosch",
            initiatiefnemer="Stichting De Groene Hof", contactpersoon="Ria Hof", contact_email="ria@groenehof.nl",
            hulpvraag="Hulp bij een subsidieaanvraag voor de moestuin"),
        ini("I2", DEN_BOSCH, "Dorpshuis Rosmalen", ["vastgoed", "rechtsvorm"], 60.0, woonplaats="Rosmalen",
            hulpvraag="Overname van het dorpshuis door bewoners"),
        ini("I3", NUENEN, "Energiecoöperatie Nuenen", ["energie", "rechtsvorm"], 30.0, woonplaats="Nuenen",
            contact_email="info@energienuenen.nl", hulpvraag="Statuten en ledenwerving"),
        ini("I4", BERGEN, FORMULA, ["participatie"], 20.0, woonplaats="Egmond aan Zee", omschrijving=SCRIPT,
            hulpvraag=SCRIPT),
        ini("I6", EINDHOVEN, "Repair Café Strijp", ["economie"], 16.0, woonplaats="Eindhoven",
            contact_email="strijp@repaircafe.nl"),
    ]))

    def cons(cid, naam, code, themas, uren, akkoord=True):
        return {"round_id": ROUND, "consultant_id": cid, "naam": naam, "email": f"{cid.lower()}@{code.lower()}.nl",
                "gemeentecode": code, "functie": "beleidsadviseur", "themas": themas, "uren_beschikbaar": uren,
                "akkoord_werkgever": akkoord, "beschikbaar_vanaf": date(2027, 3, 1) if cid == "C1" else None}

    replace_rows(con, "consultants", _frame([
        cons("C1", "Anna de Vries", NUENEN, ["groen", "financiering"], 40.0),
        cons("C2", "Bart Jansen", BERGEN, ["vastgoed", "rechtsvorm"], 60.0),
        cons("C3", "Chris Bakker", DEN_BOSCH, ["energie", "rechtsvorm"], 40.0),
        cons("C4", "Dana Smit", EINDHOVEN, ["participatie", "financiering"], 30.0),
        cons("C5", "Eva Mulder", EINDHOVEN, ["groen"], 20.0),
        cons("C6", "Femke de Wit", EINDHOVEN, ["zorg"], 160.0, akkoord=False),
    ]))

    def match(iid, cid, hours, score, locked=False):
        comp = {"themes": 1.0, "text": 0.41, "travel": 0.9, "distance_km": 8.2}
        return {"round_id": ROUND, "initiative_id": iid, "consultant_id": cid, "hours": hours, "score": score,
                "components": json.dumps(comp), "locked": locked}

    replace_rows(con, "match_set", _frame([
        match("I1", "C1", 24, 0.82), match("I1", "C4", 8, 0.55), match("I2", "C2", 40, 0.77, locked=True),
        match("I3", "C3", 30, 0.71), match("I4", "C4", 16, 0.48),
    ]))
    replace_rows(con, "match_alternates", _frame([
        {"round_id": ROUND, "initiative_id": "I1", "rank": 1, "consultant_id": "C5", "score": 0.6, "hours_free": 12},
        {"round_id": ROUND, "initiative_id": "I3", "rank": 1, "consultant_id": "C2", "score": 0.5, "hours_free": 0},
    ]))
    replace_rows(con, "match_decisions", _frame([
        {"round_id": ROUND, "initiative_id": "I2", "consultant_id": "C2", "decision": "akkoord", "hours": 40},
    ]))
    replace_rows(con, "match_runs", _frame([
        {"round_id": ROUND, "status": "optimaal", "objective": 81.5, "bound": 81.5, "gap": 0.0, "fairness": False},
    ]))

    def item(iid, title, url, source, code, is_ini=True, score=0.9, themes=("groen",), published=datetime(2027, 1, 20, 9, 30)):
        media = {"item_id": iid, "url": url, "canonical_url": url, "source": source, "kind": "news", "title": title,
                 "text": f"{title}. Bewoners starten een initiatief.", "published": published,
                 "fetched_at": datetime(2027, 1, 21), "language": "nl"}
        cand = {"item_id": iid, "model_version": "m1", "is_initiative": is_ini, "score": score, "gemeentecode": code,
                "themes": list(themes), "evidence": json.dumps({  # as nlp.model.Classifier writes it
                    "classifier": ["bewoners", "initi\u2026"], "gemeente": {"mentions": ["Rosmalen"], "via": "tekst", "ambiguous": []},
                    "themes": {t: ["moestuin"] for t in themes}})}
        return media, cand

    items = [
        item("M1", SCRIPT, "https://www.dtvnieuws.nl/nieuws/moestuin", "DTV Nieuws", DEN_BOSCH, score=0.91),
        item("M2", FORMULA, "javascript:alert(1)", "Facebook", DEN_BOSCH, score=0.7),
        item("M3", "Nuenen krijgt eigen buurtbus", "https://www.ed.nl/nuenen/buurtbus", "ED", NUENEN, themes=("mobiliteit",)),
        item("M4", "Ongeluk op de A2 bij Eindhoven", "https://www.ed.nl/eindhoven/ongeluk", "ED", EINDHOVEN, is_ini=False, score=0.1),
        item("M5", "Oude kandidaat Rosmalen", "https://www.dtvnieuws.nl/nieuws/oud", "DTV Nieuws", DEN_BOSCH),
        item("M6", "Egmond zet zwerfafval-team op", "https://www.nhnieuws.nl/egmond", "NH Nieuws", BERGEN),
        item("M0", "Rosmalen had ooit een buurtmoestuin", "https://www.omroepbrabant.nl/2025", "Omroep Brabant", DEN_BOSCH,
             published=datetime(2025, 12, 31)),
    ]
    replace_rows(con, "media_items", _frame([m for m, _ in items]))
    replace_rows(con, "candidates", _frame([c for _, c in items]))
    replace_rows(con, "candidate_feedback", _frame([
        {"item_id": "M5", "round_id": "2026-R2", "gemeentecode": DEN_BOSCH, "label": "niet relevant"},
        {"item_id": "M6", "round_id": ROUND, "gemeentecode": BERGEN, "label": "relevant"},
    ]))
    replace_rows(con, "scan_sources", _frame([
        {"scan_id": "2027-01-21", "source": "DTV Nieuws", "started_at": datetime(2027, 1, 21, 6), "items": 3, "errors": 0},
        {"scan_id": "2027-01-21", "source": "ED", "started_at": datetime(2027, 1, 21, 6), "items": 2, "errors": 1},
    ]))
