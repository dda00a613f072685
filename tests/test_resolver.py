import pytest

from warehouse.resolver import GemeenteAmbiguous, GemeenteNotFound, default_resolver, normalize, resolve


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("  s GRAVENHAGE ", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("GM0363", "GM0363"),
        ("0363", "GM0363"),
        ("363", "GM0363"),
        ("gm 363", "GM0363"),
        ("Zaandam", "GM0479"),
        ("sudwest fryslan", "GM1900"),
        ("Gemeente Utrecht", "GM0344"),
        ("Bergen (NH.)", "GM0373"),
        ("Beek (L.)", "GM0888"),
        ("Zederik", "GM1961"),
        ("Nuenen", "GM0820"),
    ],
)
def test_resolves(text, code):
    assert resolve(text).code == code


def test_ambiguous_woonplaats_lists_every_candidate():
    with pytest.raises(GemeenteAmbiguous) as exc:
        resolve("Beek")
    codes = {g.code for g in exc.value.candidates}
    assert {"GM0888", "GM1945", "GM1955"} <= codes
    assert "niet eenduidig" in str(exc.value)
    assert "Beek (L.)" in str(exc.value)


def test_two_municipalities_with_one_base_name_are_ambiguous():
    with pytest.raises(GemeenteAmbiguous) as exc:
        resolve("Bergen")
    assert {g.code for g in exc.value.candidates} == {"GM0373", "GM0893"}


def test_unknown_name_suggests():
    with pytest.raises(GemeenteNotFound) as exc:
        resolve("Amsterdm")
    assert exc.value.suggestions[0] == "Amsterdam"
    assert "Bedoelt u 'Amsterdam'" in str(exc.value)


def test_unknown_code_and_empty_are_not_found():
    for text in ("GM9999", "", "   "):
        with pytest.raises(GemeenteNotFound):
            resolve(text)


def test_every_cbs_name_resolves_to_itself():
    r = default_resolver()
    for g in r.by_code.values():
        assert r.resolve(g.naam).code == g.code


def test_normalize_folds_accents_case_and_punctuation():
    assert normalize("Súdwest-Fryslân") == normalize("SUDWEST FRYSLAN") == "sudwest fryslan"
