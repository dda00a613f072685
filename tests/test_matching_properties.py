"""Property: whatever the input, the matcher either explains why it cannot match, or returns a
match set that breaks no hard rule (checked here by recounting, apart from the built-in checker)."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.assign import match_tables
from matching.params import MatchingError, MatchParams

GEMEENTEN = ["GM0344", "GM0355", "GM0307"]


@st.composite
def instances(draw):
    n_i, n_c = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    ini = pd.DataFrame({
        "initiative_id": [f"I{k}" for k in range(n_i)],
        "gemeentecode": draw(st.lists(st.sampled_from(GEMEENTEN), min_size=n_i, max_size=n_i)),
        "hours_needed": draw(st.lists(st.integers(0, 40), min_size=n_i, max_size=n_i)),
        "priority": draw(st.lists(st.sampled_from([1.0, 2.0, 3.0]), min_size=n_i, max_size=n_i)),
        "themes": [[] for _ in range(n_i)],
    })
    con = pd.DataFrame({
        "consultant_id": [f"C{k}" for k in range(n_c)],
        "gemeentecode": draw(st.lists(st.sampled_from(GEMEENTEN), min_size=n_c, max_size=n_c)),
        "hours_available": draw(st.lists(st.integers(0, 40), min_size=n_c, max_size=n_c)),
        "akkoord": draw(st.lists(st.booleans(), min_size=n_c, max_size=n_c)),
        "themes": [[] for _ in range(n_c)],
    })
    pairs = pd.DataFrame(
        [(i, c, draw(st.floats(0, 1))) for i in ini.initiative_id for c in con.consultant_id],
        columns=["initiative_id", "consultant_id", "score"],
    )
    rejected = draw(st.lists(st.tuples(st.sampled_from(list(ini.initiative_id)), st.sampled_from(list(con.consultant_id))), max_size=3))
    decisions = pd.DataFrame([(i, c, "afgewezen", None) for i, c in rejected], columns=["initiative_id", "consultant_id", "decision", "hours"])
    p = MatchParams(max_team=draw(st.integers(1, 3)), min_block=draw(st.integers(1, 12)),
                    min_score=draw(st.floats(0, 0.6)), fairness=draw(st.booleans()), time_limit=5)
    return ini, con, pairs, decisions, p


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_no_output_violates_a_hard_constraint(case):
    ini, con, pairs, decisions, p = case
    try:
        result = match_tables(ini, con, pairs, p, decisions)
    except MatchingError as exc:
        assert str(exc)
        return
    assert result.violations == []
    m = result.matches
    gem_i = dict(zip(ini.initiative_id, ini.gemeentecode))
    gem_c = dict(zip(con.consultant_id, con.gemeentecode))
    ok = dict(zip(con.consultant_id, con.akkoord))
    score = {(r.initiative_id, r.consultant_id): r.score for r in pairs.itertuples()}
    rejected = set(zip(decisions.initiative_id, decisions.consultant_id))
    for r in m.itertuples():
        assert gem_i[r.initiative_id] != gem_c[r.consultant_id]
        assert ok[r.consultant_id]
        assert (r.initiative_id, r.consultant_id) not in rejected
        assert r.hours >= p.min_block and r.hours == int(r.hours)
        assert score[(r.initiative_id, r.consultant_id)] >= p.min_score
    need = dict(zip(ini.initiative_id, ini.hours_needed))
    avail = dict(zip(con.consultant_id, con.hours_available))
    for i, h in m.groupby("initiative_id").hours.sum().items():
        assert h <= need[i]
    for c, h in m.groupby("consultant_id").hours.sum().items():
        assert h <= avail[c]
    assert max(Counter(m.initiative_id).values(), default=0) <= p.max_team
    assert result.solution.bound >= result.solution.objective - 1e-6
