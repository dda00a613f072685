"""Report assets: each round's municipality packages and the coordinator's overview."""

# No `from __future__ import annotations`: Dagster reads the config class from the signature.
from pathlib import Path

import dagster as dg

from pipelines.partitions import rounds_partitions
from pipelines.resources import WAREHOUSE_POOL, WarehouseResource
from pnet.settings import settings
from reports.build import write_round_reports
from reports.naming import round_part

GROUP = "reports"
MATCH_SET = dg.AssetKey("round_match_set")


class ReportConfig(dg.Config):
    """`out_dir`: the folder to write, as `pnet report --out` takes it. Empty: the folder from
    config/pnet.yaml (reports.out_dir) with one subfolder per round."""

    out_dir: str = ""


def _spec(name: str, description: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        # the lists also show the scan's candidates (media_items, by day, has no mapping to rounds; its
        # statistics come along through candidate_initiatives)
        name, description=description, deps=[MATCH_SET, dg.AssetKey("candidate_initiatives")],
        group_name=GROUP, kinds={"xlsx", "html"}, owners=["team:coordinatie"]
    )


@dg.multi_asset(
    specs=[
        _spec(
            "gemeente_rapporten",
            "Per deelnemende gemeente een Excel-bestand en een offline HTML-pagina: kandidaat-initiatieven, eigen "
            "initiatieven met voorgestelde consultants en alternatieven, eigen consultants elders, uren en kostenaandeel.",
        ),
        _spec(
            "coordinator_overzicht",
            "Overzicht voor de coördinator: alle matches, onvervulde vraag per thema en gemeente, uren gegeven en "
            "ontvangen (grafiek en kaart), statistiek van de mediascan en de kostenverdeling.",
        ),
    ],
    partitions_def=rounds_partitions,
    pool=WAREHOUSE_POOL,
)
def round_reports(context: dg.AssetExecutionContext, config: ReportConfig, warehouse: WarehouseResource):
    """Write the round's reports from what is in the warehouse."""
    round_id = context.partition_key
    out = Path(config.out_dir) if config.out_dir else Path(settings()["reports"]["out_dir"]) / round_part(round_id)
    with warehouse.connect(read_only=True) as con:
        paths = write_round_reports(con, round_id, out)
    yield dg.MaterializeResult(
        asset_key="gemeente_rapporten",
        metadata={
            "map": dg.MetadataValue.path(str(paths.out_dir.resolve())),
            "gemeenten": len(paths.gemeenten),
            "bestanden": dg.MetadataValue.md(
                f"Map: `{paths.out_dir.resolve()}`\n\n| gemeente | Excel | HTML |\n|---|---|---|\n" + "\n".join(
                    f"| {g.gemeentenaam} ({g.gemeentecode}) | `{g.xlsx.parent.name}/{g.xlsx.name}` | `{g.xlsx.parent.name}/{g.html.name}` |"
                    for g in sorted(paths.gemeenten, key=lambda g: g.gemeentenaam))
            ),
        },
    )
    yield dg.MaterializeResult(
        asset_key="coordinator_overzicht",
        metadata={
            "xlsx": dg.MetadataValue.path(str(paths.overview_xlsx.resolve())),
            "html": dg.MetadataValue.path(str(paths.overview_html.resolve())),
            "grafiek": dg.MetadataValue.path(str(paths.chart_png.resolve())),
            "kaart": dg.MetadataValue.path(str(paths.map_png.resolve())),
            "evaluatie_xlsx": dg.MetadataValue.path(str(paths.evaluation_xlsx.resolve())),
            "evaluatie_html": dg.MetadataValue.path(str(paths.evaluation_html.resolve())),
        },
    )
