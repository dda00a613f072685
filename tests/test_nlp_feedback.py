"""Scoring media items into candidates, the feedback loop (retraining), and the Dagster assets."""

from __future__ import annotations

import json
from datetime import datetime

import dagster as dg
import pytest

from nlp.candidates import score_media_items
from nlp.model import SHIPPED_MODEL, current_model_path, load_classifier
from nlp.retrain import feedback_examples, retrain
from pipelines.nlp import candidate_initiatives, candidates_have_gemeente
from pipelines.resources import WarehouseResource

# A tiny corpus written for this test, so training takes seconds.
TINY_CORPUS = [
    {"id": f"t{i}", "label": label, "text": text}
    for i, (label, text) in enumerate(
        [
            ("initiative", "Vrijwilligers uit de buurt hebben samen een moestuin aangelegd."),
            ("initiative", "Bewoners richtten een stichting op en runnen nu zelf het dorpshuis."),
            ("initiative", "Buurtgenoten zijn een repair café begonnen met vrijwilligers."),
            ("initiative", "Dorpsgenoten hebben zelf een buurtbus opgezet voor ouderen."),
            ("initiative", "Een groep bewoners legt samen zonnepanelen op het dak van de school."),
            ("initiative", "Vrijwilligers van de vereniging openen een kledingbank voor het dorp."),
            ("other", "De politie zoekt getuigen van een inbraak in een woning."),
            ("other", "Bij een aanrijding op de rotonde raakte een fietser gewond."),
            ("other", "De gemeenteraad stemde in met de begroting voor volgend jaar."),
            ("other", "Het wordt morgen zonnig met een graad of twintig."),
            ("other", "De voetballers wonnen zaterdag met twee tegen een."),
            ("other", "Een supermarkt opent een nieuwe vestiging in het centrum."),
        ]
    )
]
BRADERIE = [
    "Vrijwilligers bemannen de kramen op de braderie, die dit jaar weer duizenden bezoekers trok.",
    "De braderie in de binnenstad: kramen, muziek en vrijwilligers die de bezoekers de weg wijzen.",
    "Op de braderie stonden vrijwilligers achter honderd kramen met koopwaar.",
]
NEW_BRADERIE = "Ook volgend jaar komt er een braderie met kramen, geholpen door vrijwilligers."


def add_media(con, rows):
    for item_id, text, gemeenten in rows:
        con.execute(
            "INSERT INTO media_items (item_id, url, canonical_url, source, kind, title, text, fetched_at, gemeenten) "
            "VALUES (?, ?, ?, 'test', 'news', NULL, ?, ?, ?)",
            [item_id, f"https://voorbeeld.nl/{item_id}", f"https://voorbeeld.nl/{item_id}", text, datetime(2027, 1, 5), gemeenten],
        )


def test_score_media_items_writes_candidates_with_model_version(con):
    add_media(
        con,
        [
            ("m1", "Bewoners in Beek hebben zelf een buurtmoestuin aangelegd; vrijwilligers onderhouden hem.", ["GM0888"]),
            ("m2", "Bij een brand in een flat in Zwolle werden tien bewoners geëvacueerd. De politie doet onderzoek.", ["GM0193"]),
            ("m3", "Vrijwilligers hebben een repair café opgezet voor de buurt.", []),
            ("m4", "   ", []),
        ],
    )
    classifier = load_classifier(SHIPPED_MODEL)
    stats = score_media_items(con, classifier)
    assert (stats.scored, stats.initiatives, stats.without_gemeente, stats.empty) == (3, 2, 1, 1)
    assert dict(stats.per_gemeente) == {"GM0888": 1}
    assert sum(stats.histogram) == 3
    rows = con.execute("SELECT item_id, model_version, is_initiative, gemeentecode, themes, evidence FROM candidates ORDER BY item_id").fetchall()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("m1", classifier.version, True, "GM0888"),
        ("m2", classifier.version, False, "GM0193"),
        ("m3", classifier.version, True, None),
    ]
    assert "groen" in rows[0][4]
    assert json.loads(rows[0][5])["gemeente"]["mentions"] == ["Beek"]
    assert con.execute("SELECT count(*) FROM model_versions WHERE model_version = ?", [classifier.version]).fetchone()[0] == 1
    assert score_media_items(con, classifier).scored == 0, "scored items are not scored twice by the same model"


