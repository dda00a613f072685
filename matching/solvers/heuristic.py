"""Fast feasible solutions: LP-guided rounding, a greedy fill, and pairwise local improvement.

Every function here returns whole hours per arc that satisfy all hard constraints of the
problem (capacities, team size, block size, locks), so any result is a valid warm start.
"""

from __future__ import annotations

import numpy as np

from matching.problem import Problem


class _State:
    """Residual capacities and team slots while hours are being placed."""

    def __init__(self, problem: Problem):
        self.p = problem
        self.hours = problem.locked.astype(int).copy()
        self.res_need = problem.need.astype(int) - np.bincount(problem.arc_i, self.hours, problem.n_initiatives).astype(int)
        self.res_avail = problem.avail.astype(int) - np.bincount(problem.arc_c, self.hours, problem.n_consultants).astype(int)
        self.team = np.bincount(problem.arc_i, self.hours > 0, problem.n_initiatives).astype(int)

    def place(self, k: int, want: int) -> None:
        """Put up to `want` hours on unused arc k when a whole block fits."""
        if self.hours[k] > 0:
            return
        i, c = self.p.arc_i[k], self.p.arc_c[k]
        if self.team[i] >= self.p.max_team:
            return
        h = min(want, self.res_need[i], self.res_avail[c])
        if h < max(self.p.min_block, 1):
            return
        self.hours[k] = h
        self.res_need[i] -= h
        self.res_avail[c] -= h
        self.team[i] += 1


def greedy(problem: Problem, guide: np.ndarray | None = None) -> np.ndarray:
    """Place arcs best-first; with an LP `guide`, first take its hours in order of LP value."""
    state = _State(problem)
    weight = problem.weight
    big = np.iinfo(np.int64).max
    if guide is not None:
        for k in np.lexsort((-weight, -guide)):
            if guide[k] < problem.min_block - 1e-6:
                break
            state.place(int(k), int(np.floor(guide[k] + 1e-6)))
    for k in np.argsort(-weight, kind="stable"):
        state.place(int(k), big)
    return state.hours
