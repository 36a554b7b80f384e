"""The Python API: `KnowledgeGraph` opens a store and does everything the CLI does.

>>> kg = KnowledgeGraph(None)                     # an in-memory store
>>> from kg.documents import parse_text
>>> kg.add_documents([parse_text("d1", "Li Ming, mayor of Datong, spoke.")]).documents
['d1']
>>> [f["qualifiers"]["title"] for f in kg.facts() if f["kind"] == "holds_position"]
['Mayor']
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox

from .budget import Budget
from .build import BuildReport, build, build_documents, remove_documents
from .documents import Document, load_paths, parse_text
from .intake import DEFAULT_MAX_BYTES
from .infer import infer_graph
from .iris import inferred_graph
from .export import export
from .facts import count_statements, export_facts
from .network import to_networkx
from .push import PushReport, push
from .queries import QueryResult, SavedQuery, load_saved_queries, resolve_query, run_query, run_saved
from .store import GraphStore, doc_graph_names
from .validate import ValidationReport, validate_graph


Progress = Callable[[str], None]  # called with each document's id once it is written (or found unchanged)


@dataclass
class Stats:
    """Counts over the store: documents, quads, entities per type, facts per kind."""
    documents: int
    quads: int
    entities: dict[str, int]
    facts: dict[str, int]
    conflicts: int = 0


class KnowledgeGraph:
    """A knowledge graph in a store directory (None: in memory)."""

    def __init__(self, path: str | Path | None, create: bool = True):
        """Open the graph in a store directory (create=False: it must exist already)."""
        self.store = GraphStore(path, create=create)

    def close(self) -> None:
        """Release the store so that another process (or handle) can open it."""
        self.store.close()

    def __enter__(self) -> "KnowledgeGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # building
    def build(self, paths: list[str | Path], progress: Progress | None = None, force: bool = False,
              jobs: int = 1, executor: str = "local", scheduler: str | None = None,
              shards: str | Path | None = None, on_scan: Callable[[int], None] | None = None,
              strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, budget: Budget | None = None) -> BuildReport:
        """Ingest files and folders (.txt, .md, .html, .jsonl, files without a suffix). An input
        that cannot be read is skipped and listed in report.skipped with its reason (strict:
        InputError before any write); NothingIngested when none gives a document. Documents whose
        text and pipeline are unchanged are skipped unless force. jobs > 1 runs the pipeline in
        that many worker processes; executor="dask" on the Dask scheduler at `scheduler`
        (workers write N-Quads shards into `shards`). The graph is the same either way, and
        whatever the order of the paths. Files over max_bytes are skipped; budget limits the
        time of each document's steps and the triples inference may add."""
        return build(paths, self.store, progress, force, jobs, executor, scheduler, shards, on_scan,
                     strict=strict, max_bytes=max_bytes, budget=budget)

    def add_documents(self, docs: list[Document], progress: Progress | None = None,
                      force: bool = False, jobs: int = 1) -> BuildReport:
        """Ingest Document objects."""
        return build_documents(self.store, docs, progress, force, jobs)

    def remove(self, doc_ids: list[str]) -> None:
        """Take documents out of the graph (StoreError naming any id it does not hold)."""
        remove_documents(self.store, doc_ids)

    def add(self, items: Iterable[str | Path | Document | tuple[str, str] | tuple[str, str, dict[str, str]]],
            progress: Progress | None = None, jobs: int = 1) -> BuildReport:
        """Ingest paths (files or folders), Documents, (id, text) or (id, text, metadata) tuples;
        metadata may give title, date (YYYY-MM-DD) and source. Every item is read and checked
        before anything is written.

        >>> with KnowledgeGraph(None) as kg:
        ...     kg.add([("a", "Li Ming, mayor of Datong, spoke.", {"date": "2024-05-01"})]).documents
        ['a']
        """
        docs: list[Document] = []
        for item in items:  # in the order given; all read before anything is written
            if isinstance(item, Document):
                docs.append(item)
            elif isinstance(item, tuple):
                doc_id, text, *meta = item
                m = meta[0] if meta else {}
                front = "".join(f"{k}: {v}\n" for k, v in m.items() if k in ("title", "date", "source"))
                docs.append(parse_text(doc_id, f"---\n{front}---\n{text}" if front else text))
            else:
                docs.extend(load_paths([item]))
        return build_documents(self.store, docs, progress, jobs=jobs)

    def infer(self) -> int:
        """Recompute every document's inferred graph (after an ontology change); the number of
        inferred triples."""
        total = 0
        for g in doc_graph_names(self.store):
            doc_id = str(g).rsplit("/", 1)[-1]
            inferred = infer_graph(self.store.graph(g))
            self.store.replace_graphs({inferred_graph(doc_id): inferred})
            total += len(inferred)
        return total

    def entities(self, type: str | None = None) -> list[dict[str, str]]:
        """Entities (iri, name, type) stated in the documents, optionally of one class
        ('Person', 'Enterprise', 'County'...), sorted by name.

        >>> with KnowledgeGraph(None) as kg:
        ...     _ = kg.add([("a", "Li Ming, mayor of Datong, spoke.")])
        ...     [e["name"] for e in kg.entities("Person")]
        ['Li Ming']
        """
        rows = cast(ox.QuerySolutions, self.store.ox.query("""PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?e (MIN(?l) AS ?name) ?cls WHERE { GRAPH ?g {
              ?a a kg:Assertion ; rdf:subject ?e ; rdf:predicate rdf:type ; rdf:object ?cls . ?e rdfs:label ?l } }
            GROUP BY ?e ?cls"""))
        out = [{"iri": r["e"].value, "name": r["name"].value, "type": r["cls"].value.rsplit("#", 1)[-1]} for r in rows]
        return sorted((e for e in out if type is None or e["type"] == type), key=lambda e: (e["name"], e["iri"]))

    # checking
    def validate(self) -> dict[str, ValidationReport]:
        """SHACL report per document graph (document id -> report)."""
        out = {}
        for g in doc_graph_names(self.store):
            out[str(g).rsplit("/", 1)[-1]] = validate_graph(self.store.graph(g))
        return out

    # asking
    @staticmethod
    def saved_queries() -> dict[str, SavedQuery]:
        """The saved queries (queries/*.rq) by name."""
        return load_saved_queries()

    def query(self, name_or_file_or_sparql: str, params: dict[str, str] | None = None) -> QueryResult:
        """Run a saved query by name, a .rq file, or a SPARQL string, with bound parameters."""
        text = name_or_file_or_sparql
        if re.fullmatch(r"[\w.-]+|\S*\.rq", text.strip()):  # a name or a file, not SPARQL
            return run_saved(self.store.ox, resolve_query(text.strip()), params or {})
        return run_query(self.store.ox, text)

    def facts(self, min_confidence: float = 0.0) -> list[dict[str, Any]]:
        """The facts contract (../shared/eval/FORMAT.md), derived from the graph."""
        return export_facts(self.store, min_confidence)

    def to_networkx(self, types: list[str] | None = None, kinds: list[str] | None = None,
                    place: str | None = None, since: str | None = None, until: str | None = None) -> Any:
        """The graph as a networkx MultiDiGraph, with the same nodes, edges and attributes as the
        GEXF export (kg.network.to_networkx; the filters are the same as `kg export`'s).

        >>> with KnowledgeGraph(None) as kg:
        ...     _ = kg.add([("a", "Li Ming, mayor of Datong, spoke.")])
        ...     [(d["label"]) for _, _, d in kg.to_networkx().edges(data=True)]
        ['Mayor']
        """
        return to_networkx(self.store, types=types, kinds=kinds, place=place, since=since, until=until)

    def push(self, endpoint: str, graphs: list[str] | None = None, timeout: float = 60,
             auth: tuple[str, str] | None = None) -> PushReport:
        """Copy the store's named graphs to a SPARQL 1.1 Graph Store endpoint (each graph
        replaced there by an HTTP PUT; kg.push.push)."""
        return push(self.store, endpoint, graphs=graphs, timeout=timeout, auth=auth)

    def export(self, format: str, out: str | Path, **filters: Any) -> str:
        """Write the graph as gexf, graphml, jsonld, turtle, nquads, csv, png or svg (kg.export.export);
        a one-line summary of what was written."""
        return str(export(self.store, format, out, **filters))

    def conflicts(self) -> list[dict[str, str]]:
        """Entities that statements put in two divisions neither of which contains the other,
        each side with its document and evidence sentence (the saved query 'conflicts')."""
        result = self.query("conflicts")
        return [{v: ("" if x is None else str(x)) for v, x in zip(result.variables, row)} for row in result.rows]

    def stats(self) -> Stats:
        """Documents, quads, entities per type and facts per kind."""
        ents: Counter[str] = Counter()
        q = """PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
               PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
               SELECT ?cls (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g {
                 ?a a kg:Assertion ; rdf:subject ?e ; rdf:predicate rdf:type ; rdf:object ?cls } }
               GROUP BY ?cls"""
        for row in cast(ox.QuerySolutions, self.store.ox.query(q)):
            ents[row["cls"].value.rsplit("#", 1)[-1]] = int(row["n"].value)
        facts = count_statements(self.store)
        return Stats(len(doc_graph_names(self.store)), len(self.store), dict(sorted(ents.items())),
                     dict(sorted(facts.items())), len(self.conflicts()))
