"""File and folder names that are safe for every municipality name."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def slug(name: str) -> str:
    """"'s-Hertogenbosch" -> 's-hertogenbosch', 'Bergen (NH.)' -> 'bergen-nh'.

    Only lower-case ASCII letters, digits and single hyphens remain, so the result is a valid
    file name on Windows, macOS and Linux and never escapes its folder.
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    text = _NON_ALNUM.sub("-", folded).strip("-")[:MAX_SLUG].strip("-")
    return text or "gemeente"


def package_dirname(gemeentecode: str, gemeentenaam: str) -> str:
    """'GM0796_s-hertogenbosch': the folder of one municipality's package."""
    return f"{slug(gemeentecode).upper()}_{slug(gemeentenaam)}"


def round_part(round_id: str) -> str:
    """A round id as part of a file name (round ids are validated, but be strict anyway)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", round_id).strip("-") or "ronde"
