"""The feedback loop: coordinators' decisions on candidates become training data for a new model version.

'relevant' means the text is an initiative, 'niet relevant' that it is not; when one item got both
(for different municipalities), the latest decision counts. Each trained model is saved beside the
warehouse (`models/<version>/`) and registered in `model_versions` with its metrics. When neither the
corpus nor the feedback changed since the current model was trained, that model is kept.
"""

from __future__ import annotations

import json
import os

import duckdb

from nlp.corpus import load_corpus
from nlp.model import Classifier, current_model_path, models_dir
from nlp.training import TrainResult, new_version, train_model, training_fingerprint

FEEDBACK_LABELS = {"relevant": "initiative", "niet relevant": "other"}


def feedback_examples(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Training rows `{"id", "text", "label"}` from `candidate_feedback` joined with the media items."""
    rows = con.execute(
        """
        SELECT f.item_id, coalesce(m.title || '\n\n', '') || m.text AS text, f.label
        FROM candidate_feedback f JOIN media_items m USING (item_id)
        WHERE f.label IN ('relevant', 'niet relevant')
        QUALIFY row_number() OVER (PARTITION BY f.item_id ORDER BY f.decided_at DESC, f.label) = 1
        ORDER BY f.item_id
        """
    ).fetchall()
    return [{"id": f"feedback-{item_id}", "text": text, "label": FEEDBACK_LABELS[label]} for item_id, text, label in rows]


def register_model(
    con: duckdb.DuckDBPyConnection, version: str, path: str, n_train: int | None, n_feedback: int | None, metrics: dict
) -> None:
    """Record a model version (once; an existing row is kept as it was)."""
    con.execute(
        "INSERT INTO model_versions (model_version, path, n_train, n_feedback, metrics) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [version, path, n_train, n_feedback, json.dumps(metrics)],
    )


def register_classifier(con: duckdb.DuckDBPyConnection, classifier: Classifier) -> None:
    """Make sure the version that scores candidates has its `model_versions` row."""
    meta = classifier.nlp.meta
    register_model(
        con, classifier.version, str(classifier.path), meta.get("pnet_n_train"), meta.get("pnet_n_feedback"), classifier.metrics
    )


def retrain(
    con: duckdb.DuckDBPyConnection,
    warehouse: str | os.PathLike[str] | None = None,
    *,
    corpus: list[dict] | None = None,
    max_epochs: int | None = None,
) -> TrainResult:
    """Train a new version on the corpus plus all feedback, save it beside the warehouse and register it.

    The current model is kept (and returned with `retrained=False`) when it was trained from exactly
    this corpus and feedback.
    """
    corpus = load_corpus() if corpus is None else corpus
    feedback = feedback_examples(con)
    current = current_model_path(warehouse)
    meta = json.loads((current / "meta.json").read_text(encoding="utf-8")) if (current / "meta.json").exists() else {}
    if meta.get("pnet_training_fingerprint") == training_fingerprint(corpus, feedback, max_epochs):
        result = TrainResult(current, meta["pnet_model_version"], meta["pnet_n_train"], meta["pnet_n_feedback"],
                             meta["pnet_metrics"], retrained=False)
    else:
        version = new_version()
        result = train_model(models_dir(warehouse) / version, corpus=corpus, feedback=feedback, max_epochs=max_epochs,
                             version=version)
    register_model(con, result.model_version, str(result.path), result.n_train, result.n_feedback, result.metrics)
    return result
