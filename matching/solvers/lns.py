"""Large neighbourhood search: re-solve small windows of the problem exactly, keep what improves.

A window is a handful of initiatives that compete for the same consultants. Everything outside
the window stays fixed; inside, HiGHS solves the sub-MILP (their arcs, the consultants' residual
hours) to optimality in a fraction of a second. The solution is feasible after every step.
"""

from __future__ import annotations

import time

import numpy as np

from matching.problem import Problem
from matching.solvers.highs import solve_mip


class _Index:
    """Arcs per initiative and per consultant, for growing windows."""

    def __init__(self, problem: Problem, arcs: np.ndarray):
        self.arcs = arcs
        self.by_i = np.split(arcs[np.argsort(problem.arc_i[arcs], kind="stable")],
                             np.cumsum(np.bincount(problem.arc_i[arcs], minlength=problem.n_initiatives))[:-1])
        self.by_c = np.split(arcs[np.argsort(problem.arc_c[arcs], kind="stable")],
                             np.cumsum(np.bincount(problem.arc_c[arcs], minlength=problem.n_consultants))[:-1])


def _window(problem: Problem, index: _Index, seed: int, size: int, rng: np.random.Generator) -> np.ndarray:
    chosen, frontier = {seed}, [seed]
    while frontier and len(chosen) < size:
        i = frontier.pop(0)
        consultants = problem.arc_c[index.by_i[i]]
        rng.shuffle(consultants)
        for c in consultants:
            for j in problem.arc_i[index.by_c[c]]:
                if j not in chosen:
                    chosen.add(int(j))
                    frontier.append(int(j))
                    if len(chosen) >= size:
                        return np.fromiter(chosen, int)
    return np.fromiter(chosen, int)


def improve(
    problem: Problem,
    hours: np.ndarray,
    candidate_arcs: np.ndarray,
    seconds: float,
    *,
    window: int = 40,
    seed: int = 0,
) -> np.ndarray:
    """Improve a feasible `hours` (per arc) by window re-solves over `candidate_arcs` for `seconds`."""
    deadline = time.monotonic() + seconds
    rng = np.random.default_rng(seed)
    hours = hours.copy()
    index = _Index(problem, np.flatnonzero(candidate_arcs | (hours > 0)))
    weight = problem.weight
    order = rng.permutation(problem.n_initiatives)
    k = solved = last_gain = 0
    # stop at the deadline, or after a whole pass over the initiatives without any gain
    while time.monotonic() < deadline - 0.05 and k - last_gain < len(order):
        seed_i = int(order[k % len(order)])
        k += 1
        inside = np.zeros(problem.n_initiatives, bool)
        inside[_window(problem, index, seed_i, window, rng)] = True
        arcs = np.concatenate([index.by_i[i] for i in np.flatnonzero(inside)])
        if len(arcs) == 0:
            continue
        outside_use = np.bincount(problem.arc_c, np.where(inside[problem.arc_i], 0, hours), problem.n_consultants)
        sub_arcs = np.sort(arcs)
        sub = problem.subset(sub_arcs)
        sub.avail = (problem.avail - outside_use).astype(int)
        current = hours[sub_arcs]
        result = solve_mip(sub, current, min(2.0, max(0.05, deadline - time.monotonic())), 1e-6)
        solved += 1
        if result.hours is not None and weight[sub_arcs] @ result.hours > weight[sub_arcs] @ current + 1e-9:
            hours[sub_arcs] = result.hours
            last_gain = k
    improve.last_windows = solved  # type: ignore[attr-defined]
    return hours
