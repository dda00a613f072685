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


def test_evidence_of_any_shape_reads_as_one_line():
    assert evidence_text(json.dumps({"initiative": ["bewoners starten", "stichting"], "gemeente": ["Rosmalen"]})) == \
        "initiatief: bewoners starten, stichting; gemeente: Rosmalen"
    assert evidence_text(json.dumps(["buurtmoestuin", "vrijwilligers"])) == "buurtmoestuin, vrijwilligers"
    assert evidence_text("gewone tekst, geen JSON") == "gewone tekst, geen JSON"
    assert evidence_text(None) == ""
    assert evidence_text(json.dumps({"score": 0.875})) == "score: 0,88"


def test_match_explanation_names_shared_themes_and_components():
    why = match_explanation(json.dumps({"themes": 0.5, "text": 0.25, "travel": 0.9, "distance_km": 23.4}), ["groen"])
    assert why == ("gedeelde thema's: Groen & openbare ruimte; thema-overlap: 0,50; tekstovereenkomst: 0,25; "
                   "reisafstand: 0,90; afstand: 23 km")
    assert match_explanation(None, []) == ""


def test_dates_themes_and_status_in_dutch():
    assert datum(datetime(2027, 1, 5, 9, 0)) == "05-01-2027" and datum(None) == ""
    assert theme_labels(["energie", "onbekend"]) == ["Energie & duurzaamheid", "onbekend"]
    assert solver_status("optimal") == "optimaal" and solver_status("iets anders") == "iets anders"
