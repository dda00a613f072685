"""`pnet report` and the Dagster report assets write the same reports and name their paths."""

from __future__ import annotations

import re
from pathlib import Path

import dagster as dg
import openpyxl

import reports_data as rd
from pipelines.definitions import defs
from pipelines.reports import round_reports
from pipelines.resources import WarehouseResource
from pnet.cli import main
from warehouse.db import connect


def _filled(path: Path) -> None:
    con = connect(path)
    rd.fill_round(con)
    con.close()


def test_cli_writes_every_package_and_the_overview(warehouse_path, tmp_path, capsys):
    _filled(warehouse_path)
    out = tmp_path / "rapporten"
    assert main(["report", "--round", rd.ROUND, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Rapporten voor ronde {rd.ROUND} geschreven in {out}" in printed
    assert "GM0373\tBergen (NH.)\tGM0373_bergen-nh/" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        "GM0373_bergen-nh", "GM0772_eindhoven", "GM0796_s-hertogenbosch", "GM0820_nuenen-gerwen-en-nederwetten", "overzicht"]
    con = connect(warehouse_path, read_only=True)
    listed = sum(con.execute(f"SELECT count(*) FROM {t} WHERE round_id = ?", [rd.ROUND]).fetchone()[0]
                 for t in ("match_set", "match_alternates"))
    con.close()
    # the overview lists every match and every alternate of the (re)computed match set, under one header row
    assert listed > 0
    assert openpyxl.load_workbook(out / "overzicht" / f"{rd.ROUND}_overzicht.xlsx")["Matches"].max_row == 1 + listed


def test_cli_refuses_an_unknown_round_in_dutch(warehouse_path, tmp_path, capsys):
    _filled(warehouse_path)
    assert main(["report", "--round", "2030-R9", "--out", str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fout: Ronde 2030-R9 bestaat niet (bekende rondes: 2027-R1).")
    assert not (tmp_path / "x").exists()


def test_cli_reports_an_unusable_output_folder_in_dutch(warehouse_path, tmp_path, capsys):
    _filled(warehouse_path)
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    assert main(["report", "--round", rd.ROUND, "--out", str(blocker)]) == 1
    assert capsys.readouterr().err.startswith(f"fout: De map {blocker} kan niet worden gebruikt voor de rapporten")


def test_cli_materializes_the_match_set_from_the_warehouse(warehouse_path, tmp_path, capsys):
    con = connect(warehouse_path)
    rd.fill_round(con)
    con.execute("DELETE FROM match_runs")
    con.execute("DELETE FROM match_set")
    con.close()
    assert main(["report", "--round", rd.ROUND, "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    assert f"Matchset {rd.ROUND}:" in printed and "optimaliteitsmarge " in printed and " %." in printed
    con = connect(warehouse_path, read_only=True)
    assert con.execute("SELECT count(*) FROM match_runs WHERE round_id = ?", [rd.ROUND]).fetchone()[0] == 1
    pairs = con.execute(
        "SELECT count(*) FROM match_set m JOIN initiatives i USING (round_id, initiative_id) "
        "JOIN consultants c USING (round_id, consultant_id) WHERE m.round_id = ? AND i.gemeentecode <> c.gemeentecode",
        [rd.ROUND],
    ).fetchone()[0]
    own = con.execute(
        "SELECT count(*) FROM match_set m JOIN initiatives i USING (round_id, initiative_id) "
        "JOIN consultants c USING (round_id, consultant_id) WHERE m.round_id = ? AND i.gemeentecode = c.gemeentecode",
        [rd.ROUND],
    ).fetchone()[0]
    con.close()
    assert pairs > 0 and own == 0


def test_report_assets_partitioned_by_round_with_paths_as_metadata(warehouse_path, tmp_path):
    _filled(warehouse_path)
    assets = defs.get_assets_def("gemeente_rapporten")
    assert assets is defs.get_assets_def("coordinator_overzicht")
    assert assets.partitions_def.name == "rounds"
    assert dg.AssetKey("round_match_set") in {d for deps in assets.asset_deps.values() for d in deps}
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("rounds", [rd.ROUND])
    result = dg.materialize(
        [round_reports],
        partition_key=rd.ROUND,
        instance=instance,
        resources={"warehouse": WarehouseResource(path=str(warehouse_path))},
        run_config={"ops": {"round_reports": {"config": {"out_dir": str(tmp_path / "reports")}}}},
    )
    assert result.success
    meta = {m.asset_key.to_user_string(): m.metadata for m in result.asset_materializations_for_node("round_reports")}
    overview = meta["coordinator_overzicht"]
    for key in ("xlsx", "html", "grafiek", "kaart", "evaluatie_xlsx", "evaluatie_html"):
        assert Path(overview[key].value).is_file()
    assert Path(overview["xlsx"].value) == tmp_path / "reports" / "overzicht" / f"{rd.ROUND}_overzicht.xlsx"
    files = meta["gemeente_rapporten"]["bestanden"].value  # a table: municipality, its Excel and HTML file
    assert meta["gemeente_rapporten"]["gemeenten"].value == 4
    listed = re.findall(r"`([^`]+\.(?:xlsx|html))`", files)
    assert f"GM0796_s-hertogenbosch/{rd.ROUND}_GM0796_s-hertogenbosch.html" in listed and len(listed) == 8
    assert all((tmp_path / "reports" / name).is_file() for name in listed)
    assert "| 's-Hertogenbosch (GM0796) |" in files


def test_cli_writes_no_reports_when_the_checker_finds_a_broken_rule(warehouse_path, tmp_path, capsys, monkeypatch):
    from types import SimpleNamespace

    import matching.round

    _filled(warehouse_path)
    broken = SimpleNamespace(rule="own_municipality", message="consultant C1 werkt in zijn eigen gemeente")
    monkeypatch.setattr(matching.round, "check_round", lambda con, round_id, params=None: [broken])
    assert main(["report", "--round", rd.ROUND, "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "breekt een harde regel; er zijn geen rapporten geschreven" in err and broken.message in err
    assert not (tmp_path / "out").exists()
