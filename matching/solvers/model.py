"""The MILP model of a `Problem` in the matrix form scipy's HiGHS interface takes.

Variables: x_k (whole hours on arc k, 0..U_k) then y_k (arc k used, binary).
Rows: hours per initiative <= need, hours per consultant <= available, used arcs per
initiative <= max_team, and the linking rows min_block * y_k <= x_k <= U_k * y_k.
Locked arcs have x and y fixed. U_k is as tight as the data allow.
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


def build_model(problem: Problem) -> Model:
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
    return Model(c, np.ones(2 * n), Bounds(lower, ub), rows, n)
