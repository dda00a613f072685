"""Near-duplicate detection: 64-bit SimHash over word shingles, clusters by Hamming distance.

The same press release on several sites differs by an intro line or an outlet's sign-off; its
SimHash differs in a few bits, where unrelated texts differ in about 32 of 64.
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
    existing: Iterable[tuple[int, str]] = (),
    max_distance: int = 6,
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
