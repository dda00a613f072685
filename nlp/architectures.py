"""Our registered spaCy architecture: a bag-of-features text classifier built like spaCy's TextCatBOW.

Differences with `spacy.TextCatBOW.v3`, each chosen because we train on a corpus of our own and
score real pages: words are lower-cased (a word opening a sentence is the same feature); the first
`prefix_length` letters of long words are an extra feature, so an unseen Dutch compound shares the
weight of its first part ('buurtkoelkast' and 'buurtmoestuin' both give 'buurt'); and every feature
counts once, scaled by 1/sqrt(number of features), so long real pages score like shorter texts.
Import this module before training or loading.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from spacy.attrs import LOWER
from spacy.ml.models.textcat import NEG_VALUE, resize_and_set_ref
from spacy.strings import hash_string
from spacy.util import registry
from thinc.api import Logistic, Model, SparseLinear_v2, chain, resizable, with_cpu
from thinc.layers.resizable import resize_linear_weighted
from thinc.layers.softmax_activation import softmax_activation

PREFIX_MARK = "\u00a7"  # marks a prefix feature, e.g. '§buurt'


PREFIX_TEXT: dict[int, str] = {}  # prefix feature key -> the letters it stands for (for evidence)


def prefix_key(word: str, prefix_length: int) -> int | None:
    """The feature key of a long word's first letters, or None for a short word."""
    if len(word) < prefix_length + 3 or not word.isalpha():
        return None
    key = hash_string(PREFIX_MARK + word[:prefix_length])
    PREFIX_TEXT.setdefault(key, word[:prefix_length])
    return key


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct keys in ascending order, as np.unique gives them (sorting is faster for uint64 hashes)."""
    keys = np.sort(keys)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


def extract_features(ngram_size: int, prefix_length: int) -> Model:
    """Docs -> (feature keys, scaled presence values, features per doc), as SparseLinear expects."""
    cache: dict[int, int] = {}  # LOWER id -> prefix key (0: none)

    def prefix_keys(orths: list[int], strings) -> np.ndarray:
        out = []
        for orth in orths:
            key = cache.get(orth)
            if key is None:
                key = cache[orth] = prefix_key(strings[orth], prefix_length) or 0
            out.append(key)
        return np.asarray(out, dtype="uint64")

    def forward(model: Model, docs, is_train: bool):
        ops = model.ops
        lowers = [doc.to_array(LOWER).astype("uint64") for doc in docs]
        if prefix_length and lowers:
            unique, inverse = np.unique(np.concatenate(lowers), return_inverse=True)
            doc_prefixes = np.split(prefix_keys(unique.tolist(), docs[0].vocab.strings)[inverse], np.cumsum([len(x) for x in lowers])[:-1])
        else:
            doc_prefixes = [np.zeros((0,), dtype="uint64")] * len(lowers)
        batch_keys = [
            _distinct(np.concatenate([lower, prefixes[prefixes != 0]] + [ops.ngrams(n, lower) for n in range(2, ngram_size + 1)]))
            for lower, prefixes in zip(lowers, doc_prefixes)
        ]
        lengths_arr = np.asarray([len(k) for k in batch_keys], dtype="int32")
        keys = np.concatenate(batch_keys) if batch_keys else np.zeros((0,), dtype="uint64")
        scale = 1.0 / np.sqrt(np.maximum(lengths_arr, 1).astype("f"))
        vals = np.repeat(scale, lengths_arr).astype("f")
        return (keys, vals, lengths_arr), lambda d_inputs: []

    return Model("extract_features", forward, attrs={"ngram_size": ngram_size, "prefix_length": prefix_length})


@registry.architectures("pnet.TextCatBOWLower.v1")
def build_bow_lower(
    exclusive_classes: bool, ngram_size: int, prefix_length: int = 5, length: int = 131072, nO: int | None = None
) -> Model:
    """Lower-cased n-grams plus word prefixes, presence-scaled, into one sparse linear layer."""
    sparse_linear = SparseLinear_v2(nO=nO, length=2 ** (length - 1).bit_length())
    resizable_layer = resizable(
        sparse_linear, resize_layer=partial(resize_linear_weighted, fill_defaults={"b": NEG_VALUE, "W": 0})
    )
    model = with_cpu(chain(extract_features(ngram_size, prefix_length), resizable_layer), sparse_linear.ops)
    output_layer = softmax_activation() if exclusive_classes else Logistic()
    model = chain(model, with_cpu(output_layer, output_layer.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model
