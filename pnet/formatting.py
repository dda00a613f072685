"""Dutch number formatting for what coordinators and municipalities read."""

from __future__ import annotations

from decimal import Decimal


def number(value: int | float | Decimal, decimals: int = 0) -> str:
    """12345.6 -> '12.345,6' (Dutch separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def euro(value: int | float | Decimal) -> str:
    """1234.5 -> '€ 1.234,50'."""
    return f"€ {number(value, 2)}"


def hours(value: int | float) -> str:
    """12 -> '12', 12.5 -> '12,5' (whole hours without decimals)."""
    return number(value, 0 if float(value).is_integer() else 1)
