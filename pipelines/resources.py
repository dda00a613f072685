"""Resources shared by the assets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from warehouse.db import connect

# DuckDB allows one writing process: every asset that writes the warehouse joins this pool,
# whose limit is 1 (see dagster_home/dagster.yaml).
WAREHOUSE_POOL = "warehouse"


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse file. Empty path: $PNET_WAREHOUSE or the configured default."""

    path: str = ""
    wait_seconds: float = 60.0

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(self.path or None, read_only=read_only, wait_seconds=self.wait_seconds)
        try:
            yield con
        finally:
            con.close()
