from pnet.themes import by_code, themes
from pnet.untrusted import neutralize_formula


def test_taxonomy_has_unique_codes_and_labels():
    ts = themes()
    assert 15 <= len(ts) <= 25
    assert len(by_code()) == len(ts)
    assert len({t.label for t in ts}) == len(ts)
    assert all(t.keywords for t in ts)


def test_formula_triggers_are_neutralized():
    for bad in ("=1+1", "+31 6", "-2", "@SUM(A1)", "\t=x", "\r=x"):
        assert neutralize_formula(bad) == "'" + bad
    assert neutralize_formula("Buurtmoestuin") == "Buurtmoestuin"
    assert neutralize_formula(12) == 12
    assert neutralize_formula(None) is None
