"""Our registered tokenizer: spaCy's tokenizer with the Dutch exceptions and a few compact affix rules.

spaCy's Dutch defaults try some 120 prefix and 80 suffix patterns on every whitespace-separated
string they have not seen; on scraped text, full of such strings, that was most of the
classifier's time. The classifier, the place matcher and the themes need words and punctuation
as spaCy's Dutch rules give them, so this tokenizer keeps spaCy's Tokenizer with the Dutch
exceptions ('o.a.', "'s", 't/m') and URL matching, and replaces the affix patterns by the few
that matter for Dutch text: brackets, quotes and hashtags before words, closing punctuation, and the
separators between words ('dorp;stad', 'zo...dan'). Hyphenated words, times, scores and e-mail
addresses stay whole ('EHBO-vereniging', 'Midden-Drenthe', '10.00-13.00'), as in spaCy's rules. About twice as fast on unseen text.
Import this module before training or loading.
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

PREFIX = re.compile(r"""^[#\[\(\{"'“‘«„‚<*•·–—]""")
SUFFIX = re.compile(r"""(?:[\]\)\}"'”’»>,;:!?…*]|\.\.\.|(?<!^[A-Z])\.)$""")
LETTER = r"[^\W\d_]"
INFIX = re.compile(rf"""(?<={LETTER})(?:[:;=]|\.\.\.|[–—])(?={LETTER})|(?<={LETTER})[.,](?=[A-Z])""")


def dutch_tokenizer(nlp: Language) -> Tokenizer:
    """spaCy's Tokenizer on `nlp`'s vocab with the Dutch exceptions and our affix patterns."""
    defaults = nlp.Defaults
    return Tokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=PREFIX.search,
        suffix_search=SUFFIX.search,
        infix_finditer=INFIX.finditer,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


@registry.tokenizers("pnet.DutchTokenizer.v1")
def create_dutch_tokenizer():
    return dutch_tokenizer


def blank_dutch() -> Language:
    """`spacy.blank("nl")` with this tokenizer: how our pipeline reads text."""
    nlp = spacy.blank("nl")
    nlp.tokenizer = dutch_tokenizer(nlp)
    return nlp
