"""Our tokenizer: words as the classifier, places and themes read them, and the text kept exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp.model import SHIPPED_MODEL, load_classifier
from nlp.tokenizer import RegexTokenizer, blank_dutch

NLP = blank_dutch()


def words(text: str) -> list[str]:
    return [t.text for t in NLP(text) if not t.is_space]


def test_dutch_words_with_inner_hyphens_apostrophes_and_dots_stay_whole():
    assert words("Bewoners van 's-Hertogenbosch en Noord-Holland: zo'n 1.000 m2 buurt-moestuin!") == [
        "Bewoners", "van", "'", "s-Hertogenbosch", "en", "Noord-Holland", ":", "zo'n", "1.000", "m2", "buurt-moestuin", "!",
    ]


def test_punctuation_around_words_is_split_off():
    assert words('("Samen," zei ze.)') == ["(", '"', "Samen", ",", '"', "zei", "ze", ".", ")"]


def test_paragraph_breaks_become_whitespace_tokens():
    doc = NLP("Dorpshuis  open.\n\nLees ook")
    assert [t.text for t in doc] == ["Dorpshuis", " ", "open", ".", "\n\n", "Lees", "ook"]


@given(st.text(alphabet=st.sampled_from(list("ab1'’.-,  \n\té")), max_size=40))
def test_the_text_is_kept_exactly(text):
    assert NLP(text).text == text


def test_the_shipped_model_reads_text_with_this_tokenizer():
    classifier = load_classifier(SHIPPED_MODEL)
    assert isinstance(classifier.nlp.tokenizer, RegexTokenizer)
