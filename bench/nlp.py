"""NLP benchmark: dev-set quality, municipality accuracy, throughput and load time, beside their targets.

It also scores our own validation pages (`nlp/corpus/validation_pages.jsonl`, never trained on): the
figure to check a change against before the dev set is consulted.

Run `python -m bench.nlp`. The dev set (`../shared/data/dev/initiatives_dev_nl.jsonl`, third-party texts)
is only read here, to measure; when it is absent its rows are reported as skipped.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the target says

from nlp.corpus import load_corpus, load_held_out, load_validation  # noqa: E402
from nlp.metrics import binary_metrics  # noqa: E402
from nlp.model import SHIPPED_MODEL, load_classifier  # noqa: E402
from pnet.settings import REPO_ROOT  # noqa: E402
from warehouse.resolver import default_resolver  # noqa: E402

DEV_SET = Path(os.environ.get("PNET_DEV_SET", REPO_ROOT.parent / "shared" / "data" / "dev" / "initiatives_dev_nl.jsonl"))
CV_SPLITS = 500
THRESHOLDS = [t / 100 for t in range(30, 61)]
MIN_PRECISION = 0.88
THROUGHPUT_DOCS = 4000
THROUGHPUT_RUNS = 3
DOC_CHARS = 1000


def _row(metric: str, value, target, unit: str, ok) -> dict:
    return {"benchmark": "nlp", "metric": metric, "value": value, "target": target, "unit": unit, "ok": ok}


def _docs_of_about(chars: int, n: int) -> list[dict]:
    """`n` texts of about `chars` characters, made by joining corpus texts (varied, not one repeated doc)."""
    texts = [r["text"] for r in load_corpus()]
    docs, i = [], 0
    while len(docs) < n:
        parts, length = [], 0
        while length < chars:
            parts.append(texts[i % len(texts)])
            length += len(parts[-1]) + 2
            i += 7
        docs.append({"id": str(len(docs)), "text": "\n\n".join(parts)[:chars]})
    return docs


def _scored(classifier, labelled: list[dict]) -> tuple[dict, list[dict]]:
    """Precision, recall and F1 of `initiative` on labelled records, and the classifier's outputs."""
    results = list(classifier.classify(labelled))
    return binary_metrics([r["label"] == "initiative" for r in labelled], [o["is_initiative"] for o in results]), results


def best_threshold(gold: list[bool], scores: list[float]) -> float:
    """The rule the configured threshold was chosen by: highest F1 with precision >= 0.88 (0.5 if none)."""
    scored = []
    for t in THRESHOLDS:
        m = binary_metrics(gold, [s >= t for s in scores])
        if m["precision"] >= MIN_PRECISION:
            scored.append((m["f1"], t))
    return max(scored)[1] if scored else 0.5


def cross_validated(gold: list[bool], scores: list[float], splits: int = CV_SPLITS) -> dict:
    """Mean precision, recall and F1 on one half of the dev set with the threshold chosen on the other half.

    The configured threshold was chosen on the whole dev set, so its dev F1 is optimistic; this is the
    figure to expect on new pages of the same kind.
    """
    rng = random.Random(0)
    totals = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    index = list(range(len(gold)))
    for _ in range(splits):
        rng.shuffle(index)
        tune, test = index[: len(index) // 2], index[len(index) // 2:]
        t = best_threshold([gold[i] for i in tune], [scores[i] for i in tune])
        m = binary_metrics([gold[i] for i in test], [scores[i] >= t for i in test])
        for key in totals:
            totals[key] += m[key] / splits
    return {key: round(value, 3) for key, value in totals.items()}


def run() -> list[dict]:
    rows = []
    start = time.perf_counter()
    classifier = load_classifier(SHIPPED_MODEL)
    load_seconds = time.perf_counter() - start
    rows.append(_row("laadtijd pipeline", round(load_seconds, 3), "< 2", "s", load_seconds < 2))

    docs = _docs_of_about(DOC_CHARS, THROUGHPUT_DOCS)
    rates = []
    for _ in range(THROUGHPUT_RUNS):  # each run on a freshly loaded pipeline, so no run reads text it has cached
        fresh = load_classifier(SHIPPED_MODEL)
        fresh.classify(docs[:200])  # warm the caches the way a long run has them
        start = time.perf_counter()
        fresh.classify(docs)
        rates.append(len(docs) / (time.perf_counter() - start))
    rate = statistics.median(rates)
    rows.append(_row(f"doorvoer (docs van ~1.000 tekens, 1 kern, mediaan van {THROUGHPUT_RUNS})", round(rate), ">= 2000",
                     "docs/s", rate >= 2000))

    validation = load_validation()
    m, _ = _scored(classifier, validation)
    rows.append(_row(f"F1 initiative (eigen validatiepagina's, {len(validation)})", m["f1"], "-", "", None))
    rows.append(_row("precisie initiative (eigen validatiepagina's)", m["precision"], "-", "", None))
    held_out = load_held_out()
    m, _ = _scored(classifier, held_out)
    rows.append(_row(f"F1 initiative (eigen achtergehouden teksten, {len(held_out)})", m["f1"], "-", "", None))
    rows.append(_row("precisie initiative (eigen achtergehouden teksten)", m["precision"], "-", "", None))

    if not DEV_SET.exists():
        note = f"overgeslagen: {DEV_SET} ontbreekt"
        for metric in ("F1 initiative (dev)", "precisie initiative (dev)", "recall initiative (dev)", "gemeente juist (dev)"):
            rows.append(_row(metric, note, "-", "", None))
        return rows
    dev = [json.loads(line) for line in DEV_SET.open(encoding="utf-8")]
    m, results = _scored(classifier, [{"id": r["id"], "text": r["text"], "url": r.get("url"), "label": r["label"]} for r in dev])
    rows.append(_row("F1 initiative (dev)", m["f1"], ">= 0.90", "", m["f1"] >= 0.90))
    rows.append(_row("precisie initiative (dev)", m["precision"], ">= 0.88", "", m["precision"] >= 0.88))
    rows.append(_row("recall initiative (dev)", m["recall"], "-", "", None))
    gold, scores = [r["label"] == "initiative" for r in dev], [o["score"] for o in results]
    rows.append(_row("drempel (config) / beste drempel op dev", f"{classifier.threshold} / {best_threshold(gold, scores)}", "-", "",
                     None))
    cv = cross_validated(gold, scores)
    rows.append(_row(f"F1 (dev, drempel gekozen op de andere helft, {CV_SPLITS}x)", cv["f1"], "-", "", None))
    rows.append(_row("precisie / recall (idem)", f"{cv['precision']} / {cv['recall']}", "-", "", None))

    resolver = default_resolver()
    named = [(r, o) for r, o in zip(dev, results) if r.get("gemeente")]
    correct = sum(o["gemeentecode"] is not None and resolver.get(o["gemeentecode"]).naam == r["gemeente"] for r, o in named)
    unknown = sum(o["gemeentecode"] is None for _, o in named)
    share = correct / len(named) if named else 0.0
    rows.append(_row(f"gemeente juist (dev, {len(named)} items, {unknown} onbekend)", round(share, 3), ">= 0.90", "", share >= 0.90))
    return rows


def main() -> None:
    for row in run():
        mark = {True: "ok", False: "NIET GEHAALD", None: ""}[row["ok"]]
        print(f"{row['metric']:<52} {row['value']!s:>10} {row['unit']:<7} doel {row['target']:<8} {mark}")


if __name__ == "__main__":
    main()
