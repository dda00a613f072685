"""Charts for the reports as PNG bytes (matplotlib, Agg backend: no display, no network)."""

from __future__ import annotations

import io
import json
import math

import matplotlib

matplotlib.use("Agg")

import duckdb  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.colors import TwoSlopeNorm  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from pnet.formatting import number  # noqa: E402
from reports.collect import GemeenteSummary  # noqa: E402

GIVEN_COLOR = "#d9822b"
RECEIVED_COLOR = "#1f6f8b"
LABEL_HOURS_UP_TO = 8  # municipalities on the map whose labels also show their hours
_DUTCH = FuncFormatter(lambda value, _pos: number(value))


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def hours_chart(summaries: list[GemeenteSummary], title: str) -> bytes:
    """Horizontal bars per municipality: hours given (own consultants) and received (own initiatives)."""
    names = [s.gemeente.naam for s in summaries]
    fig = Figure(figsize=(8, 1.2 + 0.38 * max(len(names), 1)), layout="constrained")
    ax = fig.subplots()
    ys = range(len(names))
    ax.barh([y + 0.2 for y in ys], [s.uren_gegeven for s in summaries], height=0.4, color=GIVEN_COLOR, label="gegeven")
    ax.barh([y - 0.2 for y in ys], [s.uren_ontvangen for s in summaries], height=0.4, color=RECEIVED_COLOR, label="ontvangen")
    ax.set_yticks(list(ys), names)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(_DUTCH)
    ax.set_xlabel("uren")
    ax.set_title(title)
    fig.legend(loc="outside lower center", ncol=2, frameon=False)  # below the chart: never over a bar
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def _polygons(geometry: dict, scale: float) -> list[list[tuple[float, float]]]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[(lon * scale, lat) for lon, lat in poly[0]] for poly in polys]


def hours_map(con: duckdb.DuckDBPyConnection, summaries: list[GemeenteSummary]) -> bytes:
    """The participating municipalities coloured by balance (hours received minus given).

    Drawn from the CBS boundaries in the warehouse; neighbouring municipalities in the same
    view are drawn in grey for orientation.
    """
    by_code = {s.gemeente.code: s for s in summaries}
    rows = con.execute("SELECT gemeentecode, centroid_lat, centroid_lon, geometry FROM gemeente_boundaries").fetchall()
    own = [r for r in rows if r[0] in by_code]
    if not own:
        fig = Figure(figsize=(6, 2))
        fig.text(0.5, 0.5, "Geen gemeentegrenzen in het warehouse", ha="center", va="center")
        return _png(fig)
    lat0 = sum(r[1] for r in own) / len(own)
    scale = math.cos(math.radians(lat0))  # equirectangular: shrink longitudes so shapes are true
    shapes, values, context = [], [], []
    for code, _lat, _lon, geometry in rows:
        polys = _polygons(json.loads(geometry), scale)
        if code in by_code:
            shapes += [Polygon(p, closed=True) for p in polys]
            values += [by_code[code].saldo] * len(polys)
        else:
            context += [Polygon(p, closed=True) for p in polys]
    xs = [x for s in shapes for x, _ in s.get_xy()]
    ys = [y for s in shapes for _, y in s.get_xy()]
    pad_x, pad_y = (max(xs) - min(xs)) * 0.12 + 0.01, (max(ys) - min(ys)) * 0.08 + 0.01
    ratio = (max(ys) - min(ys) + 2 * pad_y) / (max(xs) - min(xs) + 2 * pad_x)
    fig = Figure(figsize=(8, min(max(8 * ratio, 4), 11)))
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
    ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    ax.set_aspect("equal")
    ax.add_collection(PatchCollection(context, facecolor="#eeeeee", edgecolor="#cccccc", linewidth=0.3))
    limit = max([abs(v) for v in values] + [1])
    coll = PatchCollection(shapes, cmap="RdBu", norm=TwoSlopeNorm(0, -limit, limit), edgecolor="#333333", linewidth=0.6)
    coll.set_array(values)
    ax.add_collection(coll)
    crowded = len(own) > LABEL_HOURS_UP_TO  # then names only: the hours are in the chart and the table
    for code, lat, lon, _ in own:
        s = by_code[code]
        label = s.gemeente.naam if crowded else f"{s.gemeente.naam}\n+{number(s.uren_ontvangen)} / −{number(s.uren_gegeven)}"
        ax.annotate(
            label, (lon * scale, lat), ha="center", va="center", fontsize=6.5,
            path_effects=[patheffects.withStroke(linewidth=2, foreground="white")],
        )
    bar = fig.colorbar(coll, ax=ax, shrink=0.6, format=_DUTCH)
    bar.set_label("saldo uren (ontvangen − gegeven)")
    ax.set_title("Uren ontvangen (+) en gegeven (−) per gemeente")
    ax.text(0, -0.01, "Bron: CBS (gemeentegrenzen 2024, via PDOK)", fontsize=7, color="#555555",
            transform=ax.transAxes, va="top")
    return _png(fig)
