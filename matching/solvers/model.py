"""The MILP model of a `Problem` in the matrix form scipy's HiGHS interface takes.

Variables: x_k (hours on arc k, 0..U_k) then y_k (arc k used, binary).
Rows: hours per initiative <= need, hours per consultant <= available, used arcs per
initiative <= max_team, and the linking rows min_block * y_k <= x_k <= U_k * y_k.
Locked arcs have x and y fixed. U_k is as tight as the data allow.

The hours are continuous variables, yet the optimum has whole hours: with the used arcs (y) fixed,
the hours rows are the incidence matrix of a bipartite graph (totally unimodular) with whole-number
bounds, so the LP over x has a whole-number optimal vertex (`highs.whole_hours` takes it). Branch and
bound then branches on y alone; measured at pilot size, it proves a much tighter bound in the same
time (docs/matching.md). The fairness stage adds a row with fractional coefficients, so there the
hours are integer variables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint

from matching.problem import Problem


@dataclass
class Model:
    c: np.ndarray  # minimisation costs (negated weights)
    integrality: np.ndarray
    bounds: Bounds
    constraints: list[LinearConstraint]
    n_arcs: int


def incidence(index: np.ndarray, size: int, values: np.ndarray | None = None) -> sp.csr_matrix:
    """Rows = groups (initiatives or consultants), columns = arcs."""
    n = len(index)
    vals = np.ones(n) if values is None else values
    return sp.csr_matrix((vals, (index, np.arange(n))), shape=(size, n))


@dataclass
class FairnessStage:
    """Second stage: keep weight . x >= min_objective and maximise t, the lowest ratio of hours
    received to fair share over the groups (municipalities) with a positive share."""

    group: np.ndarray  # group index per initiative
    share: np.ndarray  # fair share of hours per group
    min_objective: float


def build_model(problem: Problem, fairness: FairnessStage | None = None, *, integer_hours: bool = False) -> Model:
    n = problem.n_arcs
    upper = problem.upper.astype(float)
    locked = problem.locked > 0
    a_i = incidence(problem.arc_i, problem.n_initiatives)
    a_c = incidence(problem.arc_c, problem.n_consultants)
    zeros_i = sp.csr_matrix((problem.n_initiatives, n))
    zeros_c = sp.csr_matrix((problem.n_consultants, n))
    eye = sp.identity(n, format="csr")
    rows = [
        LinearConstraint(sp.hstack([a_i, zeros_i]), -np.inf, problem.need.astype(float)),
        LinearConstraint(sp.hstack([a_c, zeros_c]), -np.inf, problem.avail.astype(float)),
        LinearConstraint(sp.hstack([zeros_i, a_i]), -np.inf, float(problem.max_team)),
        LinearConstraint(sp.hstack([eye, -sp.diags(upper)]), -np.inf, 0.0),
        # locked arcs may carry fewer hours than min_block when the meeting agreed so
        LinearConstraint(sp.hstack([eye, -sp.diags(np.where(locked, upper, problem.min_block))]), 0.0, np.inf),
    ]
    lower = np.concatenate([np.where(locked, upper, 0.0), locked.astype(float)])
    ub = np.concatenate([upper, np.ones(n)])
    c = np.concatenate([-problem.weight, np.zeros(n)])
    integrality = np.concatenate([np.zeros(n) if fairness is None and not integer_hours else np.ones(n), np.ones(n)])
    if fairness is not None:
        rows = [LinearConstraint(sp.hstack([r.A, sp.csr_matrix((r.A.shape[0], 1))]), r.lb, r.ub) for r in rows]
        groups = np.flatnonzero(fairness.share > 0)
        received = incidence(fairness.group[problem.arc_i], len(fairness.share))[groups]
        rows.append(LinearConstraint(
            sp.hstack([received, sp.csr_matrix((len(groups), n)), sp.csr_matrix(-fairness.share[groups][:, None])]), 0.0, np.inf))
        rows.append(LinearConstraint(sp.hstack([sp.csr_matrix(problem.weight), sp.csr_matrix((1, n + 1))]), fairness.min_objective, np.inf))
        # t first; a tiny reward for the objective breaks ties towards better matches
        c = np.concatenate([c * 1e-4 / max(1.0, fairness.min_objective), [-1.0]])
        lower, ub = np.append(lower, 0.0), np.append(ub, np.inf)
        integrality = np.append(integrality, 0)
    return Model(c, integrality, Bounds(lower, ub), rows, n)
