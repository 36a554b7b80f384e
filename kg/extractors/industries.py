"""The industries extractor: which places (or bodies) foster which industries, and which
enterprises work in which industry, with industries resolved to the SKOS vocabulary in
ontology/industries.ttl by their labels ('photovoltaic', 'coal mining', 'big data').

Fostering: a place or organization that is the subject of a verb such as develop, foster,
boost, cultivate or upgrade, with the industries named after the verb. Working in: an
enterprise described as 'a computer manufacturer', 'engaged in logistics', 'a company in
the steel industry'.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from ..resolve import PLACE_CLASSES, AnalyzedDocument
from ..vocab import KG, industries_graph
from .statements import Evidence, Extractor, Statement

FOSTER = re.compile(r"\b(?:foster(?:s|ed|ing)?|develop(?:s|ed|ing)?|boost(?:s|ed|ing)?|cultivat(?:e|es|ed|ing)|"
                    r"promot(?:e|es|ed|ing)|accelerat(?:e|es|ed|ing)|support(?:s|ed|ing)?|strengthen(?:s|ed|ing)?|"
                    r"expand(?:s|ed|ing)?|nurtur(?:e|es|ed|ing)|upgrad(?:e|es|ed|ing)|transform(?:s|ed|ing)?|"
                    r"grow(?:s|ing)?|build(?:s|ing)?\s+up|focus(?:es|ed|ing)?\s+on|prioritiz(?:e|es|ed|ing))\b", re.I)
WORKS = re.compile(r"\b(?:manufacturer|maker|producer|supplier|developer|provider|operator|company|firm|enterprise|"
                   r"group|player|giant|leader|engaged in|specializ(?:es|ing) in|works? in|operat(?:es|ing) in)\b", re.I)


@lru_cache(maxsize=1)
def industry_labels() -> tuple[list[tuple[str, URIRef]], dict[URIRef, str]]:
    """(lower-case label, concept) pairs, longest first, and each concept's English prefLabel."""
    g = industries_graph()
    pairs, pref = [], {}
    for concept in g.subjects(RDF.type, KG.Industry):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for label in g.objects(concept, p):
                if getattr(label, "language", "en") in (None, "en"):
                    pairs.append((str(label).lower(), concept))
                    if p == SKOS.prefLabel:
                        pref[concept] = str(label)
    pairs.sort(key=lambda lc: (-len(lc[0]), lc[0]))
    return pairs, pref


def find_industries(text: str, described: bool = False) -> list[tuple[int, int, URIRef]]:
    """Industries named in a text: (start, end, concept), longest labels first, no overlaps.
    A one-word label counts only in an industry context, or when the text describes a firm
    (described=True: 'a semiconductor maker').

    >>> [str(c).rsplit("/", 1)[-1] for _, _, c in find_industries("It makes solar panels and big data tools.")]
    ['photovoltaic-and-solar-energy-industry', 'big-data-industry']
    """
    low = text.lower()
    pattern, concept_of = _label_pattern()
    taken: list[tuple[int, int, URIRef]] = []
    for m in pattern.finditer(low):  # at each place, the longest label that starts there
        label = m.group(0)
        if " " not in label and not described and not _industry_context(low, m.start(), m.end()):
            continue  # a lone word ('construction', 'finance') names an industry only in context
        taken.append((m.start(), m.end(), concept_of[label]))
    return taken


@lru_cache(maxsize=1)
def _label_pattern() -> tuple[re.Pattern[str], dict[str, URIRef]]:
    """One regular expression for every label (longest first) and the concept of each label."""
    pairs = industry_labels()[0]
    concept_of: dict[str, URIRef] = {}
    for label, concept in pairs:
        concept_of.setdefault(label, concept)
    alternation = "|".join(re.escape(label) for label, _ in pairs)
    return re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])"), concept_of


