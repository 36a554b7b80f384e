"""Running the per-document pipeline over many documents: in this process or in a pool of
worker processes, streaming (a bounded number of documents in flight, so memory does not
grow with the corpus) and in input order (so any number of workers gives the same
sequence of results, and the same store).

A worker returns a DocumentResult: the document's graph and inferred graph already
serialized as N-Quads, which the store loads without going through rdflib again.

>>> from kg.documents import parse_text
>>> r = process_to_quads(parse_text("d1", "Li Ming, mayor of Datong, spoke."))
>>> r.doc_id, r.triples > 0, b"/graph/doc/d1>" in r.nquads
('d1', True, True)
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from rdflib import Graph, URIRef

from .budget import Budget, BudgetExceeded
from .documents import Document, parse_text
from .errors import KGError
from .iris import document_graph, inferred_graph
from .pipeline import process
from .validate import Violation


@dataclass(frozen=True)
class DocumentResult:
    """What building one document produced, ready to write: its graphs as N-Quads."""
    doc_id: str
    content_hash: str
    nquads: bytes
    triples: int
    inferred: int
    violations: tuple[Violation, ...]
    shard: str | None = None  # where the N-Quads are instead, when a remote worker wrote them to a file
    skipped: str | None = None  # why nothing is to be written (a step went over its budget)


def graph_nquads(name: URIRef, graph: Graph) -> bytes:
    """A graph's triples as N-Quads lines in the named graph `name`, sorted.

    >>> from rdflib import Literal
    >>> g = Graph(); _ = g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    >>> graph_nquads(URIRef("urn:g"), g)
    b'<urn:s> <urn:p> "o" <urn:g> .\\n'
    """
    return b"".join(sorted(ntriples_in_graph(graph.serialize(format="nt", encoding="utf-8"), str(name))))


def ntriples_in_graph(ntriples: bytes, name: str) -> list[bytes]:
    r"""N-Triples lines rewritten as N-Quads lines of the named graph `name`.

    >>> ntriples_in_graph(b'<urn:s> <urn:p> <urn:o> .\n\n', "urn:g")
    [b'<urn:s> <urn:p> <urn:o> <urn:g> .\n']
    """
    suffix = f" <{name}> .\n".encode()
    return [line[:-2].rstrip() + suffix for line in ntriples.splitlines() if line.strip()]


def process_to_quads(doc: Document, budget: Budget | None = None) -> DocumentResult:
    """Extract, validate and infer one document; its graphs as N-Quads (runs in a worker), or,
    when a step goes over the budget, a result that says so and holds nothing to write."""
    try:
        out = process(doc, budget=budget)
    except BudgetExceeded as e:
        return DocumentResult(doc.id, doc.content_hash, b"", 0, 0, (), skipped=str(e))
    data = graph_nquads(document_graph(doc.id), out.graph) + graph_nquads(inferred_graph(doc.id), out.inferred)
    violations = tuple(v for v in out.validation.violations if v.severity == "Violation")
    return DocumentResult(doc.id, doc.content_hash, data, len(out.graph), len(out.inferred), violations)


def warm_up() -> None:
    """Load what every document needs (gazetteers, shapes, the ontology's rule tables) once,
    so that a worker's first document costs what the others do. A worker ignores Ctrl-C (the
    terminal sends it to the whole process group): the build process decides when to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    process(parse_text("warm-up", "Li Ming, mayor of Datong, said Shanxi Coking Coal Group will build a "
                                  "plant in Taiyuan by 2025."))


def default_jobs() -> int:
    """The number of worker processes `--jobs 0` means: one per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_local(docs: Iterable[Document], jobs: int = 1, window: int | None = None,
              budget: Budget | None = None) -> Iterator[DocumentResult]:
    """Process documents with `jobs` worker processes (1: in this process), yielding results in
    input order; at most `window` documents (default 4 per worker) are in flight at once."""
    if jobs <= 1:
        yield from (process_to_quads(d, budget) for d in docs)
        return
    window = window or 4 * jobs
    # forkserver: workers start from a clean process, not a copy of one holding an open store.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=warm_up) as pool:
        pending: deque[Future[DocumentResult]] = deque()
        try:
            for doc in docs:
                pending.append(pool.submit(process_to_quads, doc, budget))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as e:
            raise KGError("a worker process died (out of memory, killed, or, in a script, the build was not "
                          "started under `if __name__ == '__main__':`, which worker processes need); "
                          "the documents written so far are complete, run the build again to finish") from e
        finally:
            for f in pending:
                f.cancel()
