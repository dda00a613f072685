"""Small instances with a known optimum: team and block limits, own municipality, locks, rejections, infeasibility."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from matching.assign import match_tables
from matching.params import MatchingError, MatchParams
from matching.solvers import solve
from matching.synthetic import synthetic_problem


def frames(initiatives, consultants, pairs):
    ini = pd.DataFrame(initiatives, columns=["initiative_id", "gemeentecode", "hours_needed"])
    ini["priority"] = 1.0
    ini["themes"] = [[] for _ in range(len(ini))]
    con = pd.DataFrame(consultants, columns=["consultant_id", "gemeentecode", "hours_available"])
    con["akkoord"] = True
    con["themes"] = [[] for _ in range(len(con))]
    return ini, con, pd.DataFrame(pairs, columns=["initiative_id", "consultant_id", "score"])


def assigned(result) -> dict[tuple[str, str], int]:
    return {(r.initiative_id, r.consultant_id): r.hours for r in result.matches.itertuples()}


def params(**kw) -> MatchParams:
    return MatchParams(**{"time_limit": 10, **kw})


def test_team_limit_keeps_the_two_best():
    ini, con, pairs = frames(
        [("A", "GM0344", 30)],
        [("x", "GM0355", 10), ("y", "GM0355", 10), ("z", "GM0307", 10)],
        [("A", "x", 0.9), ("A", "y", 0.8), ("A", "z", 0.7)],
    )
    two = match_tables(ini, con, pairs, params(max_team=2))
    assert assigned(two) == {("A", "x"): 10, ("A", "y"): 10}
    assert two.solution.objective == pytest.approx(17.0)
    assert two.solution.gap == pytest.approx(0.0, abs=1e-6)
    three = match_tables(ini, con, pairs, params(max_team=3))
    assert sum(assigned(three).values()) == 30


def test_min_block_forbids_a_small_remainder():
    ini, con, pairs = frames(
        [("A", "GM0344", 10), ("B", "GM0344", 10)],
        [("x", "GM0355", 12)],
        [("A", "x", 0.9), ("B", "x", 0.5)],
    )
    assert assigned(match_tables(ini, con, pairs, params(min_block=8))) == {("A", "x"): 10}
    assert assigned(match_tables(ini, con, pairs, params(min_block=2))) == {("A", "x"): 10, ("B", "x"): 2}


def test_own_municipality_is_never_used_even_when_best():
    ini, con, pairs = frames(
        [("A", "GM0344", 16)],
        [("home", "GM0344", 40), ("away", "GM0355", 40)],
        [("A", "home", 1.0), ("A", "away", 0.3)],
    )
    assert assigned(match_tables(ini, con, pairs, params())) == {("A", "away"): 16}


def test_locked_pair_keeps_its_hours_and_rejected_pair_is_never_proposed():
    ini, con, pairs = frames(
        [("A", "GM0344", 24), ("B", "GM0344", 16)],
        [("x", "GM0355", 40), ("y", "GM0307", 40)],
        [("A", "x", 0.9), ("A", "y", 0.4), ("B", "x", 0.8), ("B", "y", 0.7)],
    )
    decisions = pd.DataFrame(
        [("A", "y", "akkoord", 8), ("B", "x", "afgewezen", None)],
        columns=["initiative_id", "consultant_id", "decision", "hours"],
    )
    result = match_tables(ini, con, pairs, params(), decisions)
    got = assigned(result)
    assert got == {("A", "y"): 8, ("A", "x"): 16, ("B", "y"): 16}
    assert result.matches.set_index(["initiative_id", "consultant_id"]).loc[("A", "y"), "locked"]
    assert not result.violations


def test_below_min_score_is_a_missing_arc():
    ini, con, pairs = frames([("A", "GM0344", 16)], [("x", "GM0355", 40), ("y", "GM0307", 40)], [("A", "x", 0.19), ("A", "y", 0.25)])
    assert assigned(match_tables(ini, con, pairs, params(min_score=0.2))) == {("A", "y"): 16}


def test_infeasible_input_is_explained_in_dutch():
    ini, con, pairs = frames([("A", "GM0344", 16)], [("x", "GM0344", 40)], [("A", "x", 0.9)])
    with pytest.raises(MatchingError, match="geen consultant uit een andere gemeente"):
        match_tables(ini, con, pairs, params())
    ini, con, pairs = frames([("A", "GM0344", 16)], [("x", "GM0355", 40)], [("A", "x", 0.9)])
    bad_lock = pd.DataFrame([("A", "x", "akkoord", 60)], columns=["initiative_id", "consultant_id", "decision", "hours"])
    with pytest.raises(MatchingError, match="meer dan gevraagd"):
        match_tables(ini, con, pairs, params(), bad_lock)
    with pytest.raises(MatchingError, match="geen initiatieven"):
        match_tables(ini.iloc[:0], con, pairs, params())


def test_locked_own_municipality_pair_is_refused():
    ini, con, pairs = frames([("A", "GM0344", 16)], [("x", "GM0344", 40), ("y", "GM0355", 40)], [("A", "y", 0.9)])
    lock = pd.DataFrame([("A", "x", "akkoord", 8)], columns=["initiative_id", "consultant_id", "decision", "hours"])
    with pytest.raises(MatchingError, match="eigen gemeente"):
        match_tables(ini, con, pairs, params(), lock)


def _decisions(*rows):
    return pd.DataFrame(list(rows), columns=["initiative_id", "consultant_id", "decision", "hours"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda ini, con, pairs: (ini, con.iloc[:0], pairs, None), "geen consultants"),
        (lambda ini, con, pairs: (pd.concat([ini, ini.iloc[:1]]), con, pairs, None), "Dubbele initiatief-id's: A"),
        (lambda ini, con, pairs: (ini, pd.concat([con, con.iloc[:1]]), pairs, None), "Dubbele consultant-id's: x"),
        (lambda ini, con, pairs: (ini, con.assign(hours_available=-8), pairs, None), "niet negatief"),
        (lambda ini, con, pairs: (ini, con, pd.concat([pairs, pd.DataFrame([("A", "q", 0.5)], columns=pairs.columns)]), None),
         "1 score-regel(s) noemen een onbekend initiatief of onbekende consultant (bijvoorbeeld A / q)"),
        (lambda ini, con, pairs: (ini, con, pairs, _decisions(("Z", "x", "akkoord", 8))), "zit niet in de ronde"),
        (lambda ini, con, pairs: (ini, con.assign(akkoord=[True, False, True]), pairs, _decisions(("A", "y", "akkoord", 8))),
         "de werkgever van y heeft geen akkoord gegeven"),
        (lambda ini, con, pairs: (ini, con, pairs, _decisions(("A", "x", "akkoord", 0))), "zonder uren"),
        (lambda ini, con, pairs: (ini, con, pairs, _decisions(("A", "x", "akkoord", 30), ("B", "x", "akkoord", 30))),
         "De vastgelegde uren van consultant x (60) zijn meer dan beschikbaar (40)"),
        (lambda ini, con, pairs: (ini, con, pairs, _decisions(*[("A", c, "akkoord", 8) for c in "xyz"])),
         "Initiatief A heeft 3 vastgelegde consultants; het maximum is 2"),
    ],
)
def test_inconsistent_input_is_explained_in_dutch(change, message):
    base = frames(
        [("A", "GM0344", 40), ("B", "GM0307", 40)],
        [("x", "GM0355", 40), ("y", "GM0355", 40), ("z", "GM0228", 40)],
        [("A", "x", 0.9), ("A", "y", 0.8), ("B", "x", 0.7)],
    )
    ini, con, pairs, decisions = change(*base)
    with pytest.raises(MatchingError) as raised:
        match_tables(ini, con, pairs, params(), decisions)
    assert message in str(raised.value)


def test_fairness_stage_shares_a_scarce_consultant():
    ini, con, pairs = frames(
        [("big", "GM0344", 16), ("small", "GM0355", 16)],
        [("x", "GM0307", 16)],
        [("big", "x", 0.9), ("small", "x", 0.89)],
    )
    first = match_tables(ini, con, pairs, params(min_block=8))
    assert assigned(first) == {("big", "x"): 16}
    fair = match_tables(ini, con, pairs, params(min_block=8, fairness=True))
    assert assigned(fair) == {("big", "x"): 8, ("small", "x"): 8}
    assert fair.solution.fairness_ratio > 0
    assert fair.solution.objective >= 0.98 * first.solution.objective


def test_solver_reports_a_valid_bound_and_gap():
    problem = synthetic_problem(30, 20, 8, seed=3)
    solution = solve(problem, time_limit=5)
    assert solution.bound >= solution.objective - 1e-6
    assert solution.gap == pytest.approx((solution.bound - solution.objective) / solution.bound, abs=1e-9)
    assert np.all(solution.hours >= 0)


def test_alternates_are_the_next_best_not_chosen():
    ini, con, pairs = frames(
        [("A", "GM0344", 10)],
        [("a", "GM0355", 10), ("b", "GM0355", 10), ("c", "GM0307", 10), ("d", "GM0307", 10), ("e", "GM0307", 10)],
        [("A", "a", 0.9), ("A", "b", 0.8), ("A", "c", 0.7), ("A", "d", 0.6), ("A", "e", 0.5)],
    )
    result = match_tables(ini, con, pairs, params())
    assert assigned(result) == {("A", "a"): 10}
    assert list(result.alternates.consultant_id) == ["b", "c", "d"]
    assert list(result.alternates["rank"]) == [1, 2, 3]
    assert list(result.alternates.hours_free) == [10, 10, 10]


def test_alternates_with_room_for_a_block_come_before_booked_ones():
    from matching.alternates import alternates

    eligible = pd.DataFrame({"initiative_id": ["A"] * 5, "consultant_id": list("abcde"), "score": [0.9, 0.8, 0.7, 0.6, 0.5]})
    chosen = pd.DataFrame({"initiative_id": ["A"], "consultant_id": ["a"]})
    top = alternates(eligible, chosen, 3, {"a": 0, "b": 0, "c": 20, "d": 5, "e": 8}, min_block=8)
    assert list(top.consultant_id) == ["c", "e", "b"]  # d (5 h) has no room for a block of 8 and a lower score than b
    assert list(top.hours_free) == [20, 8, 0] and list(top["rank"]) == [1, 2, 3]


def test_local_search_keeps_locks_and_never_gets_worse():
    from matching.checker import check_matches
    from matching.solvers.heuristic import greedy
    from matching.solvers.highs import solve_lp
    from matching.solvers.lns import improve

    problem = synthetic_problem(60, 40, 12, seed=5)
    problem.locked[[0, 100]] = problem.min_block  # two confirmed pairs
    lp = solve_lp(problem)
    start = greedy(problem, lp.hours)
    better = improve(problem, start, lp.hours > 0, 30, max_windows=40, window=8)
    assert problem.objective(better) >= problem.objective(start)
    assert better[0] == better[100] == problem.min_block
    assert problem.objective(better) <= lp.bound + 1e-6
    matches = [{"initiative_id": problem.initiative_ids[problem.arc_i[k]], "consultant_id": problem.consultant_ids[problem.arc_c[k]],
                "hours": int(better[k]), "score": 1.0} for k in np.flatnonzero(better)]
    locked = {(problem.initiative_ids[problem.arc_i[k]], problem.consultant_ids[problem.arc_c[k]]): problem.min_block for k in (0, 100)}
    assert check_matches(
        matches,
        {i: {"gemeentecode": g, "hours_needed": n} for i, g, n in zip(problem.initiative_ids, problem.initiative_gemeente, problem.need)},
        {c: {"gemeentecode": g, "hours_available": a, "akkoord": True} for c, g, a in zip(problem.consultant_ids, problem.consultant_gemeente, problem.avail)},
        max_team=problem.max_team, min_block=problem.min_block, min_score=0.0, locked=locked,
    ) == []


def test_branch_and_bound_and_local_search_share_their_best_solution():
    from matching.solvers.heuristic import greedy
    from matching.solvers.highs import Incumbent, solve_lp, solve_mip
    from matching.solvers.lns import improve

    problem = synthetic_problem(60, 40, 12, seed=5)
    start = greedy(problem, solve_lp(problem).hours)
    best = solve(problem, time_limit=5).hours
    assert problem.objective(best) > problem.objective(start) + 1
    # a gap of 50 % lets HiGHS stop at once: with the greedy start alone, or with the better shared one
    assert solve_mip(problem, start, 5, 0.5).objective == pytest.approx(problem.objective(start))
    assert solve_mip(problem, start, 5, 0.5, incumbent=Incumbent(problem, best)).objective == pytest.approx(problem.objective(best))
    found = Incumbent(problem, start)
    result = solve_mip(problem, start, 5, 1e-4, incumbent=found)
    assert result.objective > problem.objective(start)
    assert found.better_than(result.objective - 1e-6) is not None  # HiGHS' improvements are offered
    assert found.better_than(result.objective + 1e-6) is None
    # the local search takes over the better shared solution and offers what it finds
    shared = Incumbent(problem, best)
    searched = improve(problem, start, np.ones(problem.n_arcs, bool), 10, window=4, max_windows=3, workers=1, incumbent=shared)
    assert problem.objective(searched) >= problem.objective(best) - 1e-6
    assert shared.better_than(problem.objective(searched) - 1e-6) is not None


def test_each_initiative_keeps_only_its_best_candidates():
    ini, con, pairs = frames(
        [("A", "GM0344", 10)],
        [("a", "GM0355", 10), ("b", "GM0355", 10), ("c", "GM0307", 10)],
        [("A", "a", 0.5), ("A", "b", 0.9), ("A", "c", 0.7)],
    )
    result = match_tables(ini, con, pairs, params(candidates_per_initiative=2))
    assert assigned(result) == {("A", "b"): 10}
    assert list(result.alternates.consultant_id) == ["c"]
    reasons = dict(zip(result.scores.consultant_id, result.scores.reden))
    assert reasons["a"] == "niet bij de beste 2 voor dit initiatief" and pd.isna(reasons["b"])


def test_highs_instances_made_from_many_threads_leave_stdout_alone():
    """The local search creates HiGHS instances from worker threads; each hides HiGHS' banner by
    swapping file descriptor 1, which must end up where it was."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from matching.solvers.highs import _new_highs

    before = os.fstat(1)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: _new_highs(), range(200)))
    after = os.fstat(1)
    assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)


