"""The cell parsers of the intake: what they accept, and the Dutch reason when they refuse."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from warehouse.intake import values as v
from warehouse.intake.kinds import Invalid

CTX = SimpleNamespace(cache={}, caps={"max_uren_consultant": 1000})


@pytest.mark.parametrize("text", ["15-01-2027", "15-1-2027", "15/01/2027", "15.01.27", "2027-01-15", " 2027-01-15 ",
                                  "2027/01/15", "15 januari 2027", "15 Jan 2027", "15-jan-2027", "15 jan. 27",
                                  "dinsdag 15 januari 2027", "2027-01-15 09:30:00", "2027-01-15T09:30",
                                  "15-01-2027 09:30"])
def test_dates_in_dutch_and_iso_notation(text):
    assert v.parse_date(text, CTX) == date(2027, 1, 15)


@pytest.mark.parametrize(("text", "month"), [("3 maart 2027", 3), ("3-mrt-2027", 3), ("3 mei 2027", 5),
                                             ("3 okt 2027", 10), ("3 oct 2027", 10), ("3 december 2027", 12)])
def test_dutch_month_names(text, month):
    assert v.parse_date(text, CTX) == date(2027, month, 3)


@pytest.mark.parametrize("text", ["31-02-2027", "2027-13-01", "volgende week", "15-01", "15 foo 2027",
                                  "31 februari 2027", "woensdagmiddag 15 januari 2027"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(Invalid, match=f"'{text}' is geen geldige datum"):
        v.parse_date(text, CTX)


@pytest.mark.parametrize("text", ["01-01-0001", "31-12-9999", "0027-01-15", "15-01-1927"])
def test_dates_outside_2000_to_2100_are_refused_as_typos(text):
    with pytest.raises(Invalid, match=f"'{text}' ligt niet tussen 2000 en 2100; is het jaartal goed"):
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


@pytest.mark.parametrize(("text", "value"), [("1.000", 1000), ("1.000,5", 1000.5), ("1,5", 1.5), ("40 uur", 40),
                                             ("0,375", 0.375), ("0.375", 0.375), ("12.5", 12.5)])
def test_numbers_as_text_are_read_the_dutch_way(text, value):
    assert v.number(text) == value
