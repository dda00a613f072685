import dagster as dg

from pipelines.definitions import defs
from pipelines.resources import WarehouseResource
from warehouse.db import connect


def test_definitions_load():
    defs.resolve_all_job_defs()
    assert defs.get_assets_def("gemeenten") is not None


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
