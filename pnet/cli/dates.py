"""Date parsing shared by CLI flags: ISO (2027-01-15) or Dutch (15-01-2027, 15/1/2027)."""

from __future__ import annotations

import argparse
import re
from datetime import date

from warehouse.intake.values import PLAUSIBLE_YEARS  # the intake's rule: a date outside is a typo

_DUTCH = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_date(text: str) -> date:
    text = text.strip()
    try:
        if m := _DUTCH.match(text):
            day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geldige datum (gebruik 2027-01-15 of 15-01-2027)") from None
    if day.year not in PLAUSIBLE_YEARS:
        raise argparse.ArgumentTypeError(f"'{text}' ligt niet tussen 2000 en 2100; is het jaartal goed?")
    return day
