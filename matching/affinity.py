"""Affinity s_ic in [0, 1] of initiative i and consultant c, with its components kept per pair.

s_ic = w_themes * theme overlap + w_text * TF-IDF cosine + w_travel * exp(-km / scale), where
theme overlap is the share of the initiative's themes the consultant covers, the TF-IDF is over
the initiative's description and help request against the consultant's expertise (character
4-grams of words, which suits Dutch compounds), and travel
prefers nearby (but never the same) municipalities. Weights come from `config/matching.yaml`; a
component for which the input has no data at all (no themes, no texts) is left out and the other
weights are scaled up to sum to 1, so optional columns are optional.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd
import scipy.sparse as sp

from pnet.settings import load_config

_TOKEN = re.compile(r"[a-zà-ÿ0-9]{3,}")
# Frequent Dutch function words that carry no expertise.
_STOP = frozenset(
    "aan als bij dat de deze die dit door een en er met naar niet nog ook of om op over te tot uit van "
    "voor wat wel wij wordt worden zijn zich zij het hun hebben heeft haar hij ons onze we wil willen "
    "kan kunnen meer veel maar dan al graag wordt werd is".split()
)
EARTH_KM = 6371.0


def tokens(text: str | None) -> list[str]:
    """Character 4-grams of each content word (with word boundaries), so Dutch compounds match
    their parts: 'subsidieaanvraag' shares grams with 'subsidies'."""
    out = []
    for word in _TOKEN.findall((text or "").lower()):
        if word in _STOP:
            continue
        padded = f" {word} "
        out.extend(padded[k : k + 4] for k in range(len(padded) - 3))
    return out


def tfidf(docs: list[str]) -> sp.csr_matrix:
    """Sublinear TF-IDF rows, L2-normalised (smooth idf as in scikit-learn)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, doc in enumerate(docs):
        for term, count in Counter(tokens(doc)).items():
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(1.0 + np.log(count))
    m = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), max(1, len(vocab))))
    df = np.bincount(m.indices, minlength=m.shape[1])
    m = m @ sp.diags(np.log((1 + len(docs)) / (1 + df)) + 1.0)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ m)


def distances_km(lat_a, lon_a, lat_b, lon_b) -> np.ndarray:
    """Great-circle distance matrix (haversine) between two sets of points."""
    la, lo = np.radians(np.asarray(lat_a))[:, None], np.radians(np.asarray(lon_a))[:, None]
    lb, lob = np.radians(np.asarray(lat_b))[None, :], np.radians(np.asarray(lon_b))[None, :]
    h = np.sin((lb - la) / 2) ** 2 + np.cos(la) * np.cos(lb) * np.sin((lob - lo) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _theme_matrix(themes: pd.Series, codes: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(themes), max(1, len(codes))))
    for r, ts in enumerate(themes):
        for t in ts or ():
            out[r, codes[t]] = 1.0
    return out


def affinity_pairs(initiatives: pd.DataFrame, consultants: pd.DataFrame, centroids: pd.DataFrame) -> pd.DataFrame:
    """All pairs of different municipalities with score and components.

    initiatives: initiative_id, gemeentecode, themes (list), text; consultants: consultant_id,
    gemeentecode, themes, text; centroids: gemeentecode, centroid_lat, centroid_lon.
    Returns initiative_id, consultant_id, score, themes, text, travel, distance_km.
    """
    cfg = load_config("matching")["affinity"]
    w = cfg["weights"]
    codes = {t: k for k, t in enumerate(sorted({t for ts in pd.concat([initiatives.themes, consultants.themes]) for t in ts or ()}))}
    ti, tc = _theme_matrix(initiatives.themes, codes), _theme_matrix(consultants.themes, codes)
    overlap = (ti @ tc.T) / np.maximum(1.0, ti.sum(axis=1, keepdims=True))
    vectors = tfidf(list(initiatives.text.fillna("")) + list(consultants.text.fillna("")))
    n_i = len(initiatives)
    text = (vectors[:n_i] @ vectors[n_i:].T).toarray()
    where = centroids.set_index("gemeentecode")
    pi = where.reindex(initiatives.gemeentecode)
    pc = where.reindex(consultants.gemeentecode)
    km = distances_km(pi.centroid_lat, pi.centroid_lon, pc.centroid_lat, pc.centroid_lon)
    travel = np.where(np.isnan(km), 0.0, np.exp(-np.nan_to_num(km) / float(cfg["travel_scale_km"])))
    # a component nobody has data for (no themes or no text in the whole input, no centroids) does not count
    weights = {
        "themes": w["themes"] * bool(ti.any() and tc.any()),
        "text": w["text"] * bool(vectors[:n_i].nnz and vectors[n_i:].nnz),
        "travel": w["travel"] * bool(np.isfinite(km).any()),
    }
    total = sum(weights.values()) or 1.0
    score = (weights["themes"] * overlap + weights["text"] * text + weights["travel"] * travel) / total
    if not weights["themes"]:
        overlap = np.full_like(overlap, np.nan)  # not 0 % covered: not known
    if not weights["text"]:
        text = np.full_like(text, np.nan)
    ii, cc = np.nonzero(initiatives.gemeentecode.to_numpy()[:, None] != consultants.gemeentecode.to_numpy()[None, :])
    return pd.DataFrame(
        {
            "initiative_id": initiatives.initiative_id.to_numpy()[ii],
            "consultant_id": consultants.consultant_id.to_numpy()[cc],
            "score": np.clip(np.round(score[ii, cc], 4), 0, 1),
            "themes": np.round(overlap[ii, cc], 4),
            "text": np.round(text[ii, cc], 4),
            "travel": np.round(travel[ii, cc], 4),
            "distance_km": np.round(km[ii, cc], 1),
        }
    )