def test_half_hours_asked_are_counted_not_cut_off():
    ini, con, pairs = frames(
        [("A", "GM0344", 20.5), ("B", "GM0344", 10.5)],
        [("x", "GM0355", 40.5)],
        [("A", "x", 0.9), ("B", "x", 0.8)],
    )
    result = match_tables(ini, con, pairs, params())
    summary = result.summary()
    assert (summary["hours_needed"], summary["hours_available"], summary["hours_matched"]) == (31.0, 40.5, 30)
    row = result.per_gemeente.set_index("gemeentecode").loc["GM0344"]
    assert row.uren_gevraagd == 31.0 and row.uren_gekoppeld == 30


def test_problem_feasibility_covers_every_hard_rule():
    problem = synthetic_problem(30, 20, 8, seed=3)
    hours = solve(problem, time_limit=5).hours
    assert problem.feasible(hours)
    k = int(np.flatnonzero(hours > 0)[0])
    short = hours.copy()
    short[k] = problem.min_block - 1
    assert not problem.feasible(short)  # a block below the minimum
    over = hours.copy()
    over[k] = problem.upper[k] + 1
    assert not problem.feasible(over)  # more than asked or available
    size = problem.max_team + 1
    arcs = np.bincount(problem.arc_i, minlength=problem.n_initiatives)
    i = int(np.flatnonzero((problem.need >= size * problem.min_block) & (arcs >= size))[0])
    team = np.zeros_like(hours)
    team[np.flatnonzero(problem.arc_i == i)[:size]] = problem.min_block
    assert not problem.feasible(team)  # one consultant too many
    team[np.flatnonzero(problem.arc_i == i)[size - 1]] = 0
    assert problem.feasible(team)
    locked = synthetic_problem(30, 20, 8, seed=3)
    locked.locked[k] = hours[k]
    assert locked.feasible(hours)
    assert not locked.feasible(np.where(np.arange(len(hours)) == k, 0, hours))  # a confirmed pair dropped


