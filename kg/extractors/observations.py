"""The observations extractor: reported past figures ('Yuncheng's GDP reached 164.36 billion
yuan in 2020, up 5.2 percent'), kept apart from targets so that a query can set a target
beside the latest figure for the same owner. A clause counts when it is in the past tense
(or names a past year) and has no forward-looking word.
"""
from __future__ import annotations

import re

from rdflib import Literal
from rdflib.namespace import PROV, RDF, XSD

from ..iris import hashed_iri, sentence_iri
from ..resolve import PLACE_CLASSES, AnalyzedDocument, Entity
from ..vocab import KG
from .statements import Evidence, Extractor, Statement
from .targets import _CLAUSE, FORWARD, quantities

REPORTED = re.compile(r"\b(?:reached|grew|rose|fell|dropped|declined|increased|decreased|stood at|totaled|totalled|"
                      r"amounted to|hit|topped|exceeded|was|were|has built|had|recorded|registered|achieved|"
                      r"up|down)\b", re.I)


def _past_year(text: str, doc_year: int | None) -> int | None:
    m = re.search(r"\b(?:in|by the end of|during|as of)\s+(?:the\s+\w+\s+\w+\s+of\s+)?((?:19|20)\d\d)\b", text, re.I)
    if m:
        return int(m.group(1))
    if doc_year and re.search(r"\blast year\b", text, re.I):
        return doc_year - 1
    if doc_year and re.search(r"\bthis year\b", text, re.I):
        return doc_year
    return None


class ObservationExtractor(Extractor):
    name = "observations"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: list[Statement] = []
        for sentence in doc.sentences:
            for clause in _CLAUSE.finditer(sentence.text):
                c = clause.group(0)
                if FORWARD.search(c) or not REPORTED.search(c):
                    continue
                year = _past_year(c, doc.doc.year) or _past_year(sentence.text, doc.doc.year)
                if year is None or (doc.doc.year and year > doc.doc.year):
                    continue
                owner = self._owner(doc, sentence, sentence.start + clause.start(), sentence.start + clause.end())
                if owner is None:
                    continue
                for metric, _, _, value, unit, cmp, _ in quantities(c, None, None, None):
                    ev = Evidence(sentence, sentence.start + clause.start(), sentence.start + clause.end())
                    out += self._observation(doc, owner, metric.strip(" ,;:.\"“”"), value, unit, cmp, year, ev)
        return out

    @staticmethod
    def _owner(doc: AnalyzedDocument, sentence, start: int, end: int) -> Entity | None:
        """The place or organization named in the clause, else the last one before it, else
        the place the document is about."""
        ms = [(m, e) for m, e in doc.mentions_in(sentence)
              if e.kind == "org" or e.cls in PLACE_CLASSES - {"Country", "Zone"}]
        inside = [e for m, e in ms if start <= m.start < end]
        before = [e for m, e in ms if m.start < start]
        return (inside or before[::-1] or [doc.main_place()])[0]

    def _observation(self, doc, owner: Entity, metric: str, value, unit, cmp, year, ev: Evidence) -> list[Statement]:
        o = hashed_iri("observation", doc.doc.id, owner.iri, metric.lower(), year, value, unit)
        out = [self.fact(o, KG.observedFor, owner.iri, ev, 0.7),
               self.detail(o, RDF.type, KG.Observation), self.detail(o, KG.metric, Literal(metric)),
               self.detail(o, KG.observedValue, Literal(value, datatype=XSD.decimal)),
               self.detail(o, KG.observationYear, Literal(str(year), datatype=XSD.gYear)),
               self.detail(o, PROV.wasDerivedFrom, sentence_iri(doc.doc.id, ev.sentence.index))]
        if unit:
            out.append(self.detail(o, KG.unit, Literal(unit)))
        if cmp is not None and cmp != KG.Exactly:
            out.append(self.detail(o, KG.comparator, cmp))
        if doc.doc.date:
            out.append(self.detail(o, KG.asOf, Literal(doc.doc.date, datatype=XSD.date)))
        return out
