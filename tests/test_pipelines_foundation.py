import dagster as dg

from pipelines.definitions import defs
from pipelines.resources import WarehouseResource
from warehouse.db import connect


def test_definitions_load_with_every_documented_job():
    names = {job.name for job in defs.resolve_all_job_defs()}
    assert {"referentiedata", "media_scan", "kandidaten", "ronde", "registrations_intake", "social_retention"} <= names


def test_reference_assets_materialize_in_process(warehouse_path):
    assets = defs.get_assets_def("gemeenten")
    result = dg.materialize([assets], resources={"warehouse": WarehouseResource(path=str(warehouse_path))})
    assert result.success
    con = connect(warehouse_path, read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("gemeenten", "woonplaatsen", "gemeente_boundaries")}
    total = con.execute("SELECT sum(inwoners) FROM gemeenten").fetchone()[0]
    utrecht = con.execute("SELECT centroid_lat, centroid_lon FROM gemeente_boundaries WHERE gemeentecode = 'GM0344'").fetchone()
    con.close()
    assert counts == {"gemeenten": 342, "woonplaatsen": 2501, "gemeente_boundaries": 342}
    assert total == 17_942_942
    assert 52.0 < utrecht[0] < 52.2 and 5.0 < utrecht[1] < 5.2
    # re-materializing replaces, never doubles
    dg.materialize([assets], resources={"warehouse": WarehouseResource(path=str(warehouse_path))})
    con = connect(warehouse_path, read_only=True)
    assert con.execute("SELECT count(*) FROM gemeenten").fetchone()[0] == 342
    con.close()


def test_every_warehouse_writer_is_in_the_pool():
    for assets_def in defs.resolve_asset_graph().assets_defs:
        if assets_def.is_executable:
            for op_pool in [assets_def.op.pool]:
                assert op_pool == "warehouse"


def test_rounds_sensor_adds_new_rounds_as_partitions_once(warehouse_path, tmp_path):
    from pipelines.rounds import rounds_sensor
    from tests.intake_files import ROUND, make_round

    instance = dg.DagsterInstance.ephemeral()
    resources = {"warehouse": WarehouseResource(path=str(warehouse_path))}
    connect(warehouse_path).close()  # a warehouse without rounds
    assert "Geen nieuwe rondes" in rounds_sensor(dg.build_sensor_context(instance=instance, resources=resources)).skip_message
    con = connect(warehouse_path)
    make_round(con)
    con.close()
    result = rounds_sensor(dg.build_sensor_context(instance=instance, resources=resources))
    [request] = result.dynamic_partitions_requests
    assert (request.partitions_def_name, list(request.partition_keys)) == ("rounds", [ROUND])
    instance.add_dynamic_partitions("rounds", [ROUND])
    assert isinstance(rounds_sensor(dg.build_sensor_context(instance=instance, resources=resources)), dg.SkipReason)
    (tmp_path / "kapot.duckdb").write_text("geen database")
    broken = {"warehouse": WarehouseResource(path=str(tmp_path / "kapot.duckdb"), wait_seconds=0.1)}
    assert "kan niet worden geopend" in rounds_sensor(dg.build_sensor_context(instance=instance, resources=broken)).skip_message


def test_each_media_scan_starts_one_kandidaten_run_that_also_retrains():
    from pipelines.definitions import defs
    from pipelines.jobs import candidates_after_scan_sensor

    job = defs.resolve_job_def("kandidaten")
    assert {k.to_user_string() for k in job.asset_layer.executable_asset_keys} == {"initiative_classifier", "candidate_initiatives"}
    instance = dg.DagsterInstance.ephemeral()
    tick = candidates_after_scan_sensor.evaluate_tick(dg.build_sensor_context(instance=instance, definitions=defs))
    assert tick.run_requests == []  # no scan yet
    instance.report_runless_asset_event(dg.AssetMaterialization("media_items", partition="2027-01-20"))
    tick = candidates_after_scan_sensor.evaluate_tick(dg.build_sensor_context(instance=instance, definitions=defs))
    assert len(tick.run_requests) == 1
    again = dg.build_sensor_context(instance=instance, definitions=defs, cursor=tick.cursor)
    assert candidates_after_scan_sensor.evaluate_tick(again).run_requests == []  # the same scan starts no second run

    # a scan whose candidates were already made after it (the demo runs both itself) starts no run
    fresh = dg.DagsterInstance.ephemeral()
    fresh.report_runless_asset_event(dg.AssetMaterialization("media_items", partition="2027-01-20"))
    fresh.report_runless_asset_event(dg.AssetMaterialization("candidate_initiatives"))
    tick = candidates_after_scan_sensor.evaluate_tick(dg.build_sensor_context(instance=fresh, definitions=defs))
    assert tick.run_requests == [] and "al bijgewerkt" in tick.skip_message