def test_synthetic_candidates_as_a_round_chooses_them():
    """best_candidates: each initiative's best pairs from other municipalities, none below min_score."""
    sampled = synthetic_problem(60, 40, 8, seed=2)
    best = synthetic_problem(60, 40, 8, seed=2, best_candidates=True)
    assert sampled.score.min() == 0.2 and (sampled.score == 0.2).any()  # the default raises low scores
    assert best.score.min() >= 0.2 and np.bincount(best.arc_i, minlength=60).max() <= 8
    gem_i, gem_c = np.array(best.initiative_gemeente), np.array(best.consultant_gemeente)
    assert np.all(gem_i[best.arc_i] != gem_c[best.arc_c])
    for i in range(3):  # the scores kept are sorted best-first per initiative
        s = best.score[best.arc_i == i]
        assert np.all(np.diff(s) <= 0)


def test_settling_the_lp_keeps_the_team_limit_and_guides_a_better_rounding():
    from matching.solvers.heuristic import greedy
    from matching.solvers.highs import solve_lp

    problem = synthetic_problem(200, 150, 20, seed=4)
    problem.locked[[0, 50]] = problem.min_block  # confirmed pairs are never dropped
    lp = solve_lp(problem, settle_rounds=50)
    plain = np.bincount(problem.arc_i[lp.hours > 1e-6], minlength=problem.n_initiatives)
    assert plain.max() > problem.max_team  # the relaxation spreads initiatives over more consultants
    used = lp.settled > 1e-6
    assert np.bincount(problem.arc_i[used], minlength=problem.n_initiatives).max() <= problem.max_team
    assert np.all(lp.settled[used & (problem.locked == 0)] >= problem.min_block - 1e-6)
    assert lp.settled[0] == lp.settled[50] == problem.min_block
    assert problem.objective(lp.settled) <= lp.bound + 1e-6
    rounded, settled = greedy(problem, lp.hours), greedy(problem, lp.settled)
    assert problem.feasible(settled)
    assert problem.objective(settled) > problem.objective(rounded)
    unsettled = solve_lp(problem)
    assert np.array_equal(unsettled.settled, unsettled.hours)  # no rounds: the relaxation's own hours


