"""Named mentions in a sentence: people, organizations and places, found by their form.

A run of capitalized words (with 'of', 'and', '&' and '(Group)' inside) is cut at
title words and connectors, then typed by its last word (Group, Co., Ltd. ->
enterprise; Park, Zone -> zone; County -> county), by the gazetteer (Taiyuan ->
prefecture-level city) or as a pinyin personal name (surname + given name).

>>> from kg.nlp import Sentence
>>> [(m.text, m.cls) for m in find_names(Sentence(0, 0, 48, "Li Ming, manager of Example Steel Group, spoke."))]
[('Li Ming', 'Person'), ('Example Steel Group', 'Enterprise')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..gazetteer import Lexicon, lexicon
from ..nlp import Sentence, Token, tokenize

STOP_CAPS = {
    "the", "a", "an", "in", "at", "on", "by", "for", "from", "to", "with", "as", "after", "since",
    "according", "among", "under", "over", "during", "this", "that", "these", "those", "it", "its",
    "his", "her", "their", "our", "we", "he", "she", "they", "i", "you", "there", "here", "when",
    "while", "although", "but", "and", "or", "if", "so", "also", "both", "each", "every", "many",
    "some", "other", "another", "all", "more", "most", "such", "left", "right", "photo", "what",
    "which", "who", "where", "why", "how", "now", "then", "today", "yesterday", "last", "next",
    "over", "through", "between", "about", "against", "thanks", "because", "however", "meanwhile",
    "looking", "relying", "talking", "standing", "walking", "having", "building", "as", "not", "no",
    "yes", "by", "said", "says", "mr", "ms", "mrs", "dr", "one", "two", "three", "first", "second",
    "key", "new", "major", "several", "local", "national", "state-level", "provincial", "only",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "spring", "summer", "autumn", "winter", "later", "earlier", "still", "recently",
    "currently", "previously", "moreover", "furthermore", "besides", "instead", "finally", "again", "yet",
    "even", "just", "once", "soon", "together", "overall", "altogether", "nationwide", "elsewhere",
    # participles that open a sentence of policy news ("Taking X as the core, ...", "Guided by ...")
    "taking", "focusing", "leveraging", "centering", "guided", "driven", "backed", "supported", "aiming",
    "seizing", "promoting", "accelerating", "upholding", "adhering", "following", "drawing", "making",
}
# Words that never name anything on their own, even capitalized inside a name.
GENERIC = {
    "party", "working", "management", "standing", "committee", "provincial", "municipal",
    "people's", "government", "department", "bureau", "office", "city", "county", "district",
    "province", "village", "town", "township", "state", "national", "central", "the", "of", "and",
    "administration", "commission", "general", "ministry", "council", "work", "report", "plan",
    "economic", "technological", "development", "zone", "park", "high-tech", "hi-tech", "industrial",
    "new", "area", "demonstration", "pilot", "free", "trade", "comprehensive", "bonded", "special",
}
HEAD_OF = {"ministry", "department", "bureau", "commission", "administration", "office", "committee",
           "congress", "academy", "university", "institute", "bank", "association", "federation",
           "chamber", "council", "party", "court", "school", "college", "conference", "league"}
PARTY_NAMES = re.compile(r"^(the )?(Communist Party of China|Communist Party|CPC|CCP)$")
ORG_CLASSES = {"Enterprise", "GovernmentBody", "PartyCommittee", "Congress", "Organization"}


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: offsets in the document, its text and its class."""
    start: int
    end: int
    text: str
    cls: str
    sentence: int
    surname_only: bool = False

    @property
    def is_org(self) -> bool:
        return self.cls in ORG_CLASSES


def find_names(sentence: Sentence, lex: Lexicon | None = None) -> list[Mention]:
    """People, organizations and places named in a sentence, in order."""
    lex = lex or lexicon()
    tokens = tokenize(sentence.text, sentence.start)
    found: list[Mention] = []
    for run in _runs(tokens, lex):
        found.extend(_classify_run(run, sentence, lex))
    for t in tokens:  # 'Taiyuan-based': the place before '-based'
        if t.lower.endswith("-based") and t.text[:1].isupper():
            name = t.text[:-len("-based")]
            places = lex.place(name)
            found.append(Mention(t.start, t.start + len(name), name,
                                 places[0].cls if places else "Place", sentence.index))
    return sorted(found, key=lambda m: m.start)


