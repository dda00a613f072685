"""`pnet demo`: a whole round through the Dagster jobs, offline, with every report written."""

from __future__ import annotations

import dagster as dg

from pnet.cli import main


def test_demo_runs_the_whole_round_through_dagster(tmp_path, monkeypatch, capsys):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Demoronde DEMO-R1: 20 gemeenten" in printed
    assert "Controles:" in printed and "niet geslaagd" not in printed
    assert "waarschuwing: round_initiatives:alle_bestanden_leesbaar" in printed  # the bundled PDF cannot be read
    assert "Aanmeldingen: 10 bestanden (1 onleesbaar)" in printed  # the meeting's workbooks are no registrations
    assert "Overleg: " in printed and "Matchset na het overleg: " in printed

    packages = sorted(p.name for p in out.iterdir() if p.name.startswith("GM"))
    assert len(packages) == 20 and "GM0307_amersfoort" in packages
    assert (out / "overzicht" / "DEMO-R1_overzicht.xlsx").is_file()
    assert (out / "overzicht" / "DEMO-R1_overzicht.html").is_file()

    from warehouse.db import connect

    con = connect(read_only=True)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(*) FROM initiatives WHERE round_id = 'DEMO-R1'") >= 150
    assert one("SELECT count(*) FROM consultants WHERE round_id = 'DEMO-R1'") >= 100
    assert one("SELECT count(*) FROM media_items") > 100
    assert one("SELECT count(*) FROM candidates WHERE is_initiative") > 0
    assert one("SELECT count(*) FROM intake_files WHERE error IS NOT NULL") == 1  # the bundled PDF
    assert one("SELECT count(*) FROM match_set WHERE round_id = 'DEMO-R1'") > 0
    # the joint meeting: agreed pairs kept (locked), rejected ones gone, confirmed candidates matched
    assert one("SELECT count(*) FROM match_decisions d JOIN match_set s USING (round_id, initiative_id, consultant_id) "
               "WHERE d.decision = 'akkoord' AND s.locked") == one("SELECT count(*) FROM match_decisions WHERE decision = 'akkoord'") > 0
    assert one("SELECT count(*) FROM match_decisions d JOIN match_set s USING (round_id, initiative_id, consultant_id) "
               "WHERE d.decision = 'afgewezen'") == 0
    assert one("SELECT count(*) FROM match_set WHERE initiative_id LIKE 'K-%'") > 0
    con.close()

    with dg.DagsterInstance.get() as instance:  # runs are recorded in the persistent DAGSTER_HOME
        jobs = [r.dagster_run.job_name for r in instance.get_run_records()]
    assert {"referentiedata", "media_scan", "kandidaten", "ronde"} <= set(jobs)
    assert jobs.count("ronde") >= 2  # before and after the joint meeting
