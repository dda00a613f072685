"""Render the report pages: one self-contained, offline html file each (jinja2, autoescaped).

Styles are inline, images are data URIs, and a Content-Security-Policy forbids every request
except data: images, so a page opened from disk or a mail attachment never reaches the network.
"""

from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from pnet.formatting import euro, hours, number
from reports.present import datum, is_web_link, solver_status
from reports.tables import Column


_FORMATTERS = {
    "int": number,
    "hours": hours,
    "decimal": lambda v: number(v, 2),
    "euro": euro,
    "euro4": lambda v: f"€ {number(v, 4)}",
    "date": datum,
}


def cell(value: Any, column: Column) -> str:
    """A cell's text as a Dutch reader expects it (numbers with Dutch separators, dd-mm-jjjj)."""
    kind = column.kind
    if kind == "mixed":
        value, kind = value
    if value is None or value == "":
        return ""
    if kind in _FORMATTERS and isinstance(value, (int, float, Decimal, date, datetime)):
        return _FORMATTERS[kind](value)
    return str(value)


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,  # every value is escaped: titles and texts come from the internet
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cell=cell, number=number, euro=euro, datum=datum, hours=hours, status=solver_status)
    env.tests["web_link"] = is_web_link
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
