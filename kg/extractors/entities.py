"""The entities extractor: each resolved entity's type and names, with the evidence of
its first full mention.
"""
from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SKOS

from ..resolve import AnalyzedDocument
from ..vocab import KG
from .statements import Evidence, Extractor, Statement


class EntityExtractor(Extractor):
    """Types every entity the document names (kg:Person, kg:Enterprise, kg:County...)."""
    name = "entities"
    version = "0.1"

    def extract(self, doc: AnalyzedDocument) -> list[Statement]:
        out: list[Statement] = []
        for e in doc.entities:
            if e.cls == "Unknown":
                continue
            first = next((m for m in e.mentions if not m.surname_only), e.mentions[0])
            sentence = doc.sentences[first.sentence]
            confidence = 0.9 if len(e.mentions) > 1 else 0.8
            out.append(self.fact(e.iri, RDF.type, KG[e.cls], Evidence(sentence, first.start, first.end), confidence))
            out.append(self.detail(e.iri, RDFS.label, Literal(e.name)))
            for alias in sorted(e.aliases):
                out.append(self.detail(e.iri, SKOS.altLabel, Literal(alias)))
            for short in sorted(e.short_names):
                out.append(self.detail(e.iri, KG.shortName, Literal(short)))
            if e.place_code:
                out.append(self.detail(e.iri, KG.placeCode, Literal(e.place_code)))
        return out
