"""Helpers for tests/test_shapes.py: load the shapes, the ontology and the
example graphs under tests/data/shapes/, validate, and summarize the results."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = ROOT / "ontology" / "kg.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
DATA_DIR = Path(__file__).resolve().parent / "data" / "shapes"
BASE_FILE = DATA_DIR / "base.ttl"

KG = Namespace("https://w3id.org/cnpolicy-kg/ontology#")
KGSH = Namespace("https://w3id.org/cnpolicy-kg/shapes#")
KGR = Namespace("https://w3id.org/cnpolicy-kg/id/")

#: Stands for "some blank node" in expected focus nodes.
ANY_BNODE = "_:"


@lru_cache(maxsize=None)
def _parsed(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    copy += graph
    return copy


def ontology() -> Graph:
    """A fresh copy of ontology/kg.ttl."""
    return _copy(_parsed(ONTOLOGY_FILE))


def shapes() -> Graph:
    """A fresh copy of ontology/shapes.ttl."""
    return _copy(_parsed(SHAPES_FILE))


def example(name: str, with_base: bool = True) -> Graph:
    """The example tests/data/shapes/{name}.ttl, read together with base.ttl
    unless with_base is false."""
    graph = Graph()
    if with_base:
        graph += _parsed(BASE_FILE)
    graph.parse(DATA_DIR / f"{name}.ttl", format="turtle")
    return graph


@dataclass(frozen=True)
class Result:
    severity: URIRef
    source_shape: Node
    focus_node: Node
    result_path: Node | None
    value: Node | None
    component: URIRef
    messages: tuple[str, ...]


def validate(data: Graph, ont_graph: Graph | None = None) -> tuple[bool, list[Result], str]:
    """Validate one document's graph the way the project does."""
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes(),
        ont_graph=ontology() if ont_graph is None else ont_graph,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    results = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        results.append(
            Result(
                severity=report.value(r, SH.resultSeverity),
                source_shape=report.value(r, SH.sourceShape),
                focus_node=report.value(r, SH.focusNode),
                result_path=report.value(r, SH.resultPath),
                value=report.value(r, SH.value),
                component=report.value(r, SH.sourceConstraintComponent),
                messages=tuple(sorted(str(m) for m in report.objects(r, SH.resultMessage))),
            )
        )
    return conforms, results, text


def violations(results: list[Result]) -> set[tuple[str, str]]:
    """(shape, focus node) of every sh:Violation, with kgsh: and the resource
    namespace stripped, and blank nodes written as ANY_BNODE."""
    return {
        (_short(r.source_shape, KGSH), _short(r.focus_node, KGR))
        for r in results
        if r.severity == SH.Violation
    }


def _short(node: Node, namespace: Namespace) -> str:
    if isinstance(node, BNode):
        return ANY_BNODE
    text = str(node)
    return text[len(namespace):] if text.startswith(str(namespace)) else text
