"""SHACL validation of one document's graph (plus the ontology), with pySHACL.

Validation runs per document, never over the whole store, so its cost stays
linear in the size of the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pyshacl.constraints
import rdflib.plugin
from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor

from .infer import schema_triples
from .vocab import SHAPES_FILE


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


@lru_cache(maxsize=1)
def _schema_graph() -> Graph:
    """The ontology's axioms (class and property hierarchy) without labels and comments:
    all that sh:class needs from it, and a fifth of the triples to mix into each document."""
    g = Graph()
    for t in schema_triples():
        g.add(t)
    return g


# -- two costs of pySHACL that are paid per document and need not be ---------------------
@lru_cache(maxsize=128)
def _prepared(text: str, base: str | None, namespaces: tuple):
    return translateQuery(parseQuery(text), base, dict(namespaces) or None)


class PreparedQueryProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, keeping each parsed query by its text. pySHACL sends the
    same SPARQL constraint for every document, and parsing it took longer than running it;
    a parsed query is reusable (it is what rdflib's prepareQuery returns)."""

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


rdflib.plugin.register("sparql", Processor, "kg.validate", "PreparedQueryProcessor")


class _ConstraintParameters(list):
    """pySHACL's list of constraint parameters, answering `in` from a set: pySHACL tests each
    predicate of each shape against the list for every focus node, by term equality."""

    def __init__(self, items=()):
        super().__init__(items)
        self._members = set(self)

    def __contains__(self, item) -> bool:
        return item in self._members

    def copy(self) -> "_ConstraintParameters":
        return _ConstraintParameters(self)

    def append(self, item) -> None:
        super().append(item)
        self._members.add(item)


if not isinstance(pyshacl.constraints.ALL_CONSTRAINT_PARAMETERS, _ConstraintParameters):
    pyshacl.constraints.ALL_CONSTRAINT_PARAMETERS = _ConstraintParameters(pyshacl.constraints.ALL_CONSTRAINT_PARAMETERS)


_OPTIONS = dict(inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
_compiled: list[ShapesGraph] = []  # pySHACL's parsed shapes, made once per process


def validate_graph(data: Graph) -> ValidationReport:
    """Validate a document graph against the shapes, with the ontology for class hierarchy.

    The shapes are parsed once per process and reused (pySHACL's ShapesGraph keeps nothing
    about the data it validated).

    >>> validate_graph(Graph()).conforms
    True
    """
    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=shapes_graph(), ont_graph=_schema_graph(),
                          options=dict(_OPTIONS))
    if _compiled:
        validator.shacl_graph = _compiled[0]
    else:
        _compiled.append(validator.shacl_graph)
    conforms, results, _ = validator.run()
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
