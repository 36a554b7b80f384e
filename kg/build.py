"""Building the graph: read every input first (so that bad input changes nothing), then
process each document and write its graph and inferred graph in one transaction.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .documents import Document, load_paths
from .iris import document_graph, inferred_graph
from .pipeline import process
from .store import GraphStore
from .validate import Violation
from .vocab import ONTOLOGY_GRAPH, ontology_graph

log = logging.getLogger("kg.build")


@dataclass
class BuildReport:
    """What a build did: documents written, triples, violations per document."""
    documents: list[str] = field(default_factory=list)
    triples: int = 0
    inferred: int = 0
    violations: dict[str, list[Violation]] = field(default_factory=dict)
    seconds: float = 0.0


def ensure_ontology(store: GraphStore) -> None:
    """Load (or refresh) the ontology into its own named graph."""
    store.replace_graphs({ONTOLOGY_GRAPH: ontology_graph()})


def build_documents(store: GraphStore, docs: list[Document],
                    progress: Callable[[Document], None] | None = None) -> BuildReport:
    """Process and write documents; each document is one transaction."""
    report = BuildReport()
    t0 = time.perf_counter()
    ensure_ontology(store)
    for doc in docs:
        out = process(doc)
        store.replace_graphs({document_graph(doc.id): out.graph, inferred_graph(doc.id): out.inferred})
        report.documents.append(doc.id)
        report.triples += len(out.graph)
        report.inferred += len(out.inferred)
        if not out.validation.conforms:
            report.violations[doc.id] = [v for v in out.validation.violations if v.severity == "Violation"]
        log.info("built %s: %d triples, %d inferred", doc.id, len(out.graph), len(out.inferred))
        if progress:
            progress(doc)
    store.flush()
    report.seconds = time.perf_counter() - t0
    return report


def build(paths: list[str | Path], store: GraphStore,
          progress: Callable[[Document], None] | None = None) -> BuildReport:
    """Read all inputs (raising InputError before any write), then build them."""
    docs = load_paths(paths)
    return build_documents(store, docs, progress)
