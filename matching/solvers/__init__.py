"""One solver interface: `solve(problem, ...) -> Solution` with objective, proven bound and gap.

Method (chosen by measurement, see bench/matching.py): the LP relaxation gives the proven bound
and guides a greedy rounding; large neighbourhood search then re-solves small windows of
competing initiatives exactly (HiGHS), which improves steadily even on a loaded machine. Problems
up to FULL_MODEL_MAX_ARCS arcs then go to HiGHS' branch and bound on all arcs, warm-started with
that solution, which also proves a bound tighter than the LP's. Plain HiGHS on the large model
spends most of its time at the root before it improves on the warm start, measured.
The optional fairness stage then maximises the lowest ratio of hours received to fair share among
municipalities, keeping the objective within a tolerance of the first stage's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from matching.problem import Problem
from matching.solvers.heuristic import greedy
from matching.solvers.highs import fair_ratio, solve_lp, solve_mip
from matching.solvers.lns import improve
from matching.solvers.model import FairnessStage

FULL_MODEL_MAX_ARCS = 20_000  # up to this, branch and bound on all arcs follows the local search
CANDIDATE_ARCS_PER_INITIATIVE = 6  # the local search uses the LP support and each initiative's best arcs
SEARCH_SHARE_SMALL = 0.2  # share of the time the local search gets before branch and bound


@dataclass
class Fairness:
    """Fair share inputs: group (municipality) index per initiative and its weight (inhabitants)."""

    group: np.ndarray
    weight: np.ndarray
    tolerance: float


@dataclass
class Solution:
    hours: np.ndarray  # whole hours per arc of the problem
    objective: float
    bound: float
    gap: float
    status: str  # 'optimaal' | 'tijdslimiet'
    method: str
    seconds: float
    lp_bound: float = 0.0  # the LP-relaxation bound (bound is this or, when proven, tighter)
    fairness_ratio: float | None = None  # lowest received / fair share, when fairness was on
    stage1_objective: float | None = None


def relative_gap(objective: float, bound: float) -> float:
    if bound <= 1e-9:
        return 0.0
    return max(0.0, (bound - objective) / abs(bound))


def _best_arcs(problem: Problem, k: int) -> np.ndarray:
    """True for each initiative's k highest-weight arcs."""
    order = np.lexsort((-problem.weight, problem.arc_i))
    first = np.searchsorted(problem.arc_i[order], np.arange(problem.n_initiatives))
    rank = np.empty(problem.n_arcs, dtype=int)
    rank[order] = np.arange(problem.n_arcs) - first[problem.arc_i[order]]
    return rank < k


def fair_shares(problem: Problem, hours: np.ndarray, fairness: Fairness) -> FairnessStage:
    """Each group's fair share of the matched hours, by weight, never more than it asked for."""
    n_groups = len(fairness.weight)
    needed = np.bincount(fairness.group, problem.need, n_groups)
    asking = needed > 0
    total = float(hours.sum())
    share = np.where(asking, total * fairness.weight / max(1e-9, fairness.weight[asking].sum()), 0.0)
    return FairnessStage(fairness.group, np.minimum(share, needed), 0.0)


def solve(
    problem: Problem,
    *,
    time_limit: float = 60.0,
    gap: float = 1e-3,
    fairness: Fairness | None = None,
) -> Solution:
    """Maximise sum(priority * score * hours) under all hard constraints, within `time_limit` seconds."""
    started = time.monotonic()
    left = lambda: max(0.1, time_limit - (time.monotonic() - started))  # noqa: E731
    lp = solve_lp(problem, time_limit=left())
    candidates = (lp.hours > 1e-6) | _best_arcs(problem, CANDIDATE_ARCS_PER_INITIATIVE) | (problem.locked > 0)
    full = problem.n_arcs <= FULL_MODEL_MAX_ARCS
    stage1_time = left() / 2 if fairness else left()
    hours = greedy(problem, lp.hours)
    if relative_gap(problem.objective(hours), lp.bound) > gap:
        hours = improve(problem, hours, candidates, stage1_time * SEARCH_SHARE_SMALL if full else stage1_time - 0.2)
    bound = lp.bound
    if full and relative_gap(problem.objective(hours), bound) > gap:
        result = solve_mip(problem, hours, max(0.1, stage1_time * (1 - SEARCH_SHARE_SMALL)), gap)
        if result.hours is not None and problem.objective(result.hours) >= problem.objective(hours):
            hours = result.hours
        bound = min(bound, result.bound)
    keep = np.ones(problem.n_arcs, bool) if full else candidates | (hours > 0)
    objective = problem.objective(hours)
    method = "lp+greedy+lns+highs" if full else "lp+greedy+lns"
    optimal = relative_gap(objective, bound) <= gap
    out = Solution(hours, objective, bound, relative_gap(objective, bound), "optimaal" if optimal else "tijdslimiet",
                   method, 0.0, lp_bound=lp.bound)
    if fairness is not None:
        stage = fair_shares(problem, hours, fairness)
        stage.min_objective = (1 - fairness.tolerance) * objective
        second = solve_mip(problem.subset(keep), hours[keep], left(), gap, stage)
        out.stage1_objective = objective
        if second.hours is not None and second.objective >= fair_ratio(problem, hours, stage) - 1e-9:
            hours = np.zeros(problem.n_arcs, dtype=int)
            hours[keep] = second.hours
        out.hours, out.objective = hours, problem.objective(hours)
        out.gap = relative_gap(out.objective, bound)
        out.fairness_ratio = fair_ratio(problem, hours, stage)
        out.method += " + eerlijkheid"
    out.seconds = time.monotonic() - started
    return out
