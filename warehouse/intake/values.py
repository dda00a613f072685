"""Parsers for cell values as municipalities write them; each raises `Invalid` with a Dutch reason."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from pnet.themes import themes
from warehouse.intake.kinds import IntakeContext, Invalid, fold
from warehouse.resolver import GemeenteError, default_resolver

_HOURS_UNIT = re.compile(r"\s*(uur|uren|u)\.?$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")  # Dutch 1.000 or 1.000,5 (0.375 is no thousands)
_DECIMAL_COMMA = re.compile(r"^-?\d+(,\d+)?$")                # Dutch 12,5 (and Excel numbers, see cell_text)
_DECIMAL_POINT = re.compile(r"^-?\d*\.?\d+$")                 # 12.5
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a time of day after a date is ignored
_DUTCH_DATE = re.compile(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{2}}|\d{{4}}){_TIME}$")
_ISO_DATE = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_TIME}$")
_MONTHS = {  # Dutch month names and abbreviations, and the English ones Excel may write
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mrt": 3, "maa": 3, "mar": 3, "maart": 3, "apr": 4, "april": 4,
    "mei": 5, "may": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "aug": 8, "augustus": 8, "sep": 9, "sept": 9,
    "september": 9, "okt": 10, "oct": 10, "oktober": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo"
_WORDY_DATE = re.compile(rf"^(?:(?:{_WEEKDAYS}) )?(\d{{1,2}}) ([a-z]+) (\d{{2}}|\d{{4}})$")  # folded text
_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
)
_THEME_SPLIT = re.compile(r"[;,\n|]+")
_YES = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "akkoord", "akkoord werkgever"}
_NO = {"nee", "n", "no", "false", "onwaar", "0", "niet akkoord", "geen akkoord"}
_PRIORITIES = {"1": 1, "2": 2, "3": 3, "hoog": 1, "midden": 2, "middel": 2, "normaal": 2, "laag": 3}


def text(value: str, ctx: IntakeContext) -> str:
    """Free text, stored as given (formula-looking text is neutralised wherever it is written)."""
    return value


def number(value: str) -> float:
    """'12,5', '12.5', '1.000', '40 uur' -> float; raises ValueError."""
    s = _HOURS_UNIT.sub("", value.strip()).replace(" ", "")
    if _THOUSANDS.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _DECIMAL_COMMA.match(s):
        return float(s.replace(",", "."))
    if _DECIMAL_POINT.match(s):
        return float(s)
    raise ValueError(value)


def hours(cap_key: str, per: str):
    """A parser for a positive number of hours up to the configured cap `ctx.caps[cap_key]`."""

    def parse(value: str, ctx: IntakeContext) -> float:
        try:
            n = number(value)
        except ValueError:
            raise Invalid(f"'{value}' is geen aantal uren") from None
        if n <= 0:
            raise Invalid(f"'{value}' uur kan niet: het aantal uren moet groter zijn dan 0")
        cap = ctx.caps[cap_key]
        if n > cap:
            raise Invalid(f"{value} uur is niet aannemelijk: maximaal {cap:g} uur {per} per ronde")
        return n

    return parse


PLAUSIBLE_YEARS = range(2000, 2101)  # a registration date outside this is a typo (01-01-0001, 31-12-9999)


def parse_date(value: str, ctx: IntakeContext) -> date:
    """15-01-2027, 15-1-2027, 15/01/2027, 15.01.27, 2027-01-15, 2027/01/15, 15 januari 2027, 15-jan-2027 or
    (dinsdag) 15 jan. 2027; a time of day after a numeric date (an Excel date and time) is ignored."""
    s = value.strip()
    day = None
    try:
        if m := _ISO_DATE.match(s):
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif m := _DUTCH_DATE.match(s):
            day = date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif (m := _WORDY_DATE.match(fold(s))) and m.group(2) in _MONTHS:
            day = date(_year(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        pass
    if day is None:
        raise Invalid(f"'{value}' is geen geldige datum (gebruik bijvoorbeeld 15-01-2027)")
    if day.year not in PLAUSIBLE_YEARS:
        raise Invalid(f"'{value}' ligt niet tussen 2000 en 2100; is het jaartal goed?")
    return day


def _year(text: str) -> int:
    """A year as written: two digits are this century ('27' is 2027), four are as they are."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def email(value: str, ctx: IntakeContext) -> str:
    s = value.strip()
    if not _EMAIL.match(s):
        raise Invalid(f"'{value}' is geen geldig e-mailadres")
    return s


