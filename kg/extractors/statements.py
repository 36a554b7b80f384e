"""What extractors emit: RDF triples with their evidence, extractor id and confidence.

>>> from rdflib import URIRef, RDF
>>> from kg.nlp import Sentence
>>> s = Sentence(0, 0, 12, "Lin Wu said.")
>>> st = Statement(URIRef("urn:x"), RDF.type, URIRef("urn:T"), Evidence(s, 0, 6), "entities", "1.0")
>>> st.is_asserted
True
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from ..nlp import Sentence


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: a sentence and the span (document offsets) of its words."""
    sentence: Sentence
    start: int
    end: int

    def __post_init__(self) -> None:
        if not (self.sentence.start <= self.start < self.end <= self.sentence.end):
            raise ValueError(f"span {self.start}-{self.end} is not inside sentence "
                             f"{self.sentence.start}-{self.sentence.end}")


@dataclass(frozen=True)
class Statement:
    """An RDF triple an extractor asserts.

    With evidence, it is a fact and the graph records an assertion for it;
    without, it is a detail riding with a fact (a label, a title, a metric).
    """
    subject: URIRef
    predicate: URIRef
    object: Node
    evidence: Evidence | None
    extractor: str
    version: str
    confidence: float = 0.9

    @property
    def is_asserted(self) -> bool:
        return self.evidence is not None


class Extractor:
    """Base of the relation extractors: a name, a version and `extract(doc)`."""
    name = "extractor"
    version = "0.1"

    def extract(self, doc: "AnalyzedDocument") -> list[Statement]:  # noqa: F821
        raise NotImplementedError

    def fact(self, s: URIRef, p: URIRef, o: Node, ev: Evidence, confidence: float = 0.9) -> Statement:
        """A statement with evidence, attributed to this extractor."""
        return Statement(s, p, o, ev, self.name, self.version, confidence)

    def detail(self, s: URIRef, p: URIRef, o: Node) -> Statement:
        """A statement without evidence of its own (it rides with a fact)."""
        return Statement(s, p, o, None, self.name, self.version)
