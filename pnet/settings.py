"""Project settings: where config files live and what they say."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]


def config_dir() -> Path:
    """The folder with the YAML config files (`PNET_CONFIG_DIR` or the repo's `config/`)."""
    return Path(os.environ.get("PNET_CONFIG_DIR", REPO_ROOT / "config"))


@lru_cache(maxsize=None)
def _load(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def load_config(name: str) -> dict[str, Any]:
    """Load `config/<name>.yaml` as a dict (cached per path)."""
    return _load(config_dir() / f"{name}.yaml")


def settings() -> dict[str, Any]:
    """The main settings file, `config/pnet.yaml`."""
    return load_config("pnet")


def warehouse_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file: an explicit path, else `PNET_WAREHOUSE`, else the configured default."""
    if explicit:
        return Path(explicit)
    if env := os.environ.get("PNET_WAREHOUSE"):
        return Path(env)
    return Path(settings()["warehouse"]["default_path"])