def _is_name_word(t: Token) -> bool:
    return t.is_cap and t.text[:1].isalnum() and not t.lower.endswith("-based")


def is_generic(text: str) -> bool:
    """Whether a capitalized phrase names nothing in particular ('Party', 'Economic and
    Technological Development Zone'): all its words are generic (a 'Ministry of X' is not)."""
    words = [w.lower().rstrip(".") for w in re.findall(r"[\w'’.-]+", text)
             if w.lower() not in ("of", "and", "&", "the")]
    return all(w in GENERIC or w.isdigit() or re.fullmatch(r"\d+(st|nd|rd|th)", w) for w in words) \
        and not re.match(r"(Ministry|Department|Bureau) of ", text)


def _possessive(t: Token) -> bool:
    """A possessive ends a name ("Xinzhou's Xinfu district"), except inside 'People's Congress'."""
    return t.text.endswith(("'s", "’s")) and t.lower not in ("people's", "people’s", "workers'", "women's")


def _runs(tokens: list[Token], lex: Lexicon) -> list[list[Token]]:
    """Runs of capitalized words, joined by of/and/&/(Group) and cut at title words."""
    runs: list[list[Token]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not _is_name_word(tokens[i]) or tokens[i].lower in lex.title_heads:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < n:
            t = tokens[j]
            if t.lower == "party" and j + 1 < n and tokens[j + 1].lower in lex.title_heads:
                break  # 'Wuhan Party Secretary Li Ming': 'Party Secretary' is a title
            if _is_name_word(t) and t.lower not in lex.title_heads and run[-1].text not in ("Ltd.", "Inc.") \
                    and not _possessive(run[-1]):
                run.append(t)
                j += 1
                continue
            # connectors: of (the), and, &, (Group), a comma inside "Co., Ltd."
            k = j
            if t.lower == "of" and k + 1 < n and tokens[k + 1].lower == "the":
                k += 1
            if t.lower in ("of", "and", "&") and k + 1 < n and _is_name_word(tokens[k + 1]) \
                    and tokens[k + 1].lower not in lex.title_heads:
                run.extend(tokens[j:k + 1])
                j = k + 1
                continue
            if t.text == "(" and j + 2 < n and tokens[j + 2].text == ")" and tokens[j + 1].text == "Group":
                run.extend(tokens[j:j + 3])
                j += 3
                continue
            if t.text == "," and j + 1 < n and tokens[j + 1].text in ("Ltd.", "Ltd", "Inc.", "Inc") \
                    and run[-1].text in ("Co.", "Co", "Corp.", "Corp"):
                run.extend(tokens[j:j + 2])
                j += 2
                continue
            break
        while run and run[0].lower.rstrip(".") in STOP_CAPS and not _is_person(run[:2], lex):
            run = run[1:]
        while run and run[-1].lower in ("of", "and", "&", "the"):
            run = run[:-1]
        if run:
            runs.append(run)
        i = j
    return runs


def _text(run: list[Token], sentence: Sentence) -> str:
    return sentence.text[run[0].start - sentence.start:run[-1].end - sentence.start]


def _head_class(run: list[Token], lex: Lexicon, use_of: bool = True) -> str | None:
    last = run[-1].text[:-2] if run[-1].text.endswith(("'s", "’s")) else run[-1].text
    if len(run) == 1:  # a lone head word ('Group', 'Park') names nothing
        return None
    if run[0].lower in HEAD_OF and run[1].lower == "of":  # 'Ministry of Science and Technology'
        return lex.org_head(run[0].text)
    two = f"{run[-2].text} {last}"  # two-word heads ('Service Base') win over one-word ones
    cls = lex.org_head(two) or lex.place_head(two) or lex.org_head(last) or lex.place_head(last)
    if cls is None and use_of and any(t.lower == "of" for t in run[2:]):
        # 'Shanxi Provincial Committee of the Communist Party of China': the head is before 'of'
        first_of = next(i for i, t in enumerate(run) if t.lower == "of" and i >= 1)
        return _head_class(run[:first_of], lex)
    return cls


def _is_person(run: list[Token], lex: Lexicon) -> bool:
    if len(run) != 2:
        return False
    sur, given = run[0].text, run[1].text.removesuffix("'s").removesuffix("’s")
    if not (sur[:1].isupper() and given[:1].isupper()):
        return False
    return lex.is_surname(sur) and lex.is_pinyin_given_name(given) and f"{sur} {given}".lower() not in lex.not_names


def _is_entity(run: list[Token], lex: Lexicon) -> bool:
    words = " ".join(t.text for t in run)
    return bool(_head_class(run, lex, use_of=False) or _is_person(run, lex) or lex.place(words)
                or (len(run) == 1 and run[0].text.isupper() and len(run[0].text) > 1))


def _split(run: list[Token], lex: Lexicon) -> list[list[Token]]:
    """Cut a run at 'and' / '&' / 'of' where both sides name something of their own."""
    if len(run) > 2 and run[0].lower in HEAD_OF and run[1].lower == "of":
        return [run]  # 'Ministry of Industry and Information Technology' is one name
    if len(run) > 1 and all(t.text.isupper() or not t.text[:1].isalpha() for t in run):
        # an all-capitals run (a byline or caption): only the people in it
        return [run[i:i + 2] for i in range(0, len(run) - 1)
                if _is_person([Token(t.text.title(), t.start, t.end) for t in run[i:i + 2]], lex)]
    if len(run) > 2 and _is_person(run[:2], lex) and run[2].lower not in ("and", "&", "of"):
        return [run[:2]] + _split(run[2:], lex)  # 'Li Ming Wang Fang Example Daily'
    if len(run) > 2 and _is_person(run[-2:], lex) and run[-3].lower not in ("and", "&", "of") \
            and _is_entity(run[:-2], lex):
        return _split(run[:-2], lex) + [run[-2:]]  # 'Example Steel Co., Ltd. Li Ming said'
    for idx, t in enumerate(run):
        if t.lower in ("and", "&"):
            left, right = run[:idx], run[idx + 1:]
            if _is_entity(left, lex) and (_is_entity(right, lex) or _is_entity(_split(right, lex)[0], lex)):
                return _split(left, lex) + _split(right, lex)
    for idx, t in enumerate(run):
        if t.lower == "of":
            left = run[:idx]
            right = run[idx + 1:]
            if right and right[0].lower == "the":
                right = right[1:]
            if not left or not right:
                continue
            right_text = " ".join(x.text for x in right)
            left_last = left[-1].lower
            right_head = _head_class(right, lex)
            join = (len(left) == 1 and left_last in HEAD_OF) or PARTY_NAMES.match(right_text) \
                or (left_last in HEAD_OF and not right_head) or not _head_class(left, lex)
            if not join:
                return _split(left, lex) + _split(right, lex)
            if not _head_class(left, lex) and left_last not in HEAD_OF and not lex.place(" ".join(x.text for x in left)):
                # 'Development of Vinegar Industry' names no organization; keep the people and places
                if _is_person(left, lex):  # 'Mayor Li Ming of Zhengzhou'
                    return [left] + (_split(right, lex) if _is_entity(right, lex) else [])
                return [right] if lex.place(right_text) or _is_person(right, lex) else []
    return [run]


def _classify_run(run: list[Token], sentence: Sentence, lex: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    for part in _split(run, lex):
        text = _text(part, sentence)
        if text.endswith(("'s", "’s")):
            part_end = part[-1].end - 2
            text = text[:-2]
        else:
            part_end = part[-1].end
        if is_generic(text):
            continue
        cls = _head_class(part, lex)
        if cls is None:
            places = lex.place(text)
            if places:
                cls = places[0].cls
        if cls is None and _is_person(part, lex):
            cls = "Person"
        if cls is None and len(part) == 2 and all(t.text.isupper() for t in part):
            titled = [Token(t.text.title(), t.start, t.end) for t in part]
            if _is_person(titled, lex):
                cls = "Person"
        out.append(Mention(part[0].start, part_end, text, cls or "Unknown", sentence.index))
    return out
