"""The targets extractor: forward-looking goals with owner, metric, value, unit,
comparator and year. Past statistics are not targets: a clause counts only when its
sentence looks forward (will, is expected to, aims to, strive to, projected, targets
include, by 2030) and the clause itself is not in the past tense.
"""
from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import PROV, RDF, XSD

from ..iris import hashed_iri, sentence_iri
from ..resolve import PLACE_CLASSES, AnalyzedDocument, Entity
from ..vocab import KG
from .statements import Evidence, Extractor, Statement

FORWARD = re.compile(r"\b(will|shall|is expected to|are expected to|expects?|expected|aims? to|aim is|plans? to|"
                     r"strive[sd]? to|targets?|goals?|projected|projects|in order to|is set to|seeks? to|by 20\d\d)\b", re.I)
PAST = re.compile(r"\b(has|have|had)\s+(?:\w+ly\s+)?(?:\w+ed|built|made|become|grown|risen|seen|taken|won|set|"
                  r"done|given|brought|begun|run|led|kept|met|paid|sold|spent)\b|\b(reached|grew|rose|fell|was|were|totaled|stood)\b", re.I)
MULTIPLES = re.compile(r"\b(double|triple|quadruple)[sd]?\b", re.I)
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "twelve": 12, "twenty": 20, "fifty": 50, "hundred": 100}
TIME_UNITS = {"years", "months", "days", "weeks", "hours", "decades", "times", "minutes", "seconds"}
FILLER = {"and", "or", "including", "include", "such", "as", "the", "a", "an", "of", "to", "be", "will",
          "about", "around", "more", "than", "over", "at", "least", "cultivate", "reach", "with"}
COMPARATORS = [(r"about|around|approximately|roughly|some", KG.About),
               (r"more than|over|above|exceeding", KG.MoreThan),
               (r"at least|no less than|not less than", KG.AtLeast),
               (r"at most|no more than|up to|under|below", KG.AtMost)]
_QUANT = re.compile(
    r"(?:(?P<cmp>about|around|approximately|roughly|more than|over|above|at least|no less than|not less than|"
    r"at most|no more than|up to)\s+)?(?<![\w.-])(?P<num>\d[\d,]*(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS) + r")(?![\w-]|,\d)\s*[\"“”']?\s*(?P<unit>%|percent|percentage points|"
    r"(?:billion|million|trillion|thousand)?\s*(?:yuan|dollars|kilowatt-hours|tons|square meters|square kilometers|"
    r"hectares|kilometers)|(?:[\w-]+\s+){0,4}?[a-z][\w-]*s)\b[\"”']?", re.I)
_LIST_GOALS = re.compile(r"\b(?:targets?|goals?|tasks?|aims?)\b[^.;]*?\binclude\s+(?:becoming\s+|building\s+)?(.+)$", re.I)
_BUILD_INTO = re.compile(r"\b(?:aim|goal|target) is to (build|make|turn) ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*) into ([^\"”]+?)[.,\"”]*(?:[\"”].*)?$")
_STRIVE = re.compile(r"\b(?:strive|aim|plan|seek)s?\s+to\s+(?:create|build|become|make)\s+(.+?)[.\"”]*$", re.I)
_BY_WHEN = re.compile(r"\bby (?:the end of )?(?:this year|next year|20\d\d),\s+((?:[\w'’-]+\s+){1,8}?(?:will|shall)\s+[^,;]+)",
                      re.I)
SUBJECT_CUE = re.compile(r"\b(will|shall|is expected to|are expected to|expects?|aims? to|aim is|plans? to|strive[sd]? to|"
                         r"targets?|goals?|projected|is set to|seeks? to)\b", re.I)
# clauses: cut at ', ' and ';' and at 'and' that starts a new clause with its own subject
_CLAUSE = re.compile(r"(?:[^,;]|,(?=\S))+?(?=,\s|;|\s+and\s+(?:the|its|it|this|[A-Z])\b|$)")
_EXPECTED = re.compile(r"\b(?:is|are) expected to\s+(.+?)[.\"”]*$", re.I)


ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16}
_PLAN = re.compile(r"\b(?:during|in|within|by the end of|over|under)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\s+Five-Year\s+Plan"
                   r"|\b(?:during|in|within|by the end of|over|under)\s+the\s+(" + "|".join(ORDINALS) + r")\s+Five-Year\s+Plan",
                   re.I)


