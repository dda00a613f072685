"""Deterministic, realistic synthetic instances for the benchmark and the tests.

Initiatives and consultants are spread over municipalities on a plane; each initiative gets
about `arcs_per_initiative` candidate consultants from other municipalities, nearer ones more
likely, with affinities built like the real ones (theme overlap, text similarity, travel).
Hours are realistic round numbers (consultants lend whole days); at 2,000 x 1,500 total
availability is about 1.2 times total need, so scarce good consultants are contended for.
"""

from __future__ import annotations

import numpy as np

from matching.problem import Problem

NEED_HOURS = np.array([8, 12, 16, 20, 24, 32, 40, 60, 80])
NEED_P = np.array([0.08, 0.12, 0.16, 0.16, 0.14, 0.14, 0.10, 0.06, 0.04])
AVAIL_HOURS = np.array([16, 24, 32, 40, 60, 80])  # whole days, as municipalities lend people
PRIORITY = np.array([1.0, 2.0, 3.0])
PRIORITY_P = np.array([0.75, 0.2, 0.05])


def synthetic_problem(
    n_initiatives: int,
    n_consultants: int,
    arcs_per_initiative: int = 40,
    *,
    n_gemeenten: int | None = None,
    seed: int = 0,
    max_team: int = 2,
    min_block: int = 8,
    n_themes: int = 20,
) -> Problem:
    """A reproducible instance; the same arguments always give the same problem."""
    rng = np.random.default_rng(seed)
    n_g = n_gemeenten or max(3, min(60, n_initiatives // 30))
    places = rng.uniform(0, 100, size=(n_g, 2))  # km
    gem_i = rng.integers(0, n_g, n_initiatives)
    gem_c = rng.integers(0, n_g, n_consultants)
    need = rng.choice(NEED_HOURS, n_initiatives, p=NEED_P)
    avail = rng.choice(AVAIL_HOURS, n_consultants)
    priority = rng.choice(PRIORITY, n_initiatives, p=PRIORITY_P)
    theme_i = rng.random((n_initiatives, n_themes)) < 2.5 / n_themes
    theme_c = rng.random((n_consultants, n_themes)) < 4.0 / n_themes
    text_i = rng.normal(size=(n_initiatives, 8))
    text_c = rng.normal(size=(n_consultants, 8))
    text_i /= np.linalg.norm(text_i, axis=1, keepdims=True)
    text_c /= np.linalg.norm(text_c, axis=1, keepdims=True)

    k = min(arcs_per_initiative, n_consultants)
    arc_i, arc_c, score = [], [], []
    for i in range(n_initiatives):
        other = np.flatnonzero(gem_c != gem_i[i])
        dist = np.linalg.norm(places[gem_c[other]] - places[gem_i[i]], axis=1)
        p = np.exp(-dist / 35.0)
        chosen = rng.choice(other, size=min(k, len(other)), replace=False, p=p / p.sum())
        overlap = (theme_i[i] & theme_c[chosen]).sum(axis=1) / np.maximum(1, theme_i[i].sum())
        text = np.clip(text_c[chosen] @ text_i[i], 0, 1)
        travel = np.exp(-np.linalg.norm(places[gem_c[chosen]] - places[gem_i[i]], axis=1) / 50.0)
        s = np.clip(0.5 * overlap + 0.3 * text + 0.2 * travel + rng.normal(0, 0.05, len(chosen)), 0.2, 1.0)
        arc_i.append(np.full(len(chosen), i))
        arc_c.append(chosen)
        score.append(np.round(s, 4))
    arc_i, arc_c, score = np.concatenate(arc_i), np.concatenate(arc_c), np.concatenate(score)
    return Problem(
        initiative_ids=[f"I{i:05d}" for i in range(n_initiatives)],
        consultant_ids=[f"C{c:05d}" for c in range(n_consultants)],
        need=need.astype(int),
        avail=avail,
        priority=priority,
        arc_i=arc_i,
        arc_c=arc_c,
        score=score,
        locked=np.zeros(len(arc_i), dtype=int),
        max_team=max_team,
        min_block=min_block,
        initiative_gemeente=[f"G{g:03d}" for g in gem_i],
        consultant_gemeente=[f"G{g:03d}" for g in gem_c],
    )
