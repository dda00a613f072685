"""Place resolution, themes and the shipped classifier, on texts written for these tests."""

from __future__ import annotations

import itertools

import pytest
import spacy

from nlp.model import SHIPPED_MODEL, ModelError, RecordError, load_classifier
from nlp.places import PlaceMatcher
from nlp.themes import ThemeMatcher
from nlp.tokenizer import blank_dutch

BEEK_L, MONTFERLAND, BERG_EN_DAL = "GM0888", "GM1955", "GM1945"
BEST, ZWOLLE, ROTTERDAM, DEN_HAAG, DEN_BOSCH = "GM0753", "GM0193", "GM0599", "GM0518", "GM0796"


@pytest.fixture(scope="module")
def nlp():
    return blank_dutch()


@pytest.fixture(scope="module")
def places(nlp):
    return PlaceMatcher(nlp)


@pytest.fixture(scope="module")
def classifier():
    return load_classifier(SHIPPED_MODEL)


def resolve(nlp, places, text, coverage=None, url=None):
    return places.resolve(nlp(text), coverage, url)


# --- municipality -------------------------------------------------------------------------------


def test_woonplaats_in_three_municipalities_is_unknown_without_more_to_go_on(nlp, places):
    result = resolve(nlp, places, "In Beek hebben buren samen een jeu-de-boulesbaan aangelegd.")
    assert result.gemeentecode is None
    assert result.ambiguous == ["Beek"]


@pytest.mark.parametrize("coverage", [BEEK_L, MONTFERLAND, BERG_EN_DAL])
def test_source_coverage_breaks_the_tie(nlp, places, coverage):
    result = resolve(nlp, places, "In Beek hebben buren samen een jeu-de-boulesbaan aangelegd.", [coverage])
    assert result.gemeentecode == coverage
    assert result.via == "tekst+bron"


def test_another_mention_in_the_text_settles_an_ambiguous_one(nlp, places):
    text = "De buurtvereniging in Beek, gemeente Montferland, opent een ruilwinkel. Beek telt veel vrijwilligers."
    assert resolve(nlp, places, text).gemeentecode == MONTFERLAND


def test_coverage_outside_the_candidates_does_not_force_a_guess(nlp, places):
    assert resolve(nlp, places, "In Beek is een buurtbus gestart.", [ZWOLLE]).gemeentecode is None


def test_two_municipalities_equally_named_give_unknown_unless_coverage_decides(nlp, places):
    text = "Bewoners uit Rotterdam en Den Haag wisselen ervaringen uit."
    assert resolve(nlp, places, text).gemeentecode is None
    assert resolve(nlp, places, text + " In Rotterdam begon het.").gemeentecode == ROTTERDAM
    assert resolve(nlp, places, text, [DEN_HAAG]).gemeentecode == DEN_HAAG


def test_common_words_and_surnames_are_not_places(nlp, places):
    assert resolve(nlp, places, "Best is dat de buurt het zelf regelt, zegt Anja van Zwolle.").gemeentecode is None
    assert resolve(nlp, places, "De inwoners van Best openen een dorpshuis.").gemeentecode == BEST
    assert resolve(nlp, places, "een beek stroomt langs de weg en het is best mooi").gemeentecode is None


def test_hyphenated_names_city_districts_and_hashtags(nlp, places):
    assert resolve(nlp, places, "Vrijwilligers in 's-Hertogenbosch starten een repair café.").gemeentecode == DEN_BOSCH
    assert resolve(nlp, places, "Bewoners van Rotterdam-Zuid openen een buurtkamer.").gemeentecode == ROTTERDAM
    result = resolve(nlp, places, "In Hazerswoude-Dorp rijdt de buurtbus weer.")
    assert result.gemeentecode == "GM0484" and result.mentions == ["Hazerswoude-Dorp"]  # Alphen aan den Rijn
    assert resolve(nlp, places, "Samen de buurt groen maken! #vrijwilligers #Zwolle").gemeentecode == ZWOLLE


def test_aliases_adjectives_and_the_url_count(nlp, places):
    assert resolve(nlp, places, "Een initiatief uit Den Bosch.").gemeentecode == DEN_BOSCH
    assert resolve(nlp, places, "Haagse buurtbewoners koken voor elkaar.").gemeentecode == DEN_HAAG
    url = "https://www.voorbeeldkrant.nl/zwolle/buren-ruimen-samen-op~a12/"
    result = resolve(nlp, places, "Buren ruimen samen zwerfafval op.", url=url)
    assert result.gemeentecode == ZWOLLE
    assert result.mentions == ["zwolle"]


def test_a_province_is_not_the_woonplaats_of_the_same_name(nlp, places):
    assert resolve(nlp, places, "Het regent in heel Zeeland.").gemeentecode is None


def test_only_the_source_coverage_names_a_municipality(nlp, places):
    result = resolve(nlp, places, "Vrijwilligers openen een kledingbank.", [ZWOLLE])
    assert (result.gemeentecode, result.via) == (ZWOLLE, "bron")


# --- themes -------------------------------------------------------------------------------------


def test_themes_from_keywords_and_compounds(nlp):
    matcher = ThemeMatcher()
    text = "De buurtmoestuin krijgt een plan van aanpak en zonnepanelen op het schuurtje."
    hits = {h.code: h.terms for h in matcher.find(nlp(text))}
    assert set(hits) == {"groen", "projectmanagement", "energie"}
    assert "buurtmoestuin" in hits["groen"]


def test_a_word_that_merely_starts_like_a_keyword_is_no_theme(nlp):
    assert ThemeMatcher().find(nlp("Dat ging helemaal verkeerd.")) == []


