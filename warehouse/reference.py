"""CBS reference data shipped with the package (Bron: CBS, CC BY 4.0)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import duckdb
import pandas as pd

from warehouse.db import replace_rows

ATTRIBUTION = "Bron: CBS (Wijk- en Buurtkaart 2024, StatLine), CC BY 4.0"


def _data_file(name: str):
    return resources.files("warehouse") / "data" / name


@lru_cache(maxsize=1)
def gemeenten() -> pd.DataFrame:
    """The 342 municipalities: gemeentecode, gemeentenaam, provincie, inwoners, peiljaar."""
    with _data_file("gemeenten.csv").open(encoding="utf-8") as fh:
        frame = pd.read_csv(fh, dtype={"gemeentecode": str})
    return frame.astype({"inwoners": "int64", "peiljaar": "int64"})


@lru_cache(maxsize=1)
def woonplaatsen() -> pd.DataFrame:
    """The 2,501 woonplaatsen: woonplaatscode, woonplaats, gemeentecode, provincie."""
    with _data_file("woonplaatsen.csv").open(encoding="utf-8") as fh:
        frame = pd.read_csv(fh, dtype=str)
    return frame[["woonplaatscode", "woonplaats", "gemeentecode", "provincie"]]


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a closed ring by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2.0
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def geometry_centroid(geometry: dict) -> tuple[float, float]:
    """Area-weighted centroid (lat, lon) of a GeoJSON Polygon or MultiPolygon (holes subtract)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = sx = sy = 0.0
    for polygon in polygons:
        for i, ring in enumerate(polygon):
            area, x, y = _ring_centroid(ring)
            area = abs(area) if i == 0 else -abs(area)
            total += area
            sx += x * area
            sy += y * area
    return sy / total, sx / total


@lru_cache(maxsize=1)
def boundaries() -> pd.DataFrame:
    """Municipality boundaries: gemeentecode, centroid_lat, centroid_lon, geometry (GeoJSON text).

    The CBS layer also holds a 'Buitenland' feature (GM0998); only the 342 municipalities are kept.
    """
    with _data_file("gemeenten_2024.geojson").open(encoding="utf-8") as fh:
        collection = json.load(fh)
    known = set(gemeenten()["gemeentecode"])
    rows = []
    for feature in collection["features"]:
        if feature["properties"]["gemeentecode"] not in known:
            continue
        lat, lon = geometry_centroid(feature["geometry"])
        rows.append(
            {
                "gemeentecode": feature["properties"]["gemeentecode"],
                "centroid_lat": lat,
                "centroid_lon": lon,
                "geometry": json.dumps(feature["geometry"], separators=(",", ":")),
            }
        )
    return pd.DataFrame(rows)


def load_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Write all reference tables to the warehouse; returns row counts per table."""
    return {
        "gemeenten": replace_rows(con, "gemeenten", gemeenten()),
        "woonplaatsen": replace_rows(con, "woonplaatsen", woonplaatsen()),
        "gemeente_boundaries": replace_rows(con, "gemeente_boundaries", boundaries()),
    }
