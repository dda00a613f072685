"""Our tokenizer: words as spaCy's Dutch rules split them (faster), and the text kept exactly."""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st

from nlp.model import SHIPPED_MODEL, load_classifier
from nlp.tokenizer import SUFFIX, blank_dutch

NLP = blank_dutch()
SPACY_DUTCH = spacy.blank("nl")
TEXTS = [
    "Bewoners van 's-Hertogenbosch en Midden-Drenthe: zo'n 1.000 m2 voor de EHBO-vereniging!",
    '("Samen," zei ze.) Het buurthuis is open van 10.00-13.00 uur, o.a. op dinsdag t/m vrijdag.',
    "Mail info@dorpshuis-ons-dorp.nl of kijk op https://www.ons-dorp.nl/agenda. Uitslag: 2-1.",
    "J. de Vries (voorzitter) opent het AED-netwerk... Het kost 20% minder; meer info volgt!",
    "Vraag het de GGD. Of log in met DigiD. Vanaf 18+ welkom bij de BV.",
    "Lees ook:\n\nDorpsraad wint prijs   \n  Buurtbus rijdt weer",
]


def tokens(nlp, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


def test_words_are_split_as_spacys_dutch_rules_split_them():
    for text in TEXTS:
        assert tokens(NLP, text) == tokens(SPACY_DUTCH, text), text


def test_hashtags_split_off_so_the_word_is_seen():
    assert tokens(NLP, "#buurtmoestuin #Zwolle") == ["#", "buurtmoestuin", "#", "Zwolle"]


@given(st.text(alphabet=st.sampled_from(list("aB1'’.-,:/#(  \n\té")), max_size=40))
def test_the_text_is_kept_exactly(text):
    assert NLP(text).text == text


def test_the_shipped_model_reads_text_with_this_tokenizer():
    classifier = load_classifier(SHIPPED_MODEL)
    assert classifier.nlp.tokenizer.suffix_search == SUFFIX.search
