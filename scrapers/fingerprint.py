"""Near-duplicate detection: 64-bit SimHash over word shingles, clusters by Hamming distance, and headlines.

The same press release on several sites differs by an intro line or an outlet's sign-off; its
SimHash differs in a few bits, where unrelated texts differ in about 32 of 64. A copy that an
outlet framed with more of its own text can differ by more bits but usually keeps the headline, so
an item with the same headline as an earlier one of the same area joins its cluster too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_BITS = np.arange(64, dtype=np.uint64)
SHINGLE = 3


def _shingle_hashes(text: str) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        grams = [" ".join(words)] if words else [""]
    else:
        grams = [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") for g in grams),
        dtype=np.uint64,
        count=len(grams),
    )


def simhash(text: str) -> int:
    """The 64-bit SimHash of `text` (an unsigned int, as stored in `media_items.fingerprint`)."""
    hashes = _shingle_hashes(text)
    ones = ((hashes[:, None] >> _BITS) & np.uint64(1)).sum(axis=0)
    bits = (2 * ones > len(hashes)).astype(np.uint64)
    return int((bits << _BITS).sum())


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def assign_clusters(
    new: Iterable[tuple[str, int]],
    existing: Iterable[tuple[int, str]],
    max_distance: int,
) -> dict[str, str]:
    """Give each new (item_id, fingerprint) a cluster id.

    An item joins the cluster of the nearest fingerprint (existing or earlier new) within
    `max_distance` bits; otherwise it starts a cluster named by its own item_id.
    `existing` holds (fingerprint, cluster_id) of items already stored.
    """
    known = list(existing)
    fps = np.array([fp for fp, _ in known], dtype=np.uint64)
    clusters = [cid for _, cid in known]
    result: dict[str, str] = {}
    new_fps: list[int] = []
    for item, fp in new:
        if len(clusters):
            pool = np.concatenate([fps, np.array(new_fps, dtype=np.uint64)])
            dist = np.bitwise_count(pool ^ np.uint64(fp))
            best = int(dist.argmin())
            cluster = clusters[best] if dist[best] <= max_distance else item
        else:
            cluster = item
        result[item] = cluster
        new_fps.append(fp)
        clusters.append(cluster)
    return result


MIN_TITLE_WORDS = 5  # a shorter headline ('Nieuws uit de raad') does not name one story


def title_key(title: str | None) -> str | None:
    """A headline's words, case-folded, or None when it is too short to name one story."""
    words = _WORD.findall((title or "").casefold())
    return " ".join(words) if len(words) >= MIN_TITLE_WORDS else None


def join_same_headlines(
    clusters: dict[str, str],
    new: Iterable[tuple[str, str | None, list[str]]],
    existing: Iterable[tuple[str | None, list[str], str]] = (),
) -> dict[str, str]:
    """Let each new item that starts its own cluster join an earlier item with the same headline.

    `new` holds (item_id, title, gemeenten) in order, `existing` (title, gemeenten, cluster_id) of
    stored items; the two must share a municipality, unless one of them names none.
    """
    earlier: dict[str, list[tuple[set[str], str]]] = {}
    for title, gemeenten, cluster in existing:
        if key := title_key(title):
            earlier.setdefault(key, []).append((set(gemeenten or ()), cluster))
    result = dict(clusters)
    for item, title, gemeenten in new:
        key = title_key(title)
        if key is None:
            continue
        area = set(gemeenten or ())
        if result[item] == item:
            match = next((c for g, c in earlier.get(key, []) if not g or not area or g & area), None)
            if match is not None:
                result[item] = match
        earlier.setdefault(key, []).append((area, result[item]))
    return result

