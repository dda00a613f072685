"""One solver interface: `solve(problem, ...) -> Solution` with objective, proven bound and gap.

Method (chosen by measurement, see bench/matching.py and docs/matching.md): the LP relaxation
gives the proven bound. Re-solved a few times with its team limit settled (an initiative spread over
more consultants than max_team keeps its largest arcs), it guides a greedy rounding to about 0.99 of
the bound. Then, on one core, HiGHS solves the MILP restricted to the promising arcs (the LP's support
and each initiative's best arcs) from the plain rounding until its first better solution, which its
sub-MIP heuristic finds after the root; on the other, large neighbourhood search re-solves small
windows of competing initiatives exactly from the settled rounding. The search goes on, on both
cores, from the restricted MILP's solution when it came in time, else from its own. Problems up to
FULL_MODEL_MAX_ARCS arcs then go to HiGHS' branch and bound on all arcs, warm-started with that
solution, which also proves a bound tighter than the LP's, while the local search goes on beside it.
The optional fairness stage then maximises the lowest ratio of hours received to fair share among
municipalities, keeping the objective within a tolerance of the first stage's.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from matching.problem import Problem
from matching.solvers.heuristic import greedy
from matching.solvers.highs import Incumbent, LpResult, fair_ratio, solve_lp, solve_mip
from matching.solvers.lns import improve
from matching.solvers.model import FairnessStage

FULL_MODEL_MAX_ARCS = 20_000  # up to this, branch and bound on all arcs follows the local search
CANDIDATE_ARCS_PER_INITIATIVE = 6  # the restricted MILP and local search use the LP support and these
RESTRICTED_SHARE = 0.7  # most of the time the restricted MILP may take (it usually stops much sooner)
SETTLE_ROUNDS = 6  # re-solves of the LP relaxation that settle its team limit for the rounding (solve_lp)
SEARCH_SHARE_SMALL = 0.4  # share of the time for the heuristics before branch and bound on all arcs
LNS_WINDOW, LNS_WINDOW_LARGE = 80, 60  # initiatives per window; measured best at 300 x 200 and 2,000 x 1,500
HEURISTIC_EFFORT = 0.3  # HiGHS' primal heuristics' share in the restricted MILP and branch and bound (its default 0.05)
BRANCH_AND_BOUND_MARGIN = 0.5  # seconds: HiGHS stops a little after its time limit, the whole stays within ours


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


def _restricted_mip(problem: Problem, hours: np.ndarray, arcs: np.ndarray, seconds: float, gap: float) -> np.ndarray:
    """The MILP on `arcs` (and those carrying hours) from `hours`, until its first better solution.

    Its hours are integer variables: measured at 2,000 x 1,500, HiGHS' sub-MIP heuristic then finds a
    better first solution (0.9932 of the LP bound against 0.9858 in 25 s with continuous hours).
    """
    keep = arcs | (hours > 0)
    result = solve_mip(problem.subset(keep), hours[keep], seconds, gap, stop_after_improvements=1,
                       integer_hours=True, heuristic_effort=HEURISTIC_EFFORT)
    if result.hours is None or problem.weight[keep] @ result.hours <= problem.weight[keep] @ hours[keep]:
        return hours
    better = np.zeros_like(hours)
    better[keep] = result.hours
    return better


def _restricted_mip_beside_search(
    problem: Problem, start: np.ndarray, lp: LpResult, arcs: np.ndarray, seconds: float, gap: float, window: int
) -> np.ndarray:
    """The restricted MILP from the rounded relaxation on one core, the local search from `start` (the
    rounded settled relaxation) on the other, for up to `seconds`.

    The restricted MILP's solution is kept when it beats the search's start, even when the search has
    gone a little further by then: measured at 2,000 x 1,500, the search that follows ends higher from
    it. Its first solution waits for HiGHS' root cuts, which can take longer than `seconds` (on
    candidates chosen as in a round); then the search's solution is kept.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        restricted = pool.submit(_restricted_mip, problem, greedy(problem, lp.hours), arcs, seconds, gap)
        searched = improve(problem, start, arcs, seconds, workers=1, stop=restricted.done, guide=lp.hours, window=window)
        found = restricted.result()
    return found if problem.objective(found) > problem.objective(start) else searched


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
    lp = solve_lp(problem, time_limit=left(), settle_rounds=SETTLE_ROUNDS)
    best = problem.rank_in_initiative(problem.weight) < CANDIDATE_ARCS_PER_INITIATIVE
    candidates = (lp.hours > 1e-6) | (lp.settled > 1e-6) | best | (problem.locked > 0)
    full = problem.n_arcs <= FULL_MODEL_MAX_ARCS
    stage1_time = left() / 2 if fairness else left()
    stage1_end = time.monotonic() + stage1_time
    hours = greedy(problem, lp.settled)
    heuristic_end = stage1_end - (stage1_time * (1 - SEARCH_SHARE_SMALL) if full else 0.2)
    window = LNS_WINDOW if full else LNS_WINDOW_LARGE
    if relative_gap(problem.objective(hours), lp.bound) > gap:
        hours = _restricted_mip_beside_search(
            problem, hours, lp, candidates, stage1_time * (SEARCH_SHARE_SMALL / 2 if full else RESTRICTED_SHARE), gap, window)
        hours = improve(problem, hours, candidates, max(0.0, heuristic_end - time.monotonic()), guide=lp.hours, window=window)
    bound = lp.bound
    if full and relative_gap(problem.objective(hours), bound) > gap:
        with ThreadPoolExecutor(max_workers=1) as pool:  # branch and bound on one core, the search on the other
            seconds = max(0.1, stage1_end - time.monotonic() - BRANCH_AND_BOUND_MARGIN)
            incumbent = Incumbent(problem, hours)
            proving = pool.submit(solve_mip, problem, hours, seconds, gap, incumbent=incumbent,
                                  heuristic_effort=HEURISTIC_EFFORT)
            searched = improve(problem, hours, candidates, seconds, workers=1, stop=proving.done, guide=lp.hours,
                               incumbent=incumbent)
            result = proving.result()
        for found in (result.hours, searched):
            if found is not None and problem.objective(found) > problem.objective(hours):
                hours = found
        bound = min(bound, result.bound)
    keep = np.ones(problem.n_arcs, bool) if full else candidates | (hours > 0)
    objective = problem.objective(hours)
    method = "lp+greedy+rmip+lns+highs" if full else "lp+greedy+rmip+lns"
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