def test_whole_hours_from_a_fractional_solution_keep_its_arcs_and_objective():
    from matching.problem import Problem
    from matching.solvers.highs import whole_hours

    problem = Problem(["a"], ["x", "y"], np.array([17]), np.array([9, 9]), np.array([1.0]),
                      np.array([0, 0]), np.array([0, 1]), np.array([0.5, 0.4]), np.array([0, 0]))
    fractional = np.array([8.5, 8.5])  # feasible, but not in whole hours
    hours = whole_hours(problem, fractional)
    assert hours.tolist() == [9, 8]
    assert problem.feasible(hours) and problem.objective(hours) >= problem.objective(fractional)


def test_continuous_hours_model_has_the_whole_hours_optimum():
    """With the arcs in use fixed the hours form a network flow, so leaving them continuous changes nothing."""
    from matching.solvers.highs import solve_mip

    for seed in (3, 5):
        problem = synthetic_problem(30, 20, 8, seed=seed)
        continuous = solve_mip(problem, None, 30.0, 0.0)
        integer = solve_mip(problem, None, 30.0, 0.0, integer_hours=True)
        assert continuous.optimal and integer.optimal
        assert continuous.objective == pytest.approx(integer.objective, rel=1e-6)
        assert problem.feasible(continuous.hours)
