"""Load the initiative pipeline and classify records: initiative or not, municipality, themes, evidence.

The shipped pipeline lives in `nlp/models/initiative/`; models retrained with feedback are saved beside
the warehouse (`<warehouse folder>/models/<version>/`) and the newest of those is used when present.
With `PNET_SPACY_BASE` naming an installed pipeline (e.g. nl_core_news_sm), that pipeline is the base
and our classifier is added to it; nothing is ever downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc

from nlp.architectures import PREFIX_TEXT  # importing registers pnet.TextCatBOWLower.v1
from nlp.places import PlaceMatcher
from nlp.themes import ThemeMatcher
from nlp.tokenizer import dutch_tokenizer  # noqa: F401  (registers pnet.DutchTokenizer.v1)
from pnet.errors import PnetError
from pnet.settings import load_config, warehouse_path
from warehouse.resolver import default_resolver

SHIPPED_MODEL = Path(__file__).parent / "models" / "initiative"
EVIDENCE_TERMS = 5
BATCH = 256


class ModelError(PnetError):
    """The classifier pipeline cannot be found or loaded."""


class RecordError(PnetError):
    """An input record lacks what classification needs."""


def models_dir(warehouse: str | os.PathLike[str] | None = None) -> Path:
    """Where retrained models are kept: `models/` beside the warehouse file."""
    return warehouse_path(warehouse).resolve().parent / "models"


def current_model_path(warehouse: str | os.PathLike[str] | None = None) -> Path:
    """The newest retrained model beside the warehouse, else the shipped one."""
    root = models_dir(warehouse)
    trained = sorted(p for p in root.glob("m*") if (p / "meta.json").exists()) if root.is_dir() else []
    return trained[-1] if trained else SHIPPED_MODEL


def load_pipeline(path: Path) -> Language:
    """Our trained pipeline, on top of `PNET_SPACY_BASE` when that names an installed pipeline."""
    if not (path / "meta.json").exists():
        raise ModelError(f"Geen getraind model gevonden in '{path}'. Draai 'pnet train' om het te bouwen.")
    # The tokenizer is built from the model's config (ours, nlp/tokenizer.py; spaCy's Dutch one for
    # models trained before it); reading a saved spaCy tokenizer would only double the load time.
    trained = spacy.load(path, exclude=["tokenizer"])
    base_name = os.environ.get("PNET_SPACY_BASE")
    if not base_name:
        return trained
    try:
        base = spacy.load(base_name)
    except OSError as exc:
        raise ModelError(
            f"PNET_SPACY_BASE noemt '{base_name}', maar die spaCy-pipeline is niet geïnstalleerd. "
            "Installeer hem of maak PNET_SPACY_BASE leeg."
        ) from exc
    if "textcat" in base.pipe_names:
        base.remove_pipe("textcat")
    base.add_pipe("textcat", source=trained)
    base.tokenizer = trained.tokenizer  # the classifier's features are words as it was trained to split them
    base.meta.update({k: v for k, v in trained.meta.items() if k.startswith("pnet_")})
    return base


class Classifier:
    """Scores records `{"id", "text", ["title", "url", "source_gemeenten"]}` in one pass."""

    def __init__(self, nlp: Language, path: Path, threshold: float | None = None) -> None:
        self.nlp = nlp
        self.path = path
        self.version = str(nlp.meta.get("pnet_model_version", "onbekend"))
        self.metrics = dict(nlp.meta.get("pnet_metrics", {}))
        self.threshold = float(load_config("nlp")["classifier"]["threshold"] if threshold is None else threshold)
        self.places = PlaceMatcher(nlp)
        self.themes = ThemeMatcher()
        self._textcat = nlp.get_pipe("textcat")
        self._positive = list(self._textcat.labels).index("initiative")
        self._extract = next(n for n in self._textcat.model.walk() if n.name == "extract_features")
        self._linear = self._textcat.model.get_ref("output_layer")
        self._stop_words = nlp.Defaults.stop_words
        if self._textcat.model.attrs.get("multi_label"):
            raise ModelError(f"Het model in {path} is niet getraind met exclusieve klassen (initiative/other).")

    def classify(self, records: Iterable[dict]) -> list[dict]:
        """One output dict per record, in input order (see `pnet classify`)."""
        records = [validate_record(r, i) for i, r in enumerate(records, start=1)]
        texts = [f"{r['title']}\n\n{r['text']}" if r.get("title") else r["text"] for r in records]
        out = []
        for start in range(0, len(records), BATCH):
            batch_texts = texts[start : start + BATCH]
            docs = list(self.nlp.pipe(batch_texts, disable=["textcat"]))
            for record, text, doc, (score, evidence) in zip(
                records[start : start + BATCH], batch_texts, docs, self._score(docs)
            ):
                is_initiative = score >= self.threshold
                place = self.places.resolve(doc, _coverage(record.get("source_gemeenten")), record.get("url"), text)
                hits = self.themes.find(doc, text)
                out.append(
                    {
                        "id": record["id"],
                        "is_initiative": is_initiative,
                        "score": round(score, 4),
                        "gemeentecode": place.gemeentecode,
                        "themes": [h.code for h in hits],
                        "evidence": {
                            "classifier": evidence(is_initiative, text),
                            "gemeente": {"mentions": place.mentions, "via": place.via, "ambiguous": place.ambiguous},
                            "themes": {h.code: list(h.terms) for h in hits},
                        },
                    }
                )
        return out

    def _score(self, docs: list[Doc]) -> list[tuple[float, Callable[[bool, str], list[str]]]]:
        """Per doc: the initiative probability and a function giving the features behind a decision.

        This runs the textcat model's own layers once for the batch: its feature extractor, its
        linear layer and the softmax (the model is exclusive-class), so the score is the model's score.
        """
        keys, values, lengths = self._extract.predict(docs)
        logits = self._linear.predict((keys, values, lengths))
        probs = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        per_key = self._linear.predict((keys, np.ones(len(keys), dtype="f"), np.ones(len(keys), dtype="int32")))
        margins = per_key[:, self._positive] - per_key[:, 1 - self._positive]
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        return [
            (float(probs[i, self._positive]), partial(self._top_terms, keys[a:b], margins[a:b], docs[i]))
            for i, (a, b) in enumerate(zip(bounds[:-1], bounds[1:]))
        ]

    def _top_terms(self, keys: np.ndarray, margins: np.ndarray, doc: Doc, toward_initiative: bool, text: str) -> list[str]:
        """The words and word pairs whose weights pushed the score most toward the decision; a word beginning
        that weighed (a compound's first part) is shown as the first word of the text that starts with it."""
        found: list[str] = []
        lowers = pair_keys = lowered = None
        for i in np.argsort(-margins if toward_initiative else margins):
            if (margins[i] > 0) != toward_initiative or len(found) >= EVIDENCE_TERMS:
                break
            key = int(keys[i])
            if key in PREFIX_TEXT:
                lowered = lowered or text.lower()
                phrase = _word_starting(lowered, PREFIX_TEXT[key])
            elif key in self.nlp.vocab.strings:
                phrase = self._phrase(key)
            else:  # a word pair: find where the doc has it (the model forms pairs as thinc's ngrams)
                if pair_keys is None:
                    lowers = doc.to_array(LOWER).astype("uint64")
                    pair_keys = self._textcat.model.ops.ngrams(2, lowers) if len(lowers) > 1 else np.zeros(0, "uint64")
                at = np.flatnonzero(pair_keys == keys[i])
                phrase = self._pair_phrase(int(lowers[at[0]]), int(lowers[at[0] + 1])) if at.size else None
            if phrase and phrase not in found:
                found.append(phrase)
        return found

    def _phrase(self, key: int) -> str | None:
        """What a word feature stands for, if it carries meaning."""
        word = self.nlp.vocab.strings[key]
        return word if word.isalpha() and word not in self._stop_words else None

    def _pair_phrase(self, first_id: int, second_id: int) -> str | None:
        """Two words, if both are words and not both stop words."""
        first, second = self.nlp.vocab.strings[first_id], self.nlp.vocab.strings[second_id]
        if not (first.isalpha() and second.isalpha()) or (first in self._stop_words and second in self._stop_words):
            return None
        return f"{first} {second}"


def _word_starting(text: str, prefix: str) -> str | None:
    """The first word of (lower-cased) `text` that starts with `prefix` and has three more letters."""
    at = text.find(prefix)
    while at >= 0:
        end = at + len(prefix)
        if at == 0 or not text[at - 1].isalpha():
            while end < len(text) and text[end].isalpha():
                end += 1
            if end - at >= len(prefix) + 3:
                return text[at:end]
        at = text.find(prefix, end)
    return None


def validate_record(record: object, line: int) -> dict:
    """The record if it has a non-empty `id` and `text`; else `RecordError` saying what is wrong.

    A line of `pnet scan --out` has no `id` but a `url`, which then serves as its id."""
    if not isinstance(record, dict):
        raise RecordError(f"regel {line}: verwacht een JSON-object met 'id' en 'text'.")
    if record.get("id") in (None, "") and isinstance(record.get("url"), str) and record["url"]:
        record["id"] = record["url"]
    if record.get("id") in (None, ""):
        raise RecordError(f"regel {line}: het veld 'id' ontbreekt.")
    if not isinstance(record.get("text"), str) or not record["text"].strip():
        raise RecordError(f"regel {line} (id {record['id']}): het veld 'text' ontbreekt of is leeg.")
    for key in ("url", "title"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise RecordError(f"regel {line} (id {record['id']}): '{key}' moet tekst zijn.")
    for key in ("text", "title"):  # a lone surrogate escape (\ud800) cannot be encoded: it becomes '?'
        if isinstance(record.get(key), str):
            record[key] = record[key].encode("utf-8", "replace").decode("utf-8")
    coverage = record.get("source_gemeenten")
    if coverage is not None and not (isinstance(coverage, list) and all(isinstance(c, str) for c in coverage)):
        raise RecordError(f"regel {line} (id {record['id']}): 'source_gemeenten' moet een lijst met gemeentecodes of -namen zijn.")
    return record


def _coverage(values: Sequence[str] | None) -> list[str]:
    """Gemeentecodes for the names or codes a source says it covers (what does not resolve is ignored)."""
    codes = []
    for value in values or ():
        found = default_resolver().candidates(value)
        if len(found) == 1:
            codes.append(found[0].code)
    return codes


def load_classifier(path: str | os.PathLike[str] | None = None, threshold: float | None = None) -> Classifier:
    """The classifier at `path`, else the current one (newest retrained model, else the shipped one)."""
    model_path = Path(path) if path else current_model_path()
    return Classifier(load_pipeline(model_path), model_path, threshold)
