"""URL normalisation for the seen-URL store: one spelling per page."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Tracking parameters that never change what a page shows.
_TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|"
    r"_ga|_gl|ref_src|ref_url|cmpid|at_medium|at_campaign|at_custom\d*|xtor|ocid|s_cid)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, tracking parameters, fragment or trailing slash.

    The remaining query parameters are sorted. `https://WWW.X.nl/a/?utm_source=y&b=2#c` and
    `https://www.x.nl/a?b=2` normalise to the same string.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    return urlunsplit((scheme, host, path if path != "/" else "", urlencode(query), ""))


def item_id(canonical_url: str) -> str:
    """The media item's key: sha1 of its normalised URL."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()
