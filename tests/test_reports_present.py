"""Dutch wording of stored values and safe names, for inputs of any shape."""

from __future__ import annotations

import json
import re
from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from reports.naming import package_dirname, round_part, slug
from reports.present import datum, evidence_text, is_web_link, match_explanation, solver_status, theme_labels


@given(st.text())
def test_slug_is_always_a_plain_file_name(name):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug(name))


@given(st.text())
def test_round_part_never_leaves_its_folder(round_id):
    part = round_part(round_id)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", part) and part not in (".", "..")


def test_package_dirname_keeps_the_code():
    assert package_dirname("GM0796", "'s-Hertogenbosch") == "GM0796_s-hertogenbosch"


def test_only_http_and_https_become_links():
    assert is_web_link("https://www.dtvnieuws.nl/x") and is_web_link("HTTP://omroep.nl/")
    for url in ("javascript:alert(1)", "file:///etc/passwd", "https://", "www.ed.nl/x", "", None, " data:text/html,x"):
        assert not is_web_link(url), url


def test_the_classifiers_evidence_reads_as_one_dutch_line():
    from nlp.model import load_classifier

    [out] = load_classifier().classify([{
        "id": "1", "url": "https://www.rtvutrecht.nl/zeist/moestuin",
        "text": "In Zeist hebben vrijwilligers van de Stichting Buurtgroen samen met bewoners een moestuin aangelegd.",
    }])
    line = evidence_text(json.dumps(out["evidence"]))
    assert line.startswith("signaalwoorden: ")
    assert "plaats: Zeist (uit de tekst)" in line  # the URL's 'zeist' is the same place, named once
    assert "Groen & openbare ruimte (moestuin)" in line.split("thema's: ")[1]
    assert not any(key in line for key in ("classifier", "mentions", "via", "ambiguous", "groen:"))


def test_how_the_municipality_was_settled_is_said_in_dutch():
    unsettled = {"gemeente": {"mentions": [], "via": "onbekend", "ambiguous": ["Beek"]}}
    assert evidence_text(unsettled) == "plaats: niet vast te stellen; niet eenduidig: Beek"
    by_source = {"gemeente": {"mentions": ["Bergen"], "via": "tekst+bron", "ambiguous": []}}
    assert evidence_text(by_source) == "plaats: Bergen (uit de tekst, beslist door het gebied van de bron)"
    spelled_twice = {"gemeente": {"mentions": ["'t Goy", "Houten", "t goy"], "via": "tekst", "ambiguous": []}}
    assert evidence_text(spelled_twice) == "plaats: 't Goy, Houten (uit de tekst)"


def test_other_evidence_reads_as_one_line():
    assert evidence_text(json.dumps(["buurtmoestuin", "vrijwilligers"])) == "buurtmoestuin, vrijwilligers"
    assert evidence_text("gewone tekst, geen JSON") == "gewone tekst, geen JSON"
    assert evidence_text(None) == ""
    assert evidence_text(json.dumps({"score": 0.875})) == "score: 0,88"


def test_match_explanation_names_shared_themes_and_components():
    why = match_explanation(json.dumps({"themes": 0.5, "text": 0.25, "travel": 0.9, "distance_km": 23.4}), ["groen"])
    assert why == ("gedeelde thema's: Groen & openbare ruimte; thema-overlap: 0,50; tekstovereenkomst: 0,25; "
                   "nabijheid (0-1): 0,90; afstand: 23 km")
    assert match_explanation(None, []) == ""


def test_dates_themes_and_status_in_dutch():
    assert datum(datetime(2027, 1, 5, 9, 0)) == "05-01-2027" and datum(None) == ""
    assert theme_labels(["energie", "onbekend"]) == ["Energie & duurzaamheid", "onbekend"]
    assert solver_status("optimaal") == "optimaal (bewezen binnen de ingestelde marge)"
    assert solver_status("tijdslimiet").startswith("tijdslimiet bereikt") and solver_status("iets anders") == "iets anders"
