"""The corpus files: the validation pages stay out of training and are usable as a check."""

from nlp.corpus import LABELS, load_corpus, load_held_out, load_validation


def test_validation_pages_and_held_out_texts_are_never_trained_on():
    validation = load_validation() + load_held_out()
    trained = load_corpus()
    trained_texts = {r["text"] for r in trained}
    trained_paragraphs = {p.strip() for r in trained for p in r["text"].split("\n\n") if len(p.strip()) > 80}
    assert not any(r["text"] in trained_texts for r in validation)
    # no validation page's paragraph was copied into the corpus either
    assert not any(p.strip() in trained_paragraphs for r in validation for p in r["text"].split("\n\n"))
    assert not {r["id"] for r in validation} & {r["id"] for r in trained}


def test_validation_pages_are_balanced_page_length_records():
    validation = load_validation()
    assert len({r["id"] for r in validation}) == len(validation)
    for label in LABELS:
        rows = [r for r in validation if r["label"] == label]
        assert len(rows) >= 20
        assert sum(len(r["text"]) for r in rows) / len(rows) > 500  # whole pages, not snippets


def test_the_shipped_model_was_built_from_the_current_corpus_and_code():
    import json

    from nlp.model import SHIPPED_MODEL
    from nlp.training import training_fingerprint

    meta = json.loads((SHIPPED_MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["pnet_training_fingerprint"] == training_fingerprint(load_corpus()), "run 'pnet train --basismodel'"
