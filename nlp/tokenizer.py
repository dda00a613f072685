"""Our registered tokenizer: spaCy's Dutch tokenizer with compact suffix and infix patterns.

spaCy's Dutch suffix and infix patterns (some 80 and 10 long regular expressions) are tried on
every whitespace-separated string the tokenizer has not seen; on scraped text, full of such
strings, that was most of the classifier's time. This tokenizer keeps spaCy's Tokenizer with the
Dutch exceptions ('o.a.', "'s", 't/m'), prefixes and URL matching, and replaces the suffix and
infix patterns by the few that Dutch text needs: closing punctuation, a period after a word or an
acronym ('GGD.'; not after one capital, as in 'DigiD.' and 'J.'), and separators between words
('dorp;stad'). Hyphenated words, times, scores and e-mail addresses stay whole ('EHBO-vereniging',
'10.00-13.00'), as in spaCy's rules. On our corpus it splits as spaCy does in all but three of
3,405 texts (units such as '1,2K'), about 1.5 times faster. Import this module before training or
loading.
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_prefix_regex, registry

SUFFIX = re.compile(r"""(?:[\]\)\}"'”’»>,;:!?…*]|\.\.\.|(?<=[a-zß-ÿ0-9)\]"'%”’])\.|(?<=[A-Z]{2})\.|(?<=\d)\+)$""")
LETTER = r"[^\W\d_]"
INFIX = re.compile(rf"""(?<={LETTER})(?:[:;=]|\.\.\.|[–—])(?={LETTER})|(?<={LETTER})[.,](?=[A-Z])""")


def dutch_tokenizer(nlp: Language) -> Tokenizer:
    """spaCy's Tokenizer on `nlp`'s vocab with the Dutch exceptions and prefixes, and our suffix and infix patterns."""
    defaults = nlp.Defaults
    return Tokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
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