def _industry_context(low: str, start: int, end: int) -> bool:
    """Whether a one-word label stands as an industry: '... industry/sector' follows, or it is
    an item of 'industries such as A, B and C' / 'the A, B and C industries'."""
    if re.match(r"\s+(?:industry|industries|sector|sectors|economy)\b", low[end:]):
        return True
    before = low[max(0, start - 120):start]
    clause = re.split(r"[.;:]", before)[-1]
    if re.search(r"\b(?:industries|sectors)\s+(?:such as|like|including|of)\b", clause):
        return True
    return bool(re.match(r"(?:,\s*[\w -]+?)*,?\s+and\s+[\w -]+?\s+(?:industries|sectors)\b", low[end:end + 120]))


class IndustryExtractor(Extractor):
    name = "industries"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: list[Statement] = []
        seen: set[tuple[str, str, str]] = set()
        pref = industry_labels()[1]
        for sentence in doc.sentences:
            found = find_industries(sentence.text)
            ms = [(m, e) for m, e in doc.mentions_in(sentence) if e.kind in ("place", "org")]
            for verb in (FOSTER.finditer(sentence.text) if found else ()):
                subject = [e for m, e in ms if m.end <= sentence.start + verb.start()
                           and (e.cls in PLACE_CLASSES - {"Country"} or e.cls in ("GovernmentBody", "Enterprise"))]
                who = subject[-1] if subject else None
                if who is None and re.search(r"\b(?:the|this)\s+(?:city|county|province|district)\b",
                                             sentence.text[:verb.start()], re.I):
                    who = doc.last_entity(sentence.start + verb.start(), PLACE_CLASSES - {"Zone", "Country"})
                if who is None:
                    continue
                for s, e, concept in found:
                    if s > verb.start() and s - verb.end() < 200:
                        key = (str(who.iri), "fosters", str(concept))
                        if key not in seen:
                            seen.add(key)
                            ev = Evidence(sentence, sentence.start + verb.start(), sentence.start + e)
                            out += self._fact(who.iri, KG.fostersIndustry, concept, pref, ev)
            for m, ent in ms:
                if ent.cls != "Enterprise":
                    continue
                tail = sentence.text[m.end - sentence.start:m.end - sentence.start + 90]
                appositive = re.match(r"\s*,\s*(?:a|an|the|one of the)\s+([^,.;]{0,80})", tail) or \
                    re.match(r"\s+(?:is|was|has been)\s+(?:a|an|the|one of the)\s+([^,.;]{0,80})", tail)
                if not appositive or not WORKS.search(appositive.group(1)):
                    continue
                base = m.end + appositive.start(1)
                found_here = find_industries(appositive.group(1), described=True) or \
                    self._by_product(appositive.group(1))
                for s, e, concept in found_here:
                    key = (str(ent.iri), "in", str(concept))
                    if key not in seen:
                        seen.add(key)
                        ev = Evidence(sentence, m.start, base + e)
                        out += self._fact(ent.iri, KG.inIndustry, concept, pref, ev)
        return out

    @staticmethod
    def _by_product(phrase: str) -> list[tuple[int, int, URIRef]]:
        """'a computer manufacturer' -> the industry called 'computer manufacturing' (or
        'computer industry', 'computers'): the product words before the maker noun."""
        m = re.search(r"((?:[a-z][\w-]*\s+){1,3}?)(?:manufacturer|maker|producer|supplier)s?\b", phrase)
        if not m:
            return []
        product = m.group(1).strip()
        _, concept_of = _label_pattern()
        for label in (f"{product} manufacturing", f"{product} industry", f"{product}s", product):
            if label in concept_of:
                return [(m.start(1), m.end(), concept_of[label])]
        return []

    def _fact(self, s: URIRef, p: URIRef, concept: URIRef, pref: dict, ev: Evidence) -> list[Statement]:
        return [self.fact(s, p, concept, ev, 0.7), self.detail(concept, RDF.type, KG.Industry),
                self.detail(concept, SKOS.prefLabel, Literal(pref.get(concept, str(concept)), lang="en"))]
