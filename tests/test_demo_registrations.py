"""The committed demo registrations: reproducible from the generator, and taken in with the documented outcome."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from pnet.settings import REPO_ROOT, load_config
from warehouse.intake import ingest_files
from warehouse.rounds import create_round

DEMO = REPO_ROOT / "demo_data" / "registrations"
# file -> (rows, loaded, rejected, duplicates), as demo_data/registrations/README.md documents
EXPECTED = {
    "Regio Amersfoort - aanmelding initiatieven ronde 1.xlsx": (41, 41, 0, 0),
    "initiatieven_foodvalley.csv": (51, 49, 2, 0),
    "Aanmeldingen Zeist De Bilt Heuvelrug Bunnik.txt": (33, 33, 0, 0),
    "lekstroom_initiatieven_export.csv": (42, 41, 0, 1),
    "aanvulling initiatieven Amersfoort en Woudenberg.xlsx": (3, 1, 1, 1),
    "Consultants regio Amersfoort.xlsx": (24, 24, 0, 0),
    "consultants_foodvalley.csv": (36, 36, 0, 0),
    "consultants_utrecht_oost.tsv": (26, 25, 1, 0),
    "Consultants Lekstroom.csv": (27, 25, 1, 1),
}


def test_generator_reproduces_the_committed_files(tmp_path):
    spec = importlib.util.spec_from_file_location("gen", REPO_ROOT / "demo_data" / "generate_registrations.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    gen.main(tmp_path / "gen")
    committed = {p.name: p.read_bytes() for p in DEMO.iterdir() if p.name != "README.md"}
    assert {p.name: p.read_bytes() for p in (tmp_path / "gen").iterdir()} == committed


def test_demo_files_are_taken_in_as_documented(con, tmp_path):
    cfg = load_config("demo")
    create_round(con, cfg["round_id"], cfg["gemeenten"], date(2027, 1, 15), date(2027, 3, 1))
    files = [p for p in sorted(DEMO.iterdir()) if p.name != "README.md"]
    reports = {Path(r.file).name: r for r in ingest_files(con, files, cfg["round_id"], tmp_path / "a", tmp_path / "r")}
    assert {n: (r.rows, r.accepted, r.rejected, r.duplicates) for n, r in reports.items() if r.readable} == EXPECTED
    assert reports["Begeleidende brief Foodvalley.pdf"].error.startswith("Dit is een PDF-document")
    (n_ini, ini_gemeenten), = con.execute("SELECT count(*), count(DISTINCT gemeentecode) FROM initiatives").fetchall()
    (n_con, con_gemeenten, no_consent), = con.execute(
        "SELECT count(*), count(DISTINCT gemeentecode), count(*) FILTER (WHERE NOT akkoord_werkgever) FROM consultants"
    ).fetchall()
    assert (n_ini, ini_gemeenten, n_con, con_gemeenten, no_consent) == (165, 20, 110, 18, 9)
