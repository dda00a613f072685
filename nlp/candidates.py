"""Score media items into `candidates`: initiative or not, municipality, themes, evidence, model version."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from nlp.model import Classifier
from nlp.retrain import register_classifier
from warehouse.db import transaction

BATCH = 2000
HISTOGRAM_BINS = 10


@dataclass
class ScoreStats:
    model_version: str
    scored: int = 0
    initiatives: int = 0
    without_gemeente: int = 0  # initiatives without a municipality
    per_gemeente: Counter = field(default_factory=Counter)  # initiatives per gemeentecode
    histogram: list[int] = field(default_factory=lambda: [0] * HISTOGRAM_BINS)  # scores in tenths
    empty: int = 0  # media items without text, left unscored


def score_media_items(con: duckdb.DuckDBPyConnection, classifier: Classifier) -> ScoreStats:
    """Score every media item this model version has not scored yet (new items, or items of an older model).

    Items without text cannot be scored; they are counted in `empty` and left out of `candidates`.
    """
    register_classifier(con, classifier)
    stats = ScoreStats(classifier.version)
    stats.empty = con.execute("SELECT count(*) FROM media_items WHERE trim(text) = ''").fetchone()[0]
    while True:
        batch = con.execute(
            """
            SELECT m.item_id, m.title, m.text, m.url, m.gemeenten
            FROM media_items m LEFT JOIN candidates c USING (item_id)
            WHERE (c.item_id IS NULL OR c.model_version <> ?) AND trim(m.text) <> ''
            ORDER BY m.item_id LIMIT ?
            """,
            [classifier.version, BATCH],
        ).fetchall()
        if not batch:
            return stats
        records = [
            {"id": item_id, "title": title, "text": text, "url": url, "source_gemeenten": list(gemeenten or [])}
            for item_id, title, text, url, gemeenten in batch
        ]
        results = classifier.classify(records)
        frame = pd.DataFrame(
            {
                "item_id": [r["id"] for r in results],
                "model_version": classifier.version,
                "is_initiative": [r["is_initiative"] for r in results],
                "score": [r["score"] for r in results],
                "gemeentecode": [r["gemeentecode"] for r in results],
                "themes": [r["themes"] for r in results],
                "evidence": [json.dumps(r["evidence"], ensure_ascii=False) for r in results],
            }
        )
        _write(con, frame)
        for r in results:
            stats.scored += 1
            stats.histogram[min(int(r["score"] * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1
            if r["is_initiative"]:
                stats.initiatives += 1
                if r["gemeentecode"] is None:
                    stats.without_gemeente += 1
                else:
                    stats.per_gemeente[r["gemeentecode"]] += 1


def _write(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    """Replace the candidate rows of these items, in one transaction."""
    con.register("_scored", frame)
    try:
        with transaction(con):
            con.execute("DELETE FROM candidates WHERE item_id IN (SELECT item_id FROM _scored)")
            con.execute(
                "INSERT INTO candidates BY NAME SELECT item_id, model_version, is_initiative, score, "
                "gemeentecode, themes::VARCHAR[] AS themes, evidence::JSON AS evidence FROM _scored"
            )
    finally:
        con.unregister("_scored")


def candidate_initiative_count(con: duckdb.DuckDBPyConnection) -> int:
    """Candidate initiatives in the warehouse: the items about one initiative (one cluster, per municipality) count once."""
    return con.execute(
        "SELECT count(DISTINCT (c.gemeentecode, coalesce(m.cluster_id, c.item_id))) "
        "FROM candidates c JOIN media_items m USING (item_id) WHERE c.is_initiative"
    ).fetchone()[0]


def scored_without_gemeente(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(scored items judged an initiative but without a municipality, all scored items judged an initiative)."""
    return con.execute(
        "SELECT count(*) FILTER (WHERE gemeentecode IS NULL), count(*) FROM candidates WHERE is_initiative"
    ).fetchone()
