"""HiGHS through highspy: the MILP of `model.py` with a warm start, a time limit and a proven bound.

scipy.optimize.milp runs the same HiGHS but cannot take a starting solution. Every MILP here
starts from a feasible solution (the local search's windows start from the current assignment,
branch and bound from the local search's result), so the MILP goes through highspy directly.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from matching.problem import Problem
from matching.solvers.model import FairnessStage, Model, build_model


class Incumbent:
    """The best solution known, shared by a branch and bound and the local search running beside it."""

    def __init__(self, problem: Problem, hours: np.ndarray):
        self._problem = problem
        self._lock = threading.Lock()
        self._hours, self._objective = hours, problem.objective(hours)

    def offer(self, hours: np.ndarray) -> None:
        objective = self._problem.objective(hours)
        with self._lock:
            if objective > self._objective:
                self._hours, self._objective = hours, objective

    def better_than(self, objective: float) -> np.ndarray | None:
        """A copy of the best solution if it beats `objective`."""
        with self._lock:
            return self._hours.copy() if self._objective > objective + 1e-9 else None

    def take_from(self, event: highspy.highs.HighsCallbackEvent) -> None:
        """HiGHS' improving-solution callback: offer what it found, if it keeps every rule."""
        hours = whole_hours(self._problem, np.asarray(event.data_out.mip_solution)[: self._problem.n_arcs])
        if self._problem.feasible(hours):
            self.offer(hours)

    def hand_to(self, event: highspy.highs.HighsCallbackEvent) -> None:
        """HiGHS' user-solution callback: give it the best solution when it has a worse one."""
        with self._lock:
            hours, objective = self._hours, self._objective
        if objective > -event.data_out.mip_primal_bound + 1e-9:
            event.data_in.setSolution(np.concatenate([hours, hours > 0]).astype(float))


def whole_hours(problem: Problem, hours: np.ndarray) -> np.ndarray:
    """Whole hours on the arcs `hours` uses, with at least its objective (see model.py).

    HiGHS' solutions are vertices and so have whole hours already; should one not, the LP over the hours
    with the same arcs in use is re-solved: its optimal vertex has whole hours.
    """
    rounded = np.round(hours).astype(int)
    if np.all(np.abs(hours - rounded) <= 1e-6):
        return rounded
    used = hours > 1e-6
    model = build_model(problem.subset(used))
    model.bounds.lb[model.n_arcs:] = 1.0  # every arc stays in use
    h = _highs(model, integer=False, time_limit=60.0, gap=0.0)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"whole hours not found: {h.modelStatusToString(h.getModelStatus())}")
    whole = np.zeros(problem.n_arcs, dtype=int)
    whole[used] = np.round(np.asarray(h.getSolution().col_value)[: model.n_arcs])
    return whole


@dataclass
class MipResult:
    hours: np.ndarray | None  # whole hours per arc, None when no solution was found
    objective: float
    bound: float  # proven upper bound on the objective of this (sub)problem
    optimal: bool


_STDOUT_SWAP = threading.Lock()  # the local search creates instances from several threads


def _new_highs() -> highspy.Highs:
    """A Highs instance without the banner its constructor writes to the process's stdout."""
    with _STDOUT_SWAP:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


def _highs(model: Model, *, integer: bool, time_limit: float, gap: float) -> highspy.Highs:
    a = sp.vstack([c.A for c in model.constraints]).tocsc()
    n = len(model.c)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, a.shape[0]
    lp.col_cost_ = model.c
    lp.col_lower_, lp.col_upper_ = model.bounds.lb, model.bounds.ub
    lp.row_lower_ = np.concatenate([np.broadcast_to(c.lb, c.A.shape[0]) for c in model.constraints])
    lp.row_upper_ = np.concatenate([np.broadcast_to(c.ub, c.A.shape[0]) for c in model.constraints])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n, a.shape[0]
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger if v else highspy.HighsVarType.kContinuous for v in model.integrality]
    h = _new_highs()
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", max(0.05, float(time_limit)))
    h.setOptionValue("mip_rel_gap", gap)
    h.passModel(lp)
    return h


@dataclass
class LpResult:
    hours: np.ndarray  # the LP relaxation's hours per arc
    bound: float  # its optimum: a proven bound
    settled: np.ndarray  # the relaxation's hours once the team limit is settled (see solve_lp)


def _unsettled(problem: Problem, hours: np.ndarray, dropped: np.ndarray) -> np.ndarray:
    """Arcs to drop: used below min_block, or beyond the max_team largest of an initiative spread over
    more (its locked arcs first)."""
    locked = problem.locked > 0
    used = (hours > 1e-6) & ~dropped
    small = used & (hours < problem.min_block - 1e-6)
    spread = np.bincount(problem.arc_i[used], minlength=problem.n_initiatives) > problem.max_team
    largest = problem.rank_in_initiative(np.where(locked, np.inf, np.where(used, hours, -1.0))) < problem.max_team
    return (small | (spread[problem.arc_i] & ~(largest & used & ~small))) & ~dropped & ~locked


