"""SHACL validation of one document's graph (plus the ontology), with pySHACL.

Validation runs per document, never over the whole store, so its cost stays
linear in the size of the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from .vocab import SHAPES_FILE, ontology_graph


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the shape and the message."""
    focus: str
    path: str
    message: str
    severity: str
    shape: str


@dataclass
class ValidationReport:
    """The outcome of validating one graph."""
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (ontology/shapes.ttl), parsed once."""
    g = Graph()
    g.parse(SHAPES_FILE, format="turtle")
    return g


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a document graph against the shapes, with the ontology for class hierarchy.

    >>> validate_graph(Graph()).conforms
    True
    """
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
        advanced=True, allow_warnings=True, abort_on_first=False)
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        def one(p: URIRef) -> str:
            v = results.value(r, p)
            return "" if v is None else str(v)
        severity = one(SH.resultSeverity).rsplit("#", 1)[-1]
        violations.append(Violation(one(SH.focusNode), one(SH.resultPath), one(SH.resultMessage),
                                    severity, one(SH.sourceShape)))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    real = [v for v in violations if v.severity == "Violation"]
    return ValidationReport(conforms=bool(conforms) or not real, violations=violations)
