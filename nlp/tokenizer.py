"""Our registered tokenizer: words and single symbols by one regular expression.

spaCy's Dutch tokenizer applies prefix, suffix and infix rules and exceptions to every new
whitespace-separated string; on scraped text, full of strings it has not seen, that was most
of the classifier's time. The classifier, the place matcher and the themes only need words and
punctuation, so this tokenizer splits on one pattern: a word (letters and digits, with inner
hyphens, apostrophes or dots, as in 'Noord-Holland', 'zo'n', '1.000') or any other single
character. Whitespace other than one space after a token becomes a token of its own, so
`doc.text` is always the input text. Import this module before training or loading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

# a word or a single other character, with the one space after it; or a run of other whitespace
TOKEN = re.compile(r"(\w+(?:[-'’.]\w+)*|\S)( ?)|(\s+)")


class RegexTokenizer:
    """Text -> Doc by `TOKEN`; stateless, so it saves and loads nothing."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        parts = TOKEN.findall(text)
        return Doc(self.vocab, words=[word or gap for word, _, gap in parts], spaces=[space == " " for _, space, _ in parts])

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_disk(self, path, *, exclude=()) -> None:
        """Nothing to save: the pattern is in the code."""

    def from_disk(self, path, *, exclude=()) -> RegexTokenizer:
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude=()) -> RegexTokenizer:
        return self


@registry.tokenizers("pnet.RegexTokenizer.v1")
def create_regex_tokenizer():
    def make(nlp) -> RegexTokenizer:
        return RegexTokenizer(nlp.vocab)

    return make


def blank_dutch() -> Language:
    """`spacy.blank("nl")` with this tokenizer: how our pipeline reads text."""
    nlp = spacy.blank("nl")
    nlp.tokenizer = RegexTokenizer(nlp.vocab)
    return nlp