def solve_lp(problem: Problem, time_limit: float = 60.0, *, settle_rounds: int = 0) -> LpResult:
    """The LP relaxation: its optimum is a proven bound, its hours a guide for rounding.

    The relaxation spreads many initiatives over more than max_team consultants, each at a fraction
    of a team place, so rounding it loses about 3 %. With `settle_rounds`, it is re-solved (warm, on
    the same HiGHS instance) up to that many times: each initiative spread over more than max_team
    arcs keeps only its max_team largest, and arcs used below min_block are dropped. Rounding the
    settled hours loses about 1 % (measured in docs/matching.md). Locked arcs are never dropped.
    """
    deadline = time.monotonic() + time_limit
    n = problem.n_arcs
    h = _highs(build_model(problem), integer=False, time_limit=time_limit, gap=0.0)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"LP relaxation not solved: {h.modelStatusToString(h.getModelStatus())}")
    hours = settled = np.asarray(h.getSolution().col_value)[:n]
    bound = -h.getInfo().objective_function_value
    dropped = np.zeros(n, bool)
    for _ in range(settle_rounds):
        drop = _unsettled(problem, settled, dropped)
        if not drop.any() or time.monotonic() >= deadline:
            break
        dropped |= drop
        cols = np.flatnonzero(drop)
        cols = np.concatenate([cols, cols + n]).astype(np.int32)  # its hours x and its use y
        h.changeColsBounds(len(cols), cols, np.zeros(len(cols)), np.zeros(len(cols)))
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:  # out of time: keep the last round's
            break
        settled = np.asarray(h.getSolution().col_value)[:n]
    return LpResult(hours, bound, settled)


def solve_mip(
    problem: Problem,
    start: np.ndarray | None,
    time_limit: float,
    gap: float,
    fairness: FairnessStage | None = None,
    *,
    stop_after_improvements: int | None = None,
    incumbent: Incumbent | None = None,
    integer_hours: bool = False,
    heuristic_effort: float | None = None,
) -> MipResult:
    """Solve the MILP from a feasible `start` (hours per arc); returns the best found and the bound.

    With `fairness`, the objective and bound are those of the second stage (the lowest ratio t).
    `stop_after_improvements` ends the search once HiGHS has found that many solutions better
    than the start (used as a primal heuristic, where the first good solution is what counts).
    With `incumbent`, solutions are exchanged with a local search running beside it: HiGHS prunes
    with the best solution known, and the search goes on from HiGHS' improvements.
    `integer_hours` makes the hours integer variables instead of continuous ones (see model.py).
    `heuristic_effort` is the share of its work HiGHS gives its primal heuristics (its default: 0.05).
    """
    model = build_model(problem, fairness, integer_hours=integer_hours)
    h = _highs(model, integer=True, time_limit=time_limit, gap=gap)
    if heuristic_effort is not None:
        h.setOptionValue("mip_heuristic_effort", heuristic_effort)
    if stop_after_improvements is not None:
        h.setOptionValue("mip_max_improving_sols", stop_after_improvements + (start is not None))
    if start is not None:
        warm = highspy.HighsSolution()
        values = [start, start > 0]
        if fairness is not None:
            values.append([fair_ratio(problem, start, fairness)])
        warm.col_value = np.concatenate(values).astype(float)
        warm.value_valid = True
        h.setSolution(warm)
    if incumbent is not None:
        h.cbMipUserSolution.subscribe(lambda event: incumbent.hand_to(event))
        h.cbMipImprovingSolution.subscribe(lambda event: incumbent.take_from(event))
    h.run()
    info = h.getInfo()
    status = h.getModelStatus()
    if info.primal_solution_status != 2:  # no feasible solution
        return MipResult(None, -np.inf, -info.mip_dual_bound, False)
    hours = whole_hours(problem, np.asarray(h.getSolution().col_value)[: model.n_arcs])
    optimal = status == highspy.HighsModelStatus.kOptimal
    if fairness is not None:
        return MipResult(hours, fair_ratio(problem, hours, fairness), -info.mip_dual_bound, optimal)
    return MipResult(hours, problem.objective(hours), -info.mip_dual_bound, optimal)


def fair_ratio(problem: Problem, hours: np.ndarray, fairness: FairnessStage) -> float:
    """Lowest ratio of hours received to fair share over the groups with a share."""
    received = np.bincount(fairness.group[problem.arc_i], hours, len(fairness.share))
    has = fairness.share > 0
    return float((received[has] / fairness.share[has]).min()) if has.any() else 1.0
