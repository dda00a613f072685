from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from warehouse.costs import allocate
from warehouse.resolver import Gemeente, default_resolver

ALL = sorted(default_resolver().by_code.values(), key=lambda g: g.code)


def test_seed_example_rate():
    """500,000 inhabitants and EUR 150,000 give EUR 0.30 per inhabitant, as the source document says."""
    gemeenten = [Gemeente(f"GM{i:04d}", f"G{i}", "P", 25_000) for i in range(20)]
    a = allocate(gemeenten, 150_000)
    assert a.rate_per_inhabitant == Decimal("0.3")
    assert all(s.bedrag == Decimal("7500.00") for s in a.shares)


@given(st.lists(st.sampled_from(ALL), min_size=2, max_size=25, unique=True), st.integers(1_000, 1_000_000_00))
def test_shares_sum_to_budget_to_the_cent(gemeenten, budget_cents):
    budget = Decimal(budget_cents) / 100
    a = allocate(gemeenten, budget)
    assert sum(s.bedrag for s in a.shares) == budget
    assert all(s.bedrag == s.bedrag.quantize(Decimal("0.01")) for s in a.shares)


@given(st.lists(st.sampled_from(ALL), min_size=2, max_size=25, unique=True))
def test_larger_pays_more_in_total_not_more_per_inhabitant(gemeenten):
    a = allocate(gemeenten, 150_000)
    shares = sorted(a.shares, key=lambda s: s.gemeente.inwoners)
    for small, large in zip(shares, shares[1:]):
        if large.gemeente.inwoners > small.gemeente.inwoners:
            assert large.bedrag >= small.bedrag
            # per inhabitant: equal up to the one cent of rounding each share may carry
            per_large = large.bedrag / large.gemeente.inwoners
            per_small = small.bedrag / small.gemeente.inwoners
            assert per_large <= per_small + Decimal("0.01") / small.gemeente.inwoners
