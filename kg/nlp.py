"""Sentences and word tokens with character offsets into the document text.

>>> [s.text for s in split_sentences("Lin Wu spoke. He left Taiyuan Iron and Steel Co., Ltd. in May.")]
['Lin Wu spoke.', 'He left Taiyuan Iron and Steel Co., Ltd. in May.']
>>> [t.text for t in tokenize("Shanxi's Co., Ltd. (TISCO)", 0)][:4]
["Shanxi's", 'Co.', ',', 'Ltd.']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "co", "ltd", "corp", "inc", "no", "mr", "mrs", "ms", "dr", "prof", "st", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "approx", "u.s",
    "e.g", "i.e", "gov", "dept", "est", "jr", "sr", "mt", "ft",
}
_BOUNDARY = re.compile(r"""(?<=[.!?…])(?P<close>["”’)\]]*)\s+(?=["“‘(\[]?[A-Z0-9"“])|\n[ \t]*\n+|(?<=[.!?])(?=[A-Z][a-z])""")
TOKEN_RE = re.compile(r"""[^\W_][\w'’\-]*(?:\.(?=[,\s)]|$))?|[^\s\w]|_""")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its index in the document, its offsets and its text."""
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark with its offsets in the document."""
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        """Starts with an upper-case letter or a digit (names like '12th', 'T3', '100')."""
        return self.text[:1].isupper() or self.text[:1].isdigit()


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text (paragraph breaks always end a sentence)."""
    sentences: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0).strip() == "" and "\n\n" not in m.group(0).replace(" ", "") and _after_abbreviation(text, m.start()):
            continue
        _add(sentences, text, start, m.end("close") if m.group("close") is not None else m.start())
        start = m.end()
    _add(sentences, text, start, len(text))
    return sentences


def _after_abbreviation(text: str, pos: int) -> bool:
    """Whether the full stop just before pos ends an abbreviation (Co., Ltd., Oct.)."""
    m = re.search(r"([A-Za-z.]+)\.[\"”’)\]]*$", text[max(0, pos - 12):pos])
    if not m:
        return False
    word = m.group(1).lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        s = start + lead
        sentences.append(Sentence(len(sentences), s, s + len(chunk), chunk))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word and punctuation tokens of a text; offsets are shifted by `offset`.

    A full stop stays on a word only when the word is an abbreviation ('Co.', 'Ltd.').
    """
    tokens = []
    for m in TOKEN_RE.finditer(text):
        word, start = m.group(0), m.start() + offset
        if word.endswith(".") and len(word) > 2 and word[:-1].lower() not in ABBREVIATIONS:
            tokens.append(Token(word[:-1], start, start + len(word) - 1))
            tokens.append(Token(".", start + len(word) - 1, start + len(word)))
        else:
            tokens.append(Token(word, start, start + len(word)))
    return tokens