def test_feedback_retrains_and_changes_the_decision_on_that_kind_of_text(con, warehouse_path):
    base = retrain(con, warehouse_path, corpus=TINY_CORPUS, max_epochs=30)
    before = load_classifier(base.path).classify([{"id": 1, "text": NEW_BRADERIE}])[0]
    assert before["is_initiative"] is True  # 'vrijwilligers' is all the tiny corpus knows

    add_media(con, [(f"b{i}", text, []) for i, text in enumerate(BRADERIE)])
    con.executemany(
        "INSERT INTO candidate_feedback (item_id, gemeentecode, label) VALUES (?, 'GM0193', 'niet relevant')",
        [[f"b{i}"] for i in range(len(BRADERIE))],
    )
    assert [row["label"] for row in feedback_examples(con)] == ["other"] * 3
    after = retrain(con, warehouse_path, corpus=TINY_CORPUS, max_epochs=30)
    assert after.n_feedback == 3
    decision = load_classifier(after.path).classify([{"id": 1, "text": NEW_BRADERIE}])[0]
    assert decision["is_initiative"] is False
    assert "braderie" in decision["evidence"]["classifier"]
    # the model keeps no words of the texts it learnt from (posts are deleted after retention; models are not)
    assert "braderie" not in (after.path / "vocab" / "strings.json").read_text(encoding="utf-8").casefold()

    again = retrain(con, warehouse_path, corpus=TINY_CORPUS, max_epochs=30)
    assert (again.retrained, again.model_version, again.path) == (False, after.model_version, after.path), "nothing new: kept"

    versions = con.execute("SELECT model_version, n_feedback, path, metrics FROM model_versions ORDER BY model_version").fetchall()
    assert [(v, n) for v, n, _, _ in versions] == [(base.model_version, 0), (after.model_version, 3)]
    assert json.loads(versions[1][3])["n_held_out"] >= 1
    assert current_model_path(warehouse_path) == after.path, "the newest model beside the warehouse is used"
    assert len(list(after.path.parent.glob("m*"))) == 2


def test_latest_feedback_decision_counts(con):
    add_media(con, [("x1", "Een tekst.", [])])
    con.execute("INSERT INTO candidate_feedback (item_id, gemeentecode, label, decided_at) VALUES ('x1', 'GM0001', 'relevant', '2027-01-01')")
    con.execute("INSERT INTO candidate_feedback (item_id, gemeentecode, label, decided_at) VALUES ('x1', 'GM0002', 'niet relevant', '2027-02-01')")
    assert [r["label"] for r in feedback_examples(con)] == ["other"]


@pytest.mark.parametrize("threshold, passed", [(0.9, True), (0.1, False)])
def test_candidate_asset_metadata_and_gemeente_check(con, warehouse_path, tmp_path, monkeypatch, threshold, passed):
    add_media(
        con,
        [
            ("m1", "Bewoners in Zwolle hebben zelf een buurtmoestuin aangelegd met vrijwilligers.", []),
            ("m2", "Vrijwilligers hebben samen een repair café opgezet voor de buurt.", []),
        ],
    )
    con.close()
    config = tmp_path / "config"
    config.mkdir()
    from pnet.settings import config_dir

    for f in config_dir().glob("*.yaml"):
        (config / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (config / "nlp.yaml").write_text(
        f"classifier:\n  threshold: 0.5\ncandidates:\n  max_share_without_gemeente: {threshold}\n", encoding="utf-8"
    )
    monkeypatch.setenv("PNET_CONFIG_DIR", str(config))
    result = dg.materialize(
        [candidate_initiatives, candidates_have_gemeente],
        resources={"warehouse": WarehouseResource(path=str(warehouse_path))},
        instance=dg.DagsterInstance.ephemeral(),
    )
    [materialization] = result.get_asset_materialization_events()
    meta = materialization.materialization.metadata
    assert meta["initiatieven"].value == 2
    assert meta["kandidaat_initiatieven"].value == 2  # two items, two clusters
    assert meta["zonder_gemeente"].value == 1
    assert "GM0193" in meta["per_gemeente"].value
    assert meta["modelversie"].value == load_classifier(SHIPPED_MODEL).version
    [check] = result.get_asset_check_evaluations()
    assert check.passed is passed
    assert check.severity == dg.AssetCheckSeverity.WARN


def test_pnet_train_keeps_the_model_until_there_is_feedback_then_trains_a_new_version(con, warehouse_path, capsys):
    from pnet.cli import main
    from warehouse.db import connect

    con.close()
    assert main(["train", "--warehouse", str(warehouse_path)]) == 0
    assert "niet veranderd sinds model basis-1" in capsys.readouterr().out
    assert current_model_path(warehouse_path) == SHIPPED_MODEL

    with connect(warehouse_path) as db:
        add_media(db, [("b0", BRADERIE[0], [])])
        db.execute("INSERT INTO candidate_feedback (item_id, gemeentecode, label) VALUES ('b0', 'GM0193', 'niet relevant')")
    assert main(["train", "--warehouse", str(warehouse_path)]) == 0
    out = capsys.readouterr().out
    assert "getraind op" in out and "(1 uit feedback)" in out
    trained = current_model_path(warehouse_path)
    assert trained.parent == warehouse_path.parent / "models"
    with connect(warehouse_path) as db:
        assert db.execute("SELECT model_version FROM model_versions ORDER BY model_version").fetchall() == [
            ("basis-1",), (trained.name,)
        ]


def test_classifier_asset_keeps_the_shipped_model_without_feedback(con, warehouse_path):
    from pipelines.nlp import initiative_classifier

    con.close()
    result = dg.materialize([initiative_classifier], resources={"warehouse": WarehouseResource(path=str(warehouse_path))},
                            instance=dg.DagsterInstance.ephemeral())
    [materialization] = result.get_asset_materialization_events()
    meta = materialization.materialization.metadata
    assert meta["modelversie"].value == load_classifier(SHIPPED_MODEL).version
    assert meta["opnieuw_getraind"].value is False
    assert current_model_path(warehouse_path) == SHIPPED_MODEL
