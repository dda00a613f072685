"""The expertise taxonomy (`config/themas.yaml`), shared by intake, NLP and matching."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pnet.settings import load_config


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    keywords: tuple[str, ...]


@lru_cache(maxsize=1)
def themes() -> tuple[Theme, ...]:
    """All themes in file order."""
    return tuple(
        Theme(t["code"], t["label"], tuple(t.get("keywords", ()))) for t in load_config("themas")["themas"]
    )


def by_code() -> dict[str, Theme]:
    return {t.code: t for t in themes()}
