"""The cell parsers of the intake: what they accept, and the Dutch reason when they refuse."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from warehouse.intake import values as v
from warehouse.intake.kinds import Invalid

CTX = SimpleNamespace(cache={}, caps={"max_uren_consultant": 1000})


@pytest.mark.parametrize("text", ["15-01-2027", "15-1-2027", "15/01/2027", "15.01.27", "2027-01-15", " 2027-01-15 "])
def test_dates_in_dutch_and_iso_notation(text):
    assert v.parse_date(text, CTX) == date(2027, 1, 15)


@pytest.mark.parametrize("text", ["31-02-2027", "2027-13-01", "volgende week", "15-01"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(Invalid, match=f"'{text}' is geen geldige datum"):
        v.parse_date(text, CTX)


@pytest.mark.parametrize(("text", "level"), [("1", 1), ("2,0", 2), ("3", 3), ("Hoog", 1), ("middel", 2), ("laag", 3)])
def test_priority_as_number_or_word(text, level):
    assert v.priority(text, CTX) == level


@pytest.mark.parametrize("text", ["4", "1,5", "dringend"])
def test_other_priorities_are_refused(text):
    with pytest.raises(Invalid, match="is geen prioriteit: kies 1 \\(hoog\\), 2 of 3 \\(laag\\)"):
        v.priority(text, CTX)


def test_themes_by_code_or_label_and_a_hint_for_a_typo():
    assert v.theme_codes("Zorg; zorg ;", CTX) == "zorg"
    with pytest.raises(Invalid, match="geen thema opgegeven"):
        v.theme_codes(" ; ", CTX)
    with pytest.raises(Invalid, match="Bedoelt u"):
        v.theme_codes("duurzaamheit", CTX)


def test_decided_hours_are_whole_and_spent_hours_may_be_decimal():
    assert v.hours_from(1, whole=True)("16", CTX) == 16
    with pytest.raises(Invalid, match="'12,5' is geen geheel aantal uren"):
        v.hours_from(1, whole=True)("12,5", CTX)
    assert v.hours_from(0)("12,5", CTX) == 12.5
    with pytest.raises(Invalid, match="minimaal 1 uur"):
        v.hours_from(1)("0", CTX)