def yes_no(value: str, ctx: IntakeContext) -> bool:
    key = fold(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise Invalid(f"'{value}' is geen ja of nee")


def priority(value: str, ctx: IntakeContext) -> int:
    s = value.strip()
    try:
        n = number(s)
        key = str(int(n)) if n == int(n) else s
    except ValueError:
        key = fold(s)
    if key in _PRIORITIES:
        return _PRIORITIES[key]
    raise Invalid(f"'{value}' is geen prioriteit: kies 1 (hoog), 2 of 3 (laag)")


def round_gemeente(value: str, ctx: IntakeContext) -> str:
    """A municipality of the round, as its CBS code; the resolver's suggestion when unknown."""
    try:
        g = default_resolver().resolve(value)
    except GemeenteError as exc:
        raise Invalid(str(exc)) from None
    if g.code not in {x.code for x in ctx.round.gemeenten}:
        raise Invalid(f"gemeente {g.naam} ({g.code}) doet niet mee aan ronde {ctx.round_id}")
    return g.code


@lru_cache(maxsize=1)
def _theme_lookup() -> dict[str, str]:
    """Folded code, label and label parts ('financiering', 'subsidies') -> theme code."""
    lookup: dict[str, str] = {}
    for t in themes():
        names = [t.code, t.code.replace("_", " "), t.label, *t.label.split("&")]
        for name in names:
            lookup.setdefault(fold(name), t.code)
    return lookup


def theme_parts(value: str) -> list[str]:
    """The themes named in one cell: separated by ';', ',', '|' or new lines."""
    return [p.strip() for p in _THEME_SPLIT.split(value or "") if p.strip()]


def theme_code(name: str) -> str | None:
    """The theme code for a code, label or label part as people write it (case, accents, '&' or 'en')."""
    return _theme_lookup().get(fold(name))


def theme_codes(value: str, ctx: IntakeContext) -> str:
    """'Energie & duurzaamheid; zorg' -> 'energie;zorg' (codes, ';'-joined, in the order given)."""
    codes: list[str] = []
    for part in theme_parts(value):
        code = theme_code(part)
        if code is None:
            labels = [t.label for t in themes()]
            hit = process.extractOne(part, labels, scorer=fuzz.WRatio, score_cutoff=60)
            hint = f" Bedoelt u '{hit[0]}'?" if hit else ""
            raise Invalid(f"'{part}' is geen bekend thema.{hint} Zie het tabblad Instructie van het sjabloon.")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise Invalid("geen thema opgegeven")
    return ";".join(codes)


def same_round(value: str, ctx: IntakeContext) -> str:
    """The hidden round key of a report or form: it must be the round the file is taken in for."""
    s = value.strip()
    if s != ctx.round_id:
        raise Invalid(f"deze regel hoort bij ronde {s}, niet bij ronde {ctx.round_id}")
    return s


def choice(options: dict[str, str], what: str):
    """A parser for one of a few Dutch words (compared folded: case, accents and hyphens do not matter)."""
    shown = " of ".join(f"'{o}'" for o in dict.fromkeys(options.values()))

    def parse(value: str, ctx: IntakeContext) -> str:
        key = fold(value)
        if key in options:
            return options[key]
        raise Invalid(f"'{value}' is geen {what}: kies {shown}")

    return parse


def hours_from(minimum: float, whole: bool = False):
    """A parser for hours from `minimum` up to the per-consultant cap (`max_uren_consultant`); `whole`:
    only whole hours (a meeting's decision), else decimals too (hours spent)."""

    def parse(value: str, ctx: IntakeContext) -> float:
        try:
            n = number(value)
        except ValueError:
            raise Invalid(f"'{value}' is geen aantal uren") from None
        if whole and n != int(n):
            raise Invalid(f"'{value}' is geen geheel aantal uren")
        if n < minimum:
            raise Invalid(f"'{value}' uur kan niet: minimaal {minimum:g} uur")
        cap = ctx.caps["max_uren_consultant"]
        if n > cap:
            raise Invalid(f"{value} uur is niet aannemelijk: maximaal {cap:g} uur per consultant per ronde")
        return int(n) if whole else n

    return parse
