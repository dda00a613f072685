"""Large neighbourhood search: re-solve small windows of the problem exactly, keep what improves.

A window is a handful of initiatives that compete for the same consultants. Everything outside
the window stays fixed; inside, HiGHS solves the sub-MILP (their arcs, the consultants' residual
hours) (to a 0.01 % gap) in a few tens of milliseconds. HiGHS releases the GIL while it solves,
so `workers` windows are solved at once, on initiatives no other open window holds; a result is
applied only if the consultants still have its hours (another window may have used them since).
The solution is feasible after every step.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

import numpy as np

from matching.problem import Problem
from matching.solvers.highs import Incumbent, solve_mip

WINDOW_SECONDS = 2.0  # most windows solve in tens of milliseconds
WORKERS = min(2, os.cpu_count() or 1)  # the target machine has 2 cores


class _Index:
    """Arcs per initiative and per consultant, for growing windows."""

    def __init__(self, problem: Problem, arcs: np.ndarray):
        self.arcs = arcs
        self.by_i = np.split(arcs[np.argsort(problem.arc_i[arcs], kind="stable")],
                             np.cumsum(np.bincount(problem.arc_i[arcs], minlength=problem.n_initiatives))[:-1])
        self.by_c = np.split(arcs[np.argsort(problem.arc_c[arcs], kind="stable")],
                             np.cumsum(np.bincount(problem.arc_c[arcs], minlength=problem.n_consultants))[:-1])


def _window(problem: Problem, index: _Index, seed: int, size: int, rng: np.random.Generator, busy: np.ndarray) -> np.ndarray:
    """Up to `size` initiatives around `seed` that share consultants, none of them `busy`."""
    chosen, frontier = {seed}, [seed]
    while frontier and len(chosen) < size:
        i = frontier.pop(0)
        consultants = problem.arc_c[index.by_i[i]]
        rng.shuffle(consultants)
        for c in consultants:
            for j in problem.arc_i[index.by_c[c]]:
                if j not in chosen and not busy[j]:
                    chosen.add(int(j))
                    frontier.append(int(j))
                    if len(chosen) >= size:
                        return np.fromiter(chosen, int)
    return np.fromiter(chosen, int)


def _window_problem(problem: Problem, arcs: np.ndarray, avail: np.ndarray) -> Problem:
    """The sub-problem on `arcs` alone, with only the initiatives and consultants they touch."""
    ii, arc_i = np.unique(problem.arc_i[arcs], return_inverse=True)
    cc, arc_c = np.unique(problem.arc_c[arcs], return_inverse=True)
    return Problem(
        [problem.initiative_ids[i] for i in ii], [problem.consultant_ids[c] for c in cc],
        problem.need[ii], avail[cc], problem.priority[ii], arc_i, arc_c,
        problem.score[arcs], problem.locked[arcs], problem.max_team, problem.min_block,
    )


def improve(
    problem: Problem,
    hours: np.ndarray,
    candidate_arcs: np.ndarray,
    seconds: float,
    *,
    window: int = 40,
    seed: int = 0,
    max_windows: int | None = None,
    workers: int = WORKERS,
    stop: Callable[[], bool] = lambda: False,
    guide: np.ndarray | None = None,
    incumbent: Incumbent | None = None,
) -> np.ndarray:
    """Improve a feasible `hours` (per arc) by window re-solves for `seconds` (or `max_windows`).

    Windows use the `candidate_arcs` of their initiatives, the arcs that carry hours, and for an
    initiative short of hours every arc to a consultant with a block to spare. `stop()` true ends
    the search early (branch and bound running beside it has finished). With `guide` (the LP
    relaxation's hours), windows start at the initiatives where the solution falls furthest short of
    it; measured at 2,000 x 1,500 this gains 0.0002-0.0005 of the LP bound in 30 s. With `incumbent`
    (shared with a branch and bound beside it), each improvement is offered to it, and a better
    solution found there is taken over whenever no window is open.
    """
    deadline = time.monotonic() + seconds
    rng = np.random.default_rng(seed)
    hours = hours.copy()
    index = _Index(problem, np.flatnonzero(candidate_arcs | (hours > 0)))
    every = _Index(problem, np.arange(problem.n_arcs))
    weight = problem.weight
    order = rng.permutation(problem.n_initiatives)
    if guide is not None:  # first the initiatives where the solution falls furthest short of the LP's
        lost = np.bincount(problem.arc_i, weight * (guide - hours), problem.n_initiatives)
        order = order[np.argsort(-lost[order], kind="stable")]
    busy = np.zeros(problem.n_initiatives, bool)
    k = last_gain = 0
    running: dict[Future, tuple[np.ndarray, np.ndarray]] = {}

    def searching() -> bool:
        """Until the deadline, or a whole pass over the initiatives without any gain."""
        return time.monotonic() < deadline - 0.05 and k - last_gain < len(order) and k != max_windows and not stop()

    def open_window(pool: ThreadPoolExecutor, seed_i: int) -> None:
        inside = np.zeros(problem.n_initiatives, bool)
        inside[_window(problem, index, seed_i, window, rng, busy)] = True
        residual = problem.avail - np.bincount(problem.arc_c, np.where(inside[problem.arc_i], 0, hours), problem.n_consultants)
        got = np.bincount(problem.arc_i, hours, problem.n_initiatives)
        parts = []
        for i in np.flatnonzero(inside):
            mine = every.by_i[i]
            parts += [index.by_i[i], mine[hours[mine] > 0]]
            if got[i] < problem.need[i]:  # short of hours: also try any consultant with a block to spare
                parts.append(mine[residual[problem.arc_c[mine]] >= problem.min_block])
        arcs = np.unique(np.concatenate(parts))
        if len(arcs) == 0:
            return
        busy[inside] = True
        sub = _window_problem(problem, arcs, residual.astype(int))
        time_limit = min(WINDOW_SECONDS, max(0.05, deadline - time.monotonic()))
        running[pool.submit(solve_mip, sub, hours[arcs], time_limit, 1e-4)] = (arcs, inside)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while running or searching():
            while searching() and len(running) < workers and not busy[order[k % len(order)]]:
                k += 1
                open_window(pool, int(order[(k - 1) % len(order)]))
            if not running:
                break
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for future in done:
                arcs, inside = running.pop(future)
                busy[inside] = False
                result = future.result()
                if result.hours is None or weight[arcs] @ result.hours <= weight[arcs] @ hours[arcs] + 1e-9:
                    continue
                use = np.bincount(problem.arc_c[arcs], result.hours - hours[arcs], problem.n_consultants)
                if np.all(np.bincount(problem.arc_c, hours, problem.n_consultants) + use <= problem.avail):
                    hours[arcs] = result.hours
                    last_gain = k
                    if incumbent is not None:
                        incumbent.offer(hours.copy())
            if incumbent is not None and not running:
                found = incumbent.better_than(weight @ hours)
                if found is not None:
                    hours, last_gain = found, k
    return hours
