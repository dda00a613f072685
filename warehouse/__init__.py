"""The DuckDB warehouse: connection, migrations, reference data, rounds and costs."""

from warehouse.db import (
    SchemaTooNewError,
    WarehouseError,
    WarehouseLockedError,
    connect,
    replace_rows,
    transaction,
)

__all__ = [
    "SchemaTooNewError",
    "WarehouseError",
    "WarehouseLockedError",
    "connect",
    "replace_rows",
    "transaction",
]
