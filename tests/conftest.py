"""Shared fixtures: every test gets its own warehouse file and Dagster home, never the user's."""

from __future__ import annotations

import pytest

from warehouse.db import connect


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path, monkeypatch):
    monkeypatch.setenv("PNET_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster_home"))
    (tmp_path / "dagster_home").mkdir()


@pytest.fixture
def warehouse_path(tmp_path):
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def con(warehouse_path):
    c = connect(warehouse_path)
    yield c
    c.close()
