"""Media scanning in Dagster: the daily scan asset, the retention purge, their jobs and schedules."""

from datetime import datetime, timedelta, timezone

import dagster as dg

from pipelines.resources import WAREHOUSE_POOL, WarehouseResource
from pnet.settings import load_config
from pnet.untrusted import markdown_cell
from scrapers.privacy import apply_retention
from scrapers.run import ScanSummary, loopback_unthrottled, run_scan
from scrapers.store import latest_scan_outcomes

GROUP = "scan"
TIMEZONE = "Europe/Amsterdam"
scan_partitions = dg.DailyPartitionsDefinition(start_date="2026-01-01", timezone=TIMEZONE)


class ScanConfig(dg.Config):
    sources: str = ""  # empty: $PNET_SOURCES or config/sources.yaml
    loopback_test_site: bool = False  # lift the politeness delay for a local fixture site on 127.0.0.1 only


def _outcome_table(summary: ScanSummary) -> str:
    lines = ["| bron | nieuw | fouten | HTTP | robots.txt | al gezien | opmerking |", "|---|---|---|---|---|---|---|"]
    for o in summary.outcomes:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(o.http_status.items())) or "-"
        lines.append(f"| {markdown_cell(o.source)} | {o.items} | {o.errors} | {statuses} | {o.robots_skipped} | "
                     f"{o.already_seen} | {markdown_cell(o.message or '-', 300)} |")
    return "\n".join(lines)


@dg.asset(
    partitions_def=scan_partitions,
    group_name=GROUP,
    kinds={"scrapy", "duckdb"},
    owners=["team:coordinatie"],
    pool=WAREHOUSE_POOL,
    freshness_policy=dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=48), warn_window=timedelta(hours=26)),
    description=(
        "Nieuwe berichten uit lokale en regionale nieuwsbronnen en openbare sociale media (dagelijkse scan). "
        "Alleen nieuwe pagina's worden opgehaald; bijna gelijke berichten (hetzelfde persbericht op meerdere sites) "
        "krijgen één cluster-id. Auteurs van sociale-mediaberichten worden alleen gehasht opgeslagen. "
        "Per bron staan het aantal berichten, fouten, HTTP-statussen en door robots.txt overgeslagen pagina's in de metadata."
    ),
)
def media_items(context: dg.AssetExecutionContext, config: ScanConfig, warehouse: WarehouseResource) -> dg.MaterializeResult:
    scan_id = f"{context.partition_key}T{datetime.now(timezone.utc):%H%M%S}"
    summary = run_scan(
        config.sources or None,
        warehouse.path or None,
        scan_id=scan_id,
        settings_overrides=loopback_unthrottled() if config.loopback_test_site else None,
    )
    failing = [o.source for o in summary.outcomes if o.errors]
    if failing:
        context.log.warning("Bronnen met fouten: %s", ", ".join(failing))
    return dg.MaterializeResult(
        metadata={
            "scan_id": scan_id,
            "nieuwe_berichten": len(summary.new_items),
            "nieuws": sum(1 for i in summary.new_items if i["kind"] == "news"),
            "sociale_media": sum(1 for i in summary.new_items if i["kind"] == "social"),
            "bijna_dubbel": summary.duplicates,
            "bronnen": len(summary.outcomes),
            "bronnen_met_fouten": len(failing),
            "robots_overgeslagen": sum(o.robots_skipped for o in summary.outcomes),
            "per_bron": dg.MetadataValue.md(_outcome_table(summary)),
        }
    )


@dg.asset(
    deps=[media_items],
    group_name=GROUP,
    kinds={"duckdb"},
    owners=["team:coordinatie"],
    pool=WAREHOUSE_POOL,
    description=(
        "Bewaartermijn (AVG): verwijdert ruwe sociale-mediaberichten die langer dan de bewaartermijn "
        "(config/scan.yaml, standaard 90 dagen) in het warehouse staan, met alles wat ze citeert, en herschrijft "
        "daarna het warehousebestand zodat ook de vrijgegeven blokken de tekst niet meer bevatten. "
        "Hetzelfde als 'pnet retention'."
    ),
)
def social_posts_retention(warehouse: WarehouseResource) -> dg.MaterializeResult:
    days = int(load_config("scan")["retention_days"])
    deleted = apply_retention(warehouse.path or None, days, wait_seconds=warehouse.wait_seconds)
    with warehouse.connect(read_only=True) as con:
        left = con.execute("SELECT count(*) FROM media_items WHERE kind = 'social'").fetchone()[0]
    return dg.MaterializeResult(metadata={"verwijderd": deleted, "bewaartermijn_dagen": days, "sociale_berichten_over": left})


MAX_FAILING_SHARE = 0.5


@dg.asset_check(
    asset=media_items,
    pool=WAREHOUSE_POOL,
    description="Waarschuwt als bij de laatste scan de helft of meer van de bronnen een fout gaf.",
)
def media_sources_healthy(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as con:
        outcomes = latest_scan_outcomes(con)
    failing = [f"{source}: {message}" for source, _, errors, message in outcomes if errors]
    share = len(failing) / len(outcomes) if outcomes else 1.0
    if not outcomes:
        advice = "Er is nog geen scan in het warehouse: start de job media_scan."
    elif share >= MAX_FAILING_SHARE:
        advice = ("De helft of meer van de bronnen gaf een fout (zie fouten). Controleer de adressen in "
                  "config/sources.yaml of de bereikbaarheid van die sites, en start de scan opnieuw.")
    else:
        advice = f"{len(failing)} van {len(outcomes)} bronnen gaven een fout; dat blijft onder de grens."
    return dg.AssetCheckResult(
        passed=share < MAX_FAILING_SHARE,
        severity=dg.AssetCheckSeverity.WARN,
        description=advice,
        metadata={"bronnen": len(outcomes), "met_fouten": len(failing), "fouten": dg.MetadataValue.md(
            "\n".join(f"- {markdown_cell(f, 300)}" for f in failing) or "geen")},
    )


media_scan_job = dg.define_asset_job(
    "media_scan", selection=[media_items], partitions_def=scan_partitions,
    description="Dagelijkse scan van nieuws- en sociale-mediabronnen.",
)
retention_job = dg.define_asset_job(
    "social_retention", selection=[social_posts_retention],
    description="Verwijdert sociale-mediaberichten na de bewaartermijn.",
)
media_scan_schedule = dg.build_schedule_from_partitioned_job(
    media_scan_job, hour_of_day=6, minute_of_hour=15, default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Scant elke ochtend de bronnen (voor de dag ervoor).",
)
retention_schedule = dg.ScheduleDefinition(
    job=retention_job, cron_schedule="30 3 * * *", execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Past elke nacht de bewaartermijn voor sociale-mediaberichten toe.",
)
