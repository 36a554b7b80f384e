"""Building the graph: read every input first (so that bad input changes nothing), then
process each document and write its graph and inferred graph in one transaction.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import hashlib
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import OWL

from .documents import Document, load_paths
from .gazetteer import PLACES_FILE, gazetteer_graph
from .iris import document_graph, inferred_graph
from .errors import StoreError
from .pipeline import fingerprint, process
from .store import GraphStore
from .validate import Violation
from .vocab import (GAZETTEER_GRAPH, INDUSTRIES_FILE, INDUSTRIES_GRAPH, ONTOLOGY_FILE, ONTOLOGY_GRAPH,
                    industries_graph, ontology_graph)

log = logging.getLogger("kg.build")


@dataclass
class BuildReport:
    """What a build did: documents written, triples, violations per document."""
    documents: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    triples: int = 0
    inferred: int = 0
    violations: dict[str, list[Violation]] = field(default_factory=dict)
    seconds: float = 0.0


REFERENCE_GRAPHS: dict = {  # graph -> (its source files, how to make it)
    ONTOLOGY_GRAPH: ((ONTOLOGY_FILE,), ontology_graph),
    INDUSTRIES_GRAPH: ((INDUSTRIES_FILE,), industries_graph),
    GAZETTEER_GRAPH: ((PLACES_FILE,), gazetteer_graph),
}


@lru_cache(maxsize=None)
def _reference_ntriples(name: URIRef) -> tuple[str, bytes]:
    """A reference graph's version (digest of its sources) and its N-Triples, made once."""
    files, make = REFERENCE_GRAPHS[name]
    version = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    g = make()
    g.add((name, OWL.versionInfo, Literal(version)))
    return version, g.serialize(format="nt", encoding="utf-8")


def ensure_reference_graphs(store: GraphStore) -> None:
    """Load the ontology, the industry vocabulary and the gazetteer of divisions (so that
    queries follow kg:locatedIn+ from a county to its province) where the store's copy is
    missing or stale."""
    for name in REFERENCE_GRAPHS:
        version, data = _reference_ntriples(name)
        store.replace_graph_from(name, data, version)


def build_documents(store: GraphStore, docs: list[Document],
                    progress: Callable[[Document], None] | None = None, force: bool = False) -> BuildReport:
    """Process and write documents, each in one transaction; a document whose text and
    pipeline are unchanged since it was built is skipped (force=True rebuilds it)."""
    report = BuildReport()
    t0 = time.perf_counter()
    ensure_reference_graphs(store)
    known = {} if force else store.document_ids()
    for doc in docs:
        if known.get(doc.id) == (doc.content_hash, fingerprint()):
            report.unchanged.append(doc.id)  # same text, same pipeline: the graph would be the same
            if progress:
                progress(doc)
            continue
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
          progress: Callable[[Document], None] | None = None, force: bool = False) -> BuildReport:
    """Read all inputs (raising InputError before any write), then build them."""
    docs = load_paths(paths)
    return build_documents(store, docs, progress, force)


def remove_documents(store: GraphStore, doc_ids: list[str]) -> None:
    """Take documents out of the store (their graph and inferred graph), in one transaction;
    StoreError naming the ids the store does not hold."""
    known = store.document_ids()
    missing = [d for d in doc_ids if d not in known]
    if missing:
        raise StoreError(f"no such document in the store: {', '.join(missing)}")
    store.drop_graphs([g for d in doc_ids for g in (document_graph(d), inferred_graph(d))])