def _plan_period(text: str) -> tuple[str, int] | None:
    """The Five-Year Plan a goal belongs to and its last year ('during the 14th Five-Year Plan'
    -> 2025): from the third plan (1966-70) on, the nth plan runs from 1966 + 5(n - 3).

    >>> _plan_period("Output will double during the 14th Five-Year Plan period.")
    ('14th Five-Year Plan', 2025)
    """
    m = _PLAN.search(text)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1) else ORDINALS[m.group(2).lower()]
    if n < 3:
        return None
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} Five-Year Plan", 1966 + 5 * (n - 3) + 4


def _year(text: str, doc_year: int | None, anchor: int | None) -> int | None:
    """The year a goal is due: 'by 2030' / 'looking to 2025', else 'this year' / 'next year'
    (from the document's date, or the year the text last looked to), else 'in 2025'."""
    m = re.search(r"\b(?:by|looking to|before|until|through|for)\s+(?:the end of\s+)?(20\d\d)\b", text, re.I)
    if m:
        return int(m.group(1))
    if re.search(r"\bthis year\b", text, re.I):
        return doc_year or anchor
    if re.search(r"\bnext year\b", text, re.I) and (doc_year or anchor):
        return (doc_year or anchor) + 1
    m = re.search(r"\bin\s+(20\d\d)\b", text, re.I)
    return int(m.group(1)) if m else None


def quantities(c: str, doc_year, anchor, year_all):
    """(clause, 0, len, value, unit, comparator, year) for each target quantity in a clause
    ('double the output' is 2 times)."""
    found = []
    mult = MULTIPLES.search(c)
    if mult and not _QUANT.search(c):
        value = Decimal({"double": 2, "triple": 3, "quadruple": 4}[mult.group(1).lower()])
        found.append((c, 0, len(c), value, "times", KG.Exactly, _year(c, doc_year, anchor) or year_all))
    for q in _QUANT.finditer(c):
        before = c[:q.start()]
        if re.search(r"\bthe\s+$", before) or re.fullmatch(r"(19|20)\d\d", q.group("num")):
            continue
        unit_word = q.group("unit").strip().lower()
        if unit_word.split()[-1] in TIME_UNITS:
            continue  # 'over the next five years' is a span of time, not a quantity
        rest = (c[:q.start()] + " " + c[q.end():]).lower()
        if len([w for w in re.findall(r"[a-z][\w-]+", rest) if w not in FILLER]) < 2:
            continue  # a bare amount in a list ('including 100 million yuan')
        num = q.group("num").lower()
        value = Decimal(NUMBER_WORDS[num]) if num in NUMBER_WORDS else Decimal(num.replace(",", ""))
        unit = re.sub(r"\s+", " ", q.group("unit")).strip()
        unit = "percent" if unit in ("%", "percent") else unit
        cmp = next((c_ for pat, c_ in COMPARATORS if q.group("cmp") and re.fullmatch(pat, q.group("cmp"), re.I)),
                   KG.Exactly)
        found.append((c, 0, len(c), value, unit, cmp, _year(c, doc_year, anchor) or year_all))
    return found


