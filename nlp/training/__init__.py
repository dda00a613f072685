"""Train the initiative classifier with `spacy train` from `config.cfg`, on the corpus plus feedback.

Feedback from coordinators ('relevant' / 'niet relevant') is added to the training data with extra
weight (repeated `FEEDBACK_WEIGHT` times), so one decision changes how that kind of text is scored.
A fixed part of the corpus (chosen by id, never feedback) is held out to report the model's metrics.
Each model records a fingerprint of what it was trained from (our model code, config, corpus,
feedback, settings), so an unchanged training set need not be trained again.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.tokens import DocBin

from nlp import architectures, tokenizer  # importing registers pnet.TextCatBOWLower.v1 and pnet.DutchTokenizer.v1
from nlp.corpus import LABELS, load_corpus
from nlp.metrics import binary_metrics
from nlp.tokenizer import blank_dutch
from pnet.settings import load_config

CONFIG = Path(__file__).with_name("config.cfg")
FEEDBACK_WEIGHT = 3
SHIPPED_VERSION = "basis-1"  # the model shipped in nlp/models/initiative
HELD_OUT_EVERY = 7  # one in seven corpus rows (by id hash) is held out for the metrics


@dataclass(frozen=True)
class TrainResult:
    path: Path
    model_version: str
    n_train: int
    n_feedback: int
    metrics: dict
    retrained: bool = True  # False when an existing model with the same fingerprint was kept


def training_fingerprint(
    corpus: Sequence[dict], feedback: Sequence[dict] = (), max_epochs: int | None = None, seed: int | None = None
) -> str:
    """A hash of everything a training run depends on; equal fingerprints give the same model."""
    content = {
        "code": [spacy.__version__] + [Path(m.__file__).read_text(encoding="utf-8") for m in (architectures, tokenizer)],
        "config": CONFIG.read_text(encoding="utf-8"),
        "corpus": [(str(r["id"]), r["text"], r["label"]) for r in corpus],
        "feedback": [(str(r["id"]), r["text"], r["label"]) for r in feedback],
        "settings": [FEEDBACK_WEIGHT, HELD_OUT_EVERY, max_epochs, seed, load_config("nlp")["classifier"]["threshold"]],
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def new_version(now: datetime | None = None) -> str:
    """A sortable model version id, e.g. 'm20270115T083000123456' (UTC, to the microsecond)."""
    return (now or datetime.now(timezone.utc)).strftime("m%Y%m%dT%H%M%S%f")


def _held_out(row_id: str) -> bool:
    return int(hashlib.sha1(row_id.encode()).hexdigest(), 16) % HELD_OUT_EVERY == 0


def _docbin(nlp: spacy.Language, rows: Iterable[dict]) -> DocBin:
    bin_ = DocBin(store_user_data=False)
    for row in rows:
        doc = nlp.make_doc(row["text"])
        doc.cats = {label: float(row["label"] == label) for label in LABELS}
        bin_.add(doc)
    return bin_


def train_model(
    output: Path,
    *,
    corpus: Sequence[dict] | None = None,
    feedback: Sequence[dict] = (),
    max_epochs: int | None = None,
    seed: int | None = None,
    version: str | None = None,
) -> TrainResult:
    """Train and save the pipeline to `output` (replaced); returns its version and held-out metrics."""
    corpus = list(load_corpus() if corpus is None else corpus)
    fingerprint = training_fingerprint(corpus, feedback, max_epochs, seed)
    train_rows = [r for r in corpus if not _held_out(str(r["id"]))]
    dev_rows = [r for r in corpus if _held_out(str(r["id"]))] or corpus[:1]
    train_rows += [r for r in feedback for _ in range(FEEDBACK_WEIGHT)]
    blank = blank_dutch()
    version = version or new_version()
    overrides: dict = {}
    if max_epochs is not None:
        overrides["training.max_epochs"] = max_epochs
    if seed is not None:
        overrides["system.seed"] = seed
    with tempfile.TemporaryDirectory(prefix="pnet-train-") as tmp:
        tmpdir = Path(tmp)
        _docbin(blank, train_rows).to_disk(tmpdir / "train.spacy")
        _docbin(blank, dev_rows).to_disk(tmpdir / "dev.spacy")
        overrides |= {"paths.train": str(tmpdir / "train.spacy"), "paths.dev": str(tmpdir / "dev.spacy")}
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            spacy_train(CONFIG, tmpdir / "out", overrides=overrides, use_gpu=-1)
        nlp = spacy.load(tmpdir / "out" / "model-last")
    scores = [doc.cats.get("initiative", 0.0) for doc in nlp.pipe(r["text"] for r in dev_rows)]
    threshold = float(load_config("nlp")["classifier"]["threshold"])
    metrics = binary_metrics([r["label"] == "initiative" for r in dev_rows], [s >= threshold for s in scores])
    metrics["n_held_out"] = len(dev_rows)
    nlp.meta.update(
        {
            "name": "pnet_initiative",
            "version": "1.0.0",
            "description": "Participatienetwerk: burgerinitiatief of niet (textcat), getraind op eigen corpus plus feedback.",
            "pnet_model_version": version,
            "pnet_metrics": metrics,
            "pnet_n_train": len(train_rows),
            "pnet_n_feedback": len(feedback),
            "pnet_training_fingerprint": fingerprint,
        }
    )
    # The string store holds every word of the training texts, feedback posts included; the model needs
    # none of them (its features are hashes, and a text's own words are added when it is read).
    nlp.vocab.strings._reset_and_load(list(blank_dutch().vocab.strings) + list(nlp.get_pipe("textcat").labels))
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return TrainResult(output, version, len(train_rows), len(feedback), metrics)
