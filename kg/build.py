"""Building the graph: read every input first (each file gives documents or is skipped with
its reason; with strict, any skip stops the build before a write), then process each
document and write its graph and inferred graph in one transaction. Stopped at any moment
(Ctrl-C, SIGTERM, a kill), the store holds complete documents only; the same build run again
finishes the rest.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import hashlib
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import OWL

from .budget import Budget
from .documents import NO_INPUT_FILES, Document, Skipped, iter_documents, scan
from .intake import DEFAULT_MAX_BYTES
from .gazetteer import PLACES_FILE, gazetteer_graph
from .iris import document_graph, inferred_graph
from .errors import InputError, KGError, StoreError
from .parallel import DocumentResult, run_local
from .pipeline import fingerprint
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
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0


class NothingIngested(InputError):
    """No input gave a document to build; .skipped says why for each."""

    def __init__(self, paths: list, skipped: list[Skipped]):
        self.skipped = skipped
        what = f"all {len(skipped)} inputs were skipped" if skipped else NO_INPUT_FILES
        super().__init__(", ".join(map(str, paths)), f"nothing to ingest: {what}")


class BuildInterrupted(KGError):
    """The build was stopped (Ctrl-C, SIGTERM) between two documents; .report is what it did."""

    def __init__(self, report: BuildReport):
        self.report = report
        super().__init__(f"stopped: {len(report.documents)} documents written in this run, each complete; "
                         "run the same build again to finish the rest")


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
    store.ensure_names_index()
    for name in REFERENCE_GRAPHS:
        version, data = _reference_ntriples(name)
        store.replace_graph_from(name, data, version)


FLUSH_EVERY = 200  # documents between flushes of the store's write buffers
Progress = Callable[[str], None]  # called with each document id once it is written (or found unchanged)


def build_documents(store: GraphStore, docs: list[Document], progress: Progress | None = None,
                    force: bool = False, jobs: int = 1, budget: Budget | None = None) -> BuildReport:
    """Process and write documents, each in one transaction; a document whose text and
    pipeline are unchanged since it was built is skipped (force=True rebuilds it). InputError
    before any write when two documents share an id."""
    index: dict[str, str] = {}
    for d in docs:
        if d.id in index:
            raise InputError(d.path or d.id, f"document id {d.id!r} is used twice")
        index[d.id] = d.content_hash
    return _build(store, index, lambda: iter(docs), progress, force, jobs, budget=budget)


def build(paths: list[str | Path], store: GraphStore, progress: Progress | None = None, force: bool = False,
          jobs: int = 1, executor: str = "local", scheduler: str | None = None,
          shards: str | Path | None = None, on_scan: Callable[[int], None] | None = None,
          strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, budget: Budget | None = None) -> BuildReport:
    """Read every input once, then build the documents that changed, reading them again one
    at a time: memory holds the documents in flight, not the corpus. An input that cannot be
    read is skipped and listed in the report (with strict: InputError before any write);
    NothingIngested when no input gives a document. executor "local" uses `jobs` worker
    processes; "dask" sends the work to the Dask scheduler at `scheduler`, whose workers write
    N-Quads shards into `shards`. on_scan(n) is told the number of documents once the inputs
    are read. Files over max_bytes are skipped; budget limits each document's steps."""
    found = scan(paths, max_bytes)
    for s in found.skipped:
        log.info("skipped %s", s)
    if strict and found.skipped:
        first, more = found.skipped[0], len(found.skipped) - 1
        raise InputError(first.path, first.reason + (f" (and {more} more inputs to skip; --strict)" if more
                                                     else " (--strict)"))
    if not found.index:
        raise NothingIngested(paths, found.skipped)
    if on_scan:
        on_scan(len(found.index))
    runner = None
    if executor == "dask":
        from .distributed import run_dask  # only with the dask extra installed
        def runner(docs: Iterator[Document]) -> Iterator[DocumentResult]:
            return run_dask(docs, scheduler, shards or _default_shards(store))
    elif executor != "local":
        raise KGError(f"unknown executor {executor!r}: use 'local' or 'dask'")
    return _build(store, found.index, lambda: iter_documents(found, max_bytes), progress, force, jobs,
                  runner=runner, budget=budget, skipped=found.skipped)


def _default_shards(store: GraphStore) -> Path:
    if store.path is None:
        raise KGError("the dask executor needs a shard folder (--shards) for an in-memory store")
    return store.path.parent / (store.path.name + ".shards")


def _build(store: GraphStore, index: dict[str, str], docs: Callable[[], Iterator[Document]],
           progress: Progress | None, force: bool, jobs: int,
           runner: Callable[[Iterator[Document]], Iterator[DocumentResult]] | None = None,
           budget: Budget | None = None, skipped: list[Skipped] | None = None) -> BuildReport:
    report = BuildReport(skipped=list(skipped or []))
    t0 = time.perf_counter()
    ensure_reference_graphs(store)
    known = store.document_ids()
    current = fingerprint()
    todo = {i for i, h in index.items() if force or known.get(i) != (h, current)}
    for doc_id in index:
        if doc_id not in todo:
            report.unchanged.append(doc_id)  # same text, same pipeline: the graph would be the same
            if progress:
                progress(doc_id)
    stream = (d for d in docs() if d.id in todo)
    results = runner(stream) if runner else run_local(stream, jobs, budget=budget)
    try:
        for r in results:
            _write(store, r, known, report)
            if progress and r.skipped is None:
                progress(r.doc_id)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: every document written so far is complete
        close = getattr(results, "close", None)
        if close:
            close()  # stop the worker processes now, not when the traceback is freed
        store.flush()
        report.seconds = time.perf_counter() - t0
        raise BuildInterrupted(report) from None
    store.flush()
    report.seconds = time.perf_counter() - t0
    return report


def _write(store: GraphStore, r: DocumentResult, known: dict, report: BuildReport) -> None:
    """Write one document's graphs in one transaction (or record why it is skipped)."""
    if r.skipped is not None:
        report.skipped.append(Skipped(r.doc_id, r.skipped))
        log.info("skipped %s: %s", r.doc_id, r.skipped)
        return
    graphs = [document_graph(r.doc_id), inferred_graph(r.doc_id)]
    data = r.nquads if r.shard is None else Path(r.shard).read_bytes()
    store.write_quads(data, graphs, replace=r.doc_id in known)
    if r.shard is not None:
        Path(r.shard).unlink(missing_ok=True)  # the store has it now
    report.documents.append(r.doc_id)
    if len(report.documents) % FLUSH_EVERY == 0:
        store.flush()  # write buffers out, so the writer's memory stays flat however long the build
    report.triples += r.triples
    report.inferred += r.inferred
    if r.violations:
        report.violations[r.doc_id] = list(r.violations)
    log.info("built %s: %d triples, %d inferred", r.doc_id, r.triples, r.inferred)


def remove_documents(store: GraphStore, doc_ids: list[str]) -> None:
    """Take documents out of the store (their graph and inferred graph), in one transaction;
    StoreError naming the ids the store does not hold."""
    known = store.document_ids()
    missing = [d for d in doc_ids if d not in known]
    if missing:
        raise StoreError(f"no such document in the store: {', '.join(missing)}")
    store.drop_graphs([g for d in doc_ids for g in (document_graph(d), inferred_graph(d))])