class TargetExtractor(Extractor):
    name = "targets"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: list[Statement] = []
        anchor: int | None = None
        for sentence in doc.sentences:
            text = sentence.text
            year_here = re.search(r"\b(?:looking to|by)\s+(20\d\d)\b", text, re.I)
            if year_here:
                anchor = int(year_here.group(1))
            if not FORWARD.search(text):
                continue
            owner = self._owner(doc, sentence)
            if owner is None:
                continue
            period = _plan_period(text)
            year_all = _year(text, doc.doc.year, anchor) or (period[1] if period else None)
            for metric, start, end, value, unit, cmp, year, *named in self._goals(text, doc.doc.year, anchor, year_all):
                ev = Evidence(sentence, sentence.start + start, sentence.start + end)
                who = next((e for m, e in doc.mentions_in(sentence) if named and m.text == named[0]), owner)
                out += self._target(doc, who, metric.strip(" ,;:.\"“”"), value, unit, cmp, year, ev,
                                    period[0] if period and year == period[1] else None)
        return out

    def _goals(self, text: str, doc_year, anchor, year_all):
        """(metric, start, end, value, unit, comparator, year) for each goal of a sentence."""
        found = []
        lst = _LIST_GOALS.search(text)
        if lst:
            for item in re.finditer(r"[^;]+", lst.group(1)):
                s = lst.start(1) + item.start()
                words = re.sub(r"^\s*(?:and\s+)?(?:becoming\s+)?", "", item.group(0))
                q = quantities(words, doc_year, anchor, year_all)
                found += [(words, s, lst.start(1) + item.end(), *x[3:]) for x in q[:1]] or \
                    [(words, s, lst.start(1) + item.end(), None, None, None, year_all)]
            return found
        into = _BUILD_INTO.search(text)
        if into:
            return [(f"{into.group(1)} {into.group(2)} into {into.group(3)}", into.start(1), into.end(3), None, None, None, year_all,
                     into.group(2))]
        exp = _EXPECTED.search(text)
        if exp and not _QUANT.search(exp.group(1)):
            for part in re.finditer(r"(.+?)(?:\s+by\s+(20\d\d))?(?:\s+and\s+|$)", exp.group(1)):
                if part.group(1).strip():
                    y = int(part.group(2)) if part.group(2) else year_all
                    found.append((part.group(1), exp.start(1) + part.start(), exp.start(1) + part.end(), None, None, None, y))
            return found
        for clause in _CLAUSE.finditer(text):
            c = clause.group(0)
            if PAST.search(c) and not re.search(r"\bwill\b|\bexpected\b", c):
                continue
            found += [(m, clause.start() + s, clause.start() + e, *rest)
                      for m, s, e, *rest in quantities(c, doc_year, anchor, year_all)]
        if not found:
            when = _BY_WHEN.search(text)
            if when:
                found.append((when.group(1), when.start(1), when.end(1), None, None, None, year_all))
        if not found:
            st = _STRIVE.search(text)
            if st:
                found.append((st.group(1), st.start(1), st.end(1), None, None, None, year_all))
        return found

    @staticmethod
    def _owner(doc: AnalyzedDocument, sentence) -> Entity | None:
        """Who sets the goal: a place or organization named as the sentence's subject or in
        "X's targets" / 'the X government'; else the place the document is about."""
        ms = [(m, e) for m, e in doc.mentions_in(sentence) if e.kind in ("place", "org")]
        cue = SUBJECT_CUE.search(sentence.text) or FORWARD.search(sentence.text)
        cut = sentence.start + (cue.start() if cue else 0)
        before = [(m, e) for m, e in ms if m.end <= cut]
        for m, e in before:
            if e.cls in PLACE_CLASSES - {"Country"} or e.cls in ("Enterprise", "GovernmentBody"):
                return e
        orgs = [e for m, e in ms if e.cls == "Enterprise"]
        if orgs:
            return orgs[0]
        return doc.main_place()

    def _target(self, doc: AnalyzedDocument, owner: Entity, metric: str, value, unit, cmp, year,
                ev: Evidence, period: str | None = None) -> list[Statement]:
        t = hashed_iri("target", doc.doc.id, owner.iri, metric.lower(), year, value, unit)
        out = [self.fact(t, KG.targetOwner, owner.iri, ev, 0.7),
               self.detail(t, RDF.type, KG.Target), self.detail(t, KG.metric, Literal(metric)),
               self.detail(t, PROV.wasDerivedFrom, sentence_iri(doc.doc.id, ev.sentence.index))]
        if value is not None:
            out.append(self.detail(t, KG.targetValue, Literal(value, datatype=XSD.decimal)))
            if unit:
                out.append(self.detail(t, KG.unit, Literal(unit)))
            out.append(self.detail(t, KG.comparator, cmp or KG.Exactly))
        if year:
            out.append(self.detail(t, KG.targetYear, Literal(str(year), datatype=XSD.gYear)))
        if period:
            out.append(self.detail(t, KG.period, Literal(period)))
        if doc.doc.date:
            out.append(self.detail(t, KG.asOf, Literal(doc.doc.date, datatype=XSD.date)))
        return out
