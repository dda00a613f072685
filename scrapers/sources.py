"""The sources YAML: load, validate (Dutch messages listing every problem) and serialise."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from pnet.errors import PnetError
from pnet.settings import config_dir

KINDS = ("rss", "atom", "sitemap", "listing", "mastodon_tag", "mastodon_account", "bluesky_search")
SOCIAL_KINDS = ("mastodon_tag", "mastodon_account", "bluesky_search")
_REQUIRED_EXTRA = {"mastodon_tag": "tag", "mastodon_account": "account", "bluesky_search": "query"}
_FIELDS = {"name", "kind", "url", "tag", "account", "query", "gemeenten", "organisation"}


class SourcesError(PnetError):
    """The sources file cannot be used; the message names the file and every problem."""


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    url: str
    tag: str | None = None
    account: str | None = None
    query: str | None = None
    gemeenten: tuple[str, ...] = field(default_factory=tuple)
    organisation: bool = False

    @property
    def is_social(self) -> bool:
        return self.kind in SOCIAL_KINDS

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["gemeenten"] = list(self.gemeenten)
        return d


def default_sources_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--sources FILE`, else `$PNET_SOURCES`, else `config/sources.yaml`."""
    if explicit:
        return Path(explicit)
    if env := os.environ.get("PNET_SOURCES"):
        return Path(env)
    return config_dir() / "sources.yaml"


def _is_web_url(url: str) -> bool:
    """A complete http(s) URL whose host and port can be used (urlsplit raises on a bad IPv6 host or port)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError when out of range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _is_loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


def _resolve_gemeenten(values: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    from warehouse.resolver import GemeenteError, resolve

    if values is None:
        return ()
    if not isinstance(values, list):
        problems.append(f"{where}: 'gemeenten' moet een lijst zijn, bijvoorbeeld [GM0363].")
        return ()
    codes = []
    for value in values:
        try:
            codes.append(resolve(str(value)).code)
        except GemeenteError as exc:
            problems.append(f"{where}: {exc}")
    return tuple(dict.fromkeys(codes))


def _parse_source(raw: Any, index: int, problems: list[str]) -> Source | None:
    where = f"bron {index}"
    if not isinstance(raw, dict):
        problems.append(f"{where}: verwacht een blok met 'name', 'kind' en 'url'.")
        return None
    given = raw.get("name")
    name = str(given).strip() if isinstance(given, (str, int, float)) and not isinstance(given, bool) else ""
    if name:
        where = f"bron {index} ('{name}')"
    elif given in (None, ""):
        problems.append(f"{where}: 'name' ontbreekt.")
    else:
        problems.append(f"{where}: 'name' moet een tekst zijn, niet {given!r}.")
    if unknown := sorted(set(raw) - _FIELDS):
        problems.append(f"{where}: onbekend veld {', '.join(repr(u) for u in unknown)}.")
    kind = str(raw.get("kind") or "").strip()
    if kind not in KINDS:
        problems.append(f"{where}: 'kind' is '{kind}', kies uit {', '.join(KINDS)}.")
    url = str(raw.get("url") or "").strip()
    if not _is_web_url(url):
        problems.append(f"{where}: 'url' moet een volledige http(s)-URL zijn, niet '{url}'.")
    elif kind == "bluesky_search" and urlsplit(url).scheme != "https" and not _is_loopback(url):
        problems.append(f"{where}: een bron van soort bluesky_search logt in met het app-wachtwoord; gebruik https, niet '{url}'.")
    extra = _REQUIRED_EXTRA.get(kind)
    if extra and not str(raw.get(extra) or "").strip():
        problems.append(f"{where}: een bron van soort {kind} heeft '{extra}' nodig.")
    organisation = raw.get("organisation", False)
    if not isinstance(organisation, bool):
        problems.append(f"{where}: 'organisation' moet true of false zijn.")
    elif organisation and kind in ("mastodon_tag", "bluesky_search"):
        problems.append(f"{where}: 'organisation: true' kan niet bij {kind}: onder een hashtag of zoekterm "
                        "schrijven privépersonen, en hun namen worden nooit bewaard.")
    elif not organisation and kind == "mastodon_account":
        problems.append(f"{where}: volg met mastodon_account alleen het account van een organisatie en zet "
                        "'organisation: true'; accounts van privépersonen worden niet gevolgd.")
    gemeenten = _resolve_gemeenten(raw.get("gemeenten"), where, problems)
    if not name or kind not in KINDS:
        return None

    def text(key: str) -> str | None:
        value = raw.get(key)
        return str(value).strip().lstrip("#@") if value is not None else None

    return Source(
        name=name,
        kind=kind,
        url=url.rstrip("/") if kind in SOCIAL_KINDS else url,
        tag=text("tag"),
        account=text("account"),
        query=text("query"),
        gemeenten=gemeenten,
        organisation=organisation is True,
    )


def parse_sources(data: Any, origin: str = "bronnenbestand") -> list[Source]:
    """Validate parsed YAML; raise `SourcesError` listing every problem at once."""
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{origin}: verwacht een lijst onder 'sources:' (zie config/sources.yaml).")
    problems: list[str] = []
    sources: list[Source] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["sources"], start=1):
        source = _parse_source(raw, index, problems)
        if source is None:
            continue
        if source.name in seen:
            problems.append(f"bron {index}: de naam '{source.name}' komt vaker voor; namen moeten uniek zijn.")
            continue
        seen.add(source.name)
        sources.append(source)
    if problems:
        raise SourcesError(f"{origin} bevat {len(problems)} fout(en):\n  " + "\n  ".join(problems))
    if not sources:
        raise SourcesError(f"{origin}: er staan geen bronnen in.")
    return sources


def load_sources(path: str | os.PathLike[str] | None = None) -> list[Source]:
    """Load and validate the sources file (see `default_sources_path`)."""
    target = default_sources_path(path)
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourcesError(f"Bronnenbestand {target} bestaat niet.") from exc
    except OSError as exc:
        raise SourcesError(f"Bronnenbestand {target} kan niet worden gelezen: {exc.strerror}.") from exc
    except UnicodeDecodeError:
        raise SourcesError(f"Bronnenbestand {target} is niet in UTF-8 opgeslagen; sla het op als UTF-8 en probeer opnieuw.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourcesError(f"Bronnenbestand {target} is geen geldige YAML: {exc}") from exc
    return parse_sources(data, origin=f"Bronnenbestand {target}")


def write_sources(sources: list[Source], path: str | os.PathLike[str]) -> Path:
    """Write sources in the YAML format `load_sources` reads (empty optional fields left out)."""
    rows = []
    for s in sources:
        row = {k: v for k, v in s.to_dict().items() if v not in (None, [], False)}
        rows.append(row)
    target = Path(path)
    target.write_text(yaml.safe_dump({"sources": rows}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
