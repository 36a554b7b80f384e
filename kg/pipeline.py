"""From a document to its graphs: NLP and entity resolution, the relation extractors,
provenance, validation and inference. Nothing here writes to the store.

>>> from kg.documents import parse_text
>>> out = process(parse_text("d1", "Li Ming, manager of Example Steel Group, said so."))
>>> out.validation.conforms
True
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .documents import Document
from .extractors.chains import ChainExtractor
from .extractors.entities import EntityExtractor
from .extractors.industries import IndustryExtractor
from .extractors.locations import LocationExtractor
from .extractors.partof import PartOfExtractor
from .extractors.observations import ObservationExtractor
from .extractors.posts import PostExtractor
from .extractors.projects import ProjectExtractor
from .extractors.statements import Extractor, Statement
from .extractors.targets import TargetExtractor
from rdflib import Literal

from .budget import Budget, time_limit
from .infer import infer_graph
from .iris import document_iri
from .vocab import KG
from .provenance import document_graph_for
from .resolve import analyze
from .validate import ValidationReport, validate_graph

EXTRACTORS: tuple[Extractor, ...] = (EntityExtractor(), PostExtractor(), ChainExtractor(),
                                     LocationExtractor(), PartOfExtractor(), TargetExtractor(), ProjectExtractor(),
                                     ObservationExtractor(), IndustryExtractor())


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of everything that decides a document's graph: the extraction code, its data
    files and the ontology, vocabulary and shapes. Same digest, same graph for the same text."""
    package = Path(__file__).resolve().parent
    files = sorted([*package.glob("*.py"), *package.glob("extractors/*.py"), *package.glob("data/*"),
                    *package.parent.glob("ontology/*.ttl")])
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


@dataclass
class ProcessedDocument:
    """A document's graph, what inference adds to it, and its validation report."""
    doc: Document
    graph: Graph
    inferred: Graph
    validation: ValidationReport
    statements: list[Statement]


def extract(doc: Document) -> tuple[list[Statement], Graph]:
    """Run every extractor over a document; its statements and its graph."""
    analyzed = analyze(doc)
    statements: list[Statement] = []
    for extractor in EXTRACTORS:
        statements.extend(extractor.extract(analyzed))
    graph = document_graph_for(doc, statements, analyzed.sentences)
    graph.add((document_iri(doc.id), KG.builtWith, Literal(fingerprint())))
    return statements, graph


def process(doc: Document, validate: bool = True, infer: bool = True, budget: Budget | None = None) -> ProcessedDocument:
    """Extract, validate and infer one document, each step within the budget's limits
    (BudgetExceeded names the step that went over)."""
    budget = budget or Budget()
    with time_limit(budget.step_seconds, "extraction"):
        statements, graph = extract(doc)
    with time_limit(budget.step_seconds, "validation"):
        report = validate_graph(graph) if validate else ValidationReport(True)
    with time_limit(budget.step_seconds, "inference"):
        inferred = infer_graph(graph, max_triples=budget.inferred_triples) if infer else Graph()
    return ProcessedDocument(doc, graph, inferred, report, statements)
