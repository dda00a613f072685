"""The independent checker flags each hard rule on its own, and nothing in a valid match set."""

from __future__ import annotations

import pytest

from matching.checker import check_matches

INITIATIVES = {
    "I1": {"gemeentecode": "GM0307", "hours_needed": 40},
    "I2": {"gemeentecode": "GM0355", "hours_needed": 24},
}
CONSULTANTS = {
    "C1": {"gemeentecode": "GM0355", "hours_available": 40, "akkoord": True},
    "C2": {"gemeentecode": "GM0345", "hours_available": 32, "akkoord": True},
    "C3": {"gemeentecode": "GM0228", "hours_available": 16, "akkoord": True},
    "C4": {"gemeentecode": "GM0228", "hours_available": 40, "akkoord": False},
}
VALID = [
    {"initiative_id": "I1", "consultant_id": "C1", "hours": 24, "score": 0.8},
    {"initiative_id": "I1", "consultant_id": "C2", "hours": 16, "score": 0.6},
    {"initiative_id": "I2", "consultant_id": "C2", "hours": 16, "score": 0.5},
]
LIMITS = {"max_team": 2, "min_block": 8, "min_score": 0.2}


def _check(matches, **extra):
    return check_matches(matches, INITIATIVES, CONSULTANTS, **(LIMITS | extra))


def _with(*changes: tuple[int, dict]) -> list[dict]:
    matches = [dict(m) for m in VALID]
    for index, change in changes:
        matches[index].update(change)
    return matches


def test_a_valid_match_set_has_no_violations():
    assert _check(VALID) == []


@pytest.mark.parametrize(
    ("matches", "rule"),
    [
        (_with((2, {"consultant_id": "C1", "hours": 8})), "eigen_gemeente"),  # C1 works in I2's municipality
        (VALID + [{"initiative_id": "I2", "consultant_id": "C4", "hours": 8, "score": 0.9}], "akkoord_werkgever"),
        (_with((0, {"hours": 44})), "uren_consultant"),  # C1: 44 of 40
        (_with((0, {"hours": 30})), "uren_initiatief"),
        (VALID + [{"initiative_id": "I1", "consultant_id": "C3", "hours": 8, "score": 0.7}], "teamgrootte"),
        (_with((1, {"hours": 6})), "blokgrootte"),
        (_with((2, {"score": 0.1})), "min_score"),
        (_with((1, {"hours": 12.5})), "uren"),
        (VALID + [dict(VALID[2])], "uren"),  # the same pair twice
        (VALID + [{"initiative_id": "I9", "consultant_id": "C1", "hours": 8, "score": 0.5}], "onbekend"),
    ],
)
def test_each_broken_rule_is_reported(matches, rule):
    found = {v.rule for v in _check(matches)}
    assert rule in found
    assert all(v.message for v in _check(matches))


def test_consultant_hours_are_summed_over_initiatives():
    over = _with((1, {"hours": 16}), (2, {"hours": 24}))  # C2: 16 + 24 = 40 of 32
    assert [v.rule for v in _check(over)] == ["uren_consultant"]
    assert "Consultant C2 krijgt 40 uur, beschikbaar is 32" in _check(over)[0].message


def test_rejected_pairs_must_not_return_and_locked_pairs_must_keep_their_hours():
    assert [v.rule for v in _check(VALID, rejected={("I2", "C2")})] == ["afgewezen"]
    assert [v.rule for v in _check(VALID, locked={("I1", "C1"): 30})] == ["vastgelegd"]
    assert [v.rule for v in _check(VALID, locked={("I2", "C3"): 8})] == ["vastgelegd"]  # agreed, but missing


def test_a_locked_pair_is_exempt_from_the_block_and_score_minimums():
    small = _with((1, {"hours": 4, "score": 0.1}))
    assert {v.rule for v in _check(small)} == {"blokgrootte", "min_score"}
    assert _check(small, locked={("I1", "C2"): 4}) == []