def test_a_street_name_and_an_organisation_form_are_no_theme(nlp):
    matcher = ThemeMatcher()
    found = matcher.find(nlp("Het bos komt aan de Schoolstraat; de Stichting Groen Dorp en de vereniging helpen."))
    assert {h.code for h in found} == {"groen"}  # not 'school' (jeugd & onderwijs), not 'stichting' (rechtsvorm)
    needs = {h.code for h in matcher.find(nlp("De bewoners willen een stichting oprichten en zoeken hulp bij de statuten."))}
    assert "rechtsvorm" in needs


# --- classifier ---------------------------------------------------------------------------------

INITIATIVE = (
    "Een groep buurtbewoners in de Molenwijk heeft op eigen initiatief een repair café opgezet. "
    "Elke eerste zaterdag van de maand repareren vrijwilligers kapotte lampen, fietsen en kleding. "
    "De stichting die ze oprichtten zoekt nog vrijwilligers."
)
HARD_NEGATIVES = {
    "municipal programme": (
        "De gemeente start een programma tegen eenzaamheid. Ambtenaren en de welzijnsorganisatie voeren het uit; "
        "de wethouder betaalt het uit de eigen begroting."
    ),
    "no garden after all": (
        "Het grasveld achter de sporthal wordt toch geen moestuin. De gemeente verkoopt het stuk grond aan een "
        "projectontwikkelaar, die er twaalf koopwoningen neerzet."
    ),
    "petition without a plan": (
        "Bewoners zijn boos over de sluiting van het zwembad en tekenden een petitie. Een eigen plan hebben ze niet; "
        "ze willen dat de gemeenteraad het besluit terugdraait."
    ),
    "professional service": (
        "Welzijnsorganisatie Samen Verder biedt mantelzorgers advies en ondersteuning. Onze consulenten zijn "
        "beroepskrachten; aanmelden kan via de huisarts."
    ),
    "accident": "Bij een aanrijding op de kruising raakte een fietser gewond. De politie doet onderzoek.",
}


def test_a_resident_initiative_is_recognised_with_its_evidence(classifier):
    [out] = classifier.classify([{"id": "a", "text": INITIATIVE}])
    assert out["is_initiative"] is True
    assert out["score"] >= classifier.threshold
    assert out["evidence"]["classifier"], "the deciding terms are shown"
    assert set(out["evidence"]["classifier"]) & {"vrijwilligers", "buurtbewoners", "initiatief", "stichting"}
    words = {t.lower() for t in INITIATIVE.replace(".", " ").replace(",", " ").split()}
    assert all(" " in term or term in words for term in out["evidence"]["classifier"]), "every term is a word of the text"


def test_evidence_shows_word_pairs_that_are_in_the_text(classifier):
    texts = [INITIATIVE, *HARD_NEGATIVES.values()]
    outputs = classifier.classify([{"id": i, "text": t} for i, t in enumerate(texts)])
    pairs = [(term, text) for out, text in zip(outputs, texts) for term in out["evidence"]["classifier"] if " " in term]
    assert pairs, "some deciding features are word pairs"
    for term, text in pairs:
        words = [token.lower_ for token in classifier.nlp.make_doc(text) if not token.is_space]
        assert term in {f"{a} {b}" for a, b in itertools.pairwise(words)}, term


@pytest.mark.parametrize("kind", sorted(HARD_NEGATIVES))
def test_hard_negatives_are_not_initiatives(classifier, kind):
    [out] = classifier.classify([{"id": kind, "text": HARD_NEGATIVES[kind]}])
    assert out["is_initiative"] is False, (kind, out["score"], out["evidence"]["classifier"])


def test_output_has_exactly_the_contract_fields_in_input_order(classifier):
    records = [{"id": i, "text": t} for i, t in enumerate([HARD_NEGATIVES["accident"], INITIATIVE, "Zonnig weer."])]
    out = classifier.classify(records)
    assert [o["id"] for o in out] == [0, 1, 2]
    assert all(set(o) == {"id", "is_initiative", "score", "gemeentecode", "themes", "evidence"} for o in out)


def test_title_counts_and_records_are_validated(classifier):
    [out] = classifier.classify([{"id": "t", "title": "Repair café in Zwolle", "text": "Vrijwilligers repareren."}])
    assert out["gemeentecode"] == ZWOLLE
    with pytest.raises(RecordError, match="text"):
        classifier.classify([{"id": "x"}])
    with pytest.raises(RecordError, match="source_gemeenten"):
        classifier.classify([{"id": "x", "text": "iets", "source_gemeenten": "Zwolle"}])


def test_source_gemeenten_may_be_names_or_codes(classifier):
    text = "In Beek hebben bewoners een buurtbus opgezet."
    by_name = classifier.classify([{"id": 1, "text": text, "source_gemeenten": ["Montferland"]}])
    by_code = classifier.classify([{"id": 1, "text": text, "source_gemeenten": [MONTFERLAND]}])
    assert by_name[0]["gemeentecode"] == by_code[0]["gemeentecode"] == MONTFERLAND


def test_an_installed_base_pipeline_is_used_when_named(tmp_path, monkeypatch, classifier):
    base = spacy.blank("nl")
    base.add_pipe("sentencizer")
    base.to_disk(tmp_path / "base")
    monkeypatch.setenv("PNET_SPACY_BASE", str(tmp_path / "base"))
    on_base = load_classifier(SHIPPED_MODEL)
    assert on_base.nlp.pipe_names == ["sentencizer", "textcat"]
    assert on_base.classify([{"id": 1, "text": INITIATIVE}])[0]["score"] == classifier.classify([{"id": 1, "text": INITIATIVE}])[0]["score"]
    monkeypatch.setenv("PNET_SPACY_BASE", "nl_core_news_niet_geinstalleerd")
    with pytest.raises(ModelError, match="niet geïnstalleerd"):
        load_classifier(SHIPPED_MODEL)
