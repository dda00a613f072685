"""The scan in Dagster: daily partitions, schedules, per-source metadata, retention purge."""

from __future__ import annotations

from datetime import datetime, timedelta

import dagster as dg

from pipelines.definitions import defs
from pipelines.resources import WarehouseResource
from pipelines.scan import ScanConfig, media_items, media_sources_healthy, scan_partitions, social_posts_retention
from scrapers.fixture_site import serve_fixture_site
from scrapers.sources import write_sources
from warehouse.db import connect


def test_scan_assets_and_schedules_are_wired():
    assert defs.get_assets_def("media_items").partitions_def == scan_partitions
    schedules = {s.name: s for s in defs.schedules}
    assert {s.default_status for s in schedules.values()} == {dg.DefaultScheduleStatus.RUNNING}
    assert {s.job_name for s in schedules.values()} >= {"media_scan", "social_retention"}
    assert "scan" in defs.get_assets_def("media_items").descriptions_by_key[dg.AssetKey("media_items")]


def test_two_scans_in_one_process_with_metadata(warehouse_path, tmp_path):
    resources = {"warehouse": WarehouseResource(path=str(warehouse_path))}
    with serve_fixture_site(n_articles=12, seed=2, n_posts=6) as site:
        sources = site.write_sources(tmp_path / "sources.yaml")
        config = dg.RunConfig({"media_items": ScanConfig(sources=str(sources), loopback_test_site=True)})
        results = [
            dg.materialize([media_items, media_sources_healthy], resources=resources, partition_key=day, run_config=config)
            for day in ("2026-03-01", "2026-03-02")
        ]
    assert all(r.success for r in results)
    assert all(e.passed for r in results for e in r.get_asset_check_evaluations())
    first, second = (r.get_asset_materialization_events()[0].materialization.metadata for r in results)
    assert first["nieuwe_berichten"].value == len(site.corpus.articles) + len(site.corpus.posts)
    assert first["bronnen_met_fouten"].value == 0 and "Vallei Post" in first["per_bron"].value
    assert second["nieuwe_berichten"].value == 0
    con = connect(warehouse_path, read_only=True)
    scans = con.execute("SELECT count(DISTINCT scan_id), min(scan_id) FROM scan_sources").fetchone()
    con.close()
    assert scans[0] == 2 and scans[1].startswith("2026-03-01T")


def test_retention_asset_deletes_old_social_posts(warehouse_path):
    con = connect(warehouse_path)
    for key, kind, age in [("oud", "social", 200), ("nieuw", "social", 3), ("nieuws", "news", 200)]:
        con.execute(
            "INSERT INTO media_items (item_id, url, canonical_url, source, kind, text, fetched_at) VALUES (?, ?, ?, 's', ?, 't', ?)",
            [key, f"http://x/{key}", f"http://x/{key}", kind, datetime.now() - timedelta(days=age)],
        )
    con.close()
    result = dg.materialize([social_posts_retention], resources={"warehouse": WarehouseResource(path=str(warehouse_path))})
    meta = result.get_asset_materialization_events()[0].materialization.metadata
    assert meta["verwijderd"].value == 1 and meta["bewaartermijn_dagen"].value == 90
    con = connect(warehouse_path, read_only=True)
    left = sorted(r for (r,) in con.execute("SELECT item_id FROM media_items").fetchall())
    con.close()
    assert left == ["nieuw", "nieuws"]


def test_health_check_warns_when_most_sources_fail(warehouse_path, tmp_path):
    resources = {"warehouse": WarehouseResource(path=str(warehouse_path))}
    with serve_fixture_site(n_articles=4) as site:
        bad = [s for s in site.sources(include_tests=True) if s.name in ("Ontbrekende feed", "Kapotte server")]
        sources = write_sources(bad + site.sources()[:1], tmp_path / "s.yaml")
        config = dg.RunConfig({"media_items": ScanConfig(sources=str(sources), loopback_test_site=True)})
        result = dg.materialize([media_items, media_sources_healthy], resources=resources, partition_key="2026-03-03",
                                run_config=config)
    (check,) = result.get_asset_check_evaluations()
    assert result.success and not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert check.metadata["met_fouten"].value == 2 and "Kapotte server" in check.metadata["fouten"].value
    assert check.description.startswith("De helft of meer van de bronnen gaf een fout")


def test_scan_metadata_shows_untrusted_urls_as_inert_text():
    from types import SimpleNamespace

    from pipelines.scan import _outcome_table
    from scrapers.outcome import SourceOutcome

    outcome = SourceOutcome("Feed | met *sterren*")
    outcome.error("HTTP 404 voor http://x.nl/nieuws/![x](http://evil.example/p.png)**vet**-a-b")
    table = _outcome_table(SimpleNamespace(outcomes=[outcome]))
    row = table.splitlines()[2]
    assert row.count(" | ") == 6  # still seven cells
    assert "![x](" not in row and "**vet**" not in row and "*sterren*" not in row
