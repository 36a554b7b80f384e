"""Mentions found by phrase patterns rather than capitals: industrial chains, projects,
places written with a lower-case generic word ('Fanshi county', 'the village of Nongfa')
and units named with lower-case words ('the Datong high-speed train project unit').

>>> from kg.nlp import Sentence
>>> s = Sentence(0, 0, 60, "It leads the wind power and photovoltaic industry chains.")
>>> [m.text for m in find_chains(s)]
['wind power industry chain', 'photovoltaic industry chains']
"""
from __future__ import annotations

import re

from ..gazetteer import lexicon
from ..nlp import Sentence
from .names import Mention

CHAIN_STOP = {"the", "a", "an", "of", "in", "and", "or", "for", "to", "key", "major", "ten", "whole",
              "entire", "relevant", "local", "its", "their", "our", "this", "that", "these", "main",
              "important", "modern", "complete", "upstream", "downstream", "such", "as", "with",
              "on", "at", "by", "from", "into", "all", "each", "every", "other", "industrial",
              "industry", "chain", "chains", "new-type", "leading", "core", "provincial", "whose",
              "is", "are", "was", "were", "be", "has", "have", "will", "forms", "formed", "role",
              "units", "play", "give", "full", "build", "extend", "strengthen", "several"}
_CHAIN = re.compile(r"\b(industry|industrial)\s+chains?\b", re.I)
_CHAIN_OF = re.compile(r"\b(?:industry|industrial)\s+chains?\s+of\s+((?:[a-z][\w-]*\s?){1,5})", re.I)
_CHAIN_LIST = re.compile(r"\b(?:industry|industrial)\s+chains\s+(?:such as|including|like|of)\s+([^.;:]+)", re.I)
_PLACE_WORD = {"city": "PrefectureCity", "county": "County", "district": "County", "village": "TownOrVillage",
               "town": "TownOrVillage", "township": "TownOrVillage", "province": "Province",
               "prefecture": "PrefectureCity"}
_PLACE_AFTER = re.compile(r"\b([A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?(?: [A-Z][a-z]+)?) "
                          r"(city|county|district|village|town|township|province|prefecture)\b(?! of\b)")
_PLACE_OF = re.compile(r"\b(?:the|The) (?:[a-z]+ ){0,2}(city|county|district|village|town|township|province|prefecture)"
                       r" of ([A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?)\b")
_UNIT = re.compile(r"\b[Tt]he ((?:[A-Z][\w'-]+ )+(?:[a-z][\w-]+ ){0,6}(?:unit|branch|subsidiary|division))\b")
_PROJECT = re.compile(
    r"\b(?:[Tt]he|of)\s+((?:[A-Z][\w-]*['’]s\s+|[a-z]+['’]s\s+)?(?:[\w,.-]+\s+){1,8}?"
    r"(?:(?:project|programme)(?!s)\b|workshop\s+\(Phase\s+[IVX\d]+\)))"
    r"(?!\s+(?:unit|units|team|department|office|site|manager|management|area)\b)")
_PROJECT_STOP = {"the", "a", "an", "this", "that", "its", "their", "our", "of", "in", "for",
                 "to", "with", "on", "by", "is", "was", "will", "has", "have", "as", "key", "major",
                 "new", "innovative"}


def _mention(sentence: Sentence, start: int, end: int, cls: str) -> Mention:
    text = sentence.text[start:end]
    return Mention(sentence.start + start, sentence.start + end, text, cls, sentence.index)


def find_chains(sentence: Sentence) -> list[Mention]:
    """Industrial chains named in a sentence ('the photovoltaic industry chain',
    'industrial chains such as A, B and C', 'A and B industry chain')."""
    out: list[Mention] = []
    text = sentence.text
    for m in _CHAIN.finditer(text):
        # walk back over the modifier words just before 'industry chain'
        mods: list[re.Match] = []
        limit = m.start()
        for w in reversed(list(re.finditer(r"[\w-]+", text[:m.start()]))):
            word = w.group(0)
            if text[w.end():limit].strip() or word.lower() in CHAIN_STOP or not word[:1].islower() \
                    or len(mods) == 4:
                break
            mods.insert(0, w)
            limit = w.start()
        if mods:
            out.append(_mention(sentence, mods[0].start(), m.end(), "IndustrialChain"))
            # 'the A and B industry chain': A is a chain of its own
            before = text[:mods[0].start()]
            conj = re.search(r"\s+and\s+$", before)
            if conj:
                words = []
                for w in reversed(before[:conj.start()].split(" ")):
                    if not w or w.lower() in CHAIN_STOP or not w[:1].islower() or len(words) == 4:
                        break
                    words.insert(0, w)
                if words:
                    phrase = " ".join(words)
                    s = conj.start() - len(phrase)
                    out.append(Mention(sentence.start + s, sentence.start + conj.start(),
                                       phrase + " industry chain", "IndustrialChain", sentence.index))
    for m in _CHAIN_OF.finditer(text):
        words = m.group(1).strip().split()
        while words and words[-1].lower() in CHAIN_STOP:
            words.pop()
        if words and words[0].lower() not in CHAIN_STOP:
            end = m.start(1) + len(" ".join(words))
            out.append(_mention(sentence, m.start(), end, "IndustrialChain"))
    for m in _CHAIN_LIST.finditer(text):
        body = re.split(r"\s+(?:have|has|are|is|will|were|was|achieved)\b", m.group(1))[0]
        for item in re.finditer(r"[^,]+", body):
            for part in re.split(r"\s+and\s+|^\s*and\s+", item.group(0)):
                words = part.split()
                if not words or len(words) > 5 or not all(w[:1].islower() for w in words) \
                        or any(w.lower() in ("the", "a", "an") for w in words):
                    continue
                s = m.start(1) + item.start() + item.group(0).index(part) + (len(part) - len(part.lstrip()))
                out.append(_mention(sentence, s, s + len(" ".join(words)), "IndustrialChain"))
    return _dedupe(out)


def find_projects(sentence: Sentence) -> list[Mention]:
    """Named projects: a definite noun phrase ending in 'project' with specific modifiers
    ('the 10,000-ton casting upgrading project', "the airport's third-phase expansion project")."""
    out = []
    for m in _PROJECT.finditer(sentence.text):
        phrase = m.group(1)
        words = phrase.split()
        # keep the words after the last stop word
        keep = len(words)
        for i in range(len(words) - 2, -1, -1):
            if words[i].lower().strip(",") in _PROJECT_STOP or words[i].endswith(","):
                break
            keep = i
        if keep > 0 and words[keep - 1].lower() not in ("the", "of") and not words[keep - 1].endswith(("'s", "’s")):
            continue
        words = words[keep:]
        mods = words[:-1]
        if not mods or (len(mods) < 2 and not re.search(r"[-\d']|[A-Z]", mods[0])):
            continue
        start = m.start(1) + phrase.index(" ".join(words))
        out.append(_mention(sentence, start, m.end(1), "Project"))
    return out


def find_lowercase_places(sentence: Sentence) -> list[Mention]:
    """Places written with a lower-case generic word: 'Fanshi county', 'the city of Yuncheng'."""
    lex = lexicon()

    def cls(name: str, word: str) -> str:  # the gazetteer knows better than the generic word
        known = lex.place(name)
        return known[0].cls if known else _PLACE_WORD[word]
    out = []
    for m in _PLACE_AFTER.finditer(sentence.text):
        if m.group(1).lower() in ("the", "this", "that", "a", "each", "every", "one"):
            continue
        out.append(_mention(sentence, m.start(), m.end(), cls(m.group(1), m.group(2))))
    for m in _PLACE_OF.finditer(sentence.text):
        out.append(_mention(sentence, m.start(2), m.end(2), cls(m.group(2), m.group(1))))
    return out


def find_units(sentence: Sentence) -> list[Mention]:
    """Units named with lower-case words after a proper name ('the Datong flying train project unit')."""
    return [_mention(sentence, m.start(1), m.end(1), "Organization") for m in _UNIT.finditer(sentence.text)]


def _dedupe(ms: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in sorted(ms, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out
