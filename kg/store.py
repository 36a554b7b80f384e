"""The persistent store: Oxigraph (pyoxigraph) on disk, one named graph per document,
rdflib terms and graphs at the API (oxrdflib bridges the two).

>>> s = GraphStore(None)          # in memory
>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
>>> s.replace_graphs({URIRef("urn:g"): g})
>>> len(s.graph(URIRef("urn:g")))
1
"""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph, URIRef

from .errors import StoreError
from .namekeys import INDEX_VERSION, NAME_PROPERTIES, NAMES_GRAPH, index_entries, index_quads, named_entities
from .terms import to_oxigraph, to_rdflib
from .vocab import KGG

DEFAULT_STORE = "kg-store"
_NAME_PREDICATES = [ox.NamedNode(str(p)) for p in NAME_PROPERTIES]
_INDEX = ox.NamedNode(str(NAMES_GRAPH))


def _nquads(quads) -> str:
    return "".join(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n" for q in sorted(quads, key=str))


def _ntriples(quads) -> str:
    """The quads' triples as N-Triples lines (for an INSERT DATA body), in a fixed order."""
    return "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in sorted(quads, key=str))


def default_store_path() -> Path:
    """The store directory: $KG_STORE, else ./kg-store in the working folder."""
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


class GraphStore:
    """A quad store on disk (or in memory when path is None)."""

    def __init__(self, path: str | Path | None, create: bool = True):
        """Open (or, with create, make) the store at path; None gives an in-memory store."""
        self.path = Path(path) if path is not None else None
        if self.path is not None and not create and not (self.path / "CURRENT").exists():
            raise StoreError(f"{self.path}: no store here (build one with `kg build`)")
        try:
            if self.path is None:
                self.ox = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ox = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"{self.path}: cannot open the store ({e}); is another kg process using it?") from e

    # -- writing ---------------------------------------------------------------
    def replace_graphs(self, graphs: dict[URIRef, Graph]) -> None:
        """Replace each named graph by the given triples, all in one transaction."""
        parts = []
        for name, g in sorted(graphs.items()):
            parts.append(f"DROP SILENT GRAPH <{name}> ;")
        inserts = []
        for name, g in sorted(graphs.items()):
            body = g.serialize(format="nt")
            if body.strip():
                inserts.append(f"GRAPH <{name}> {{\n{body}\n}}")
        update = "\n".join(parts)
        if inserts:
            update += "\nINSERT DATA {\n" + "\n".join(inserts) + "\n}"
        new = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(name))
               for name, g in graphs.items() for s, p, o in g]
        try:
            self.ox.update(update.rstrip(" ;") + self._index_update([str(n) for n in graphs], new))
        except (OSError, SyntaxError) as e:
            raise StoreError(f"writing to the store failed: {e}") from e

    def write_quads(self, data: bytes, graphs: list[URIRef], replace: bool) -> None:
        r"""Write N-Quads that fill the given named graphs, in one transaction. With replace,
        the graphs' old triples go in the same transaction (a SPARQL update); without, the
        graphs must be new and the quads are loaded directly, which is about twice as fast.

        >>> s = GraphStore(None)
        >>> s.write_quads(b'<urn:s> <urn:p> "v" <urn:g> .\n', [URIRef("urn:g")], replace=False)
        >>> s.write_quads(b'<urn:s> <urn:p> "w" <urn:g> .\n', [URIRef("urn:g")], replace=True)
        >>> [str(o) for o in s.graph(URIRef("urn:g")).objects()]
        ['w']
        """
        try:
            quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
            if not replace:
                self.ox.load(data + _nquads(index_entries(quads)).encode(), format=ox.RdfFormat.N_QUADS)
                return
            by_graph: dict[str, list[str]] = {str(g): [] for g in graphs}
            for q in quads:
                by_graph.setdefault(q.graph_name.value, []).append(f"{q.subject} {q.predicate} {q.object} .")
            update = " ".join(f"DROP SILENT GRAPH <{g}> ;" for g in sorted(by_graph))
            body = "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}" for g, lines in sorted(by_graph.items())
                             if lines)
            update += f"\nINSERT DATA {{\n{body}\n}}" if body else ""
            self.ox.update(update.rstrip(" ;") + self._index_update(list(by_graph), quads))
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"writing to the store failed: {e}") from e

    def replace_graph_from(self, name: URIRef, ntriples: bytes, version: str) -> bool:
        """Replace a named graph by N-Triples unless it already holds this version (a
        triple <name> owl:versionInfo "version" inside it); True if it was (re)loaded."""
        ask = (f"ASK {{ GRAPH <{name}> {{ <{name}> <http://www.w3.org/2002/07/owl#versionInfo> "
               f"{ox.Literal(version)} }} }}")
        if self.ox.query(ask):
            return False
        try:
            graph = ox.NamedNode(str(name))
            quads = [ox.Quad(t.subject, t.predicate, t.object, graph)
                     for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
            self.ox.update(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{_ntriples(quads)}}} }}"
                           + self._index_update([str(name)], quads))
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"loading {name} into the store failed: {e}") from e
        return True

    def drop_graphs(self, names: list[URIRef]) -> None:
        """Remove named graphs in one transaction."""
        if names:
            self.ox.update(" ;\n".join(f"DROP SILENT GRAPH <{n}>" for n in names)
                           + self._index_update([str(n) for n in names], []))

    def ensure_names_index(self) -> bool:
        """Make the names index (kg.namekeys) afresh from every graph when it lacks this
        version's mark (a store written by an older kg); True if it was remade.

        >>> s = GraphStore(None)
        >>> s.ensure_names_index(), s.ensure_names_index()
        (True, False)
        """
        mark = ox.Quad(_INDEX, ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo"),
                       ox.Literal(INDEX_VERSION), _INDEX)
        if mark in self.ox:
            return False
        names = [q for p in _NAME_PREDICATES for q in self.ox.quads_for_pattern(None, p, None, None)
                 if q.graph_name != _INDEX]
        body = _ntriples(index_entries(names) | {mark})
        try:
            self.ox.update(f"DROP SILENT GRAPH {_INDEX} ;\nINSERT DATA {{ GRAPH {_INDEX} {{\n{body}}} }}")
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"rebuilding the names index failed: {e}") from e
        return True

    def _index_update(self, graphs: list[str], new: list[ox.Quad]) -> str:
        """The SPARQL update (to run in the same transaction) that keeps the names index
        (kg.namekeys) right when ``graphs`` are replaced by the ``new`` quads or dropped: the
        entities named in the graphs' old content get their entries recomputed from every
        other graph, the entities named in ``new`` get theirs added."""
        gone = {ox.NamedNode(g) for g in graphs} | {_INDEX}
        old = [q for g in gone - {_INDEX} for p in _NAME_PREDICATES for q in self.ox.quads_for_pattern(None, p, None, g)]
        touched = sorted(named_entities(old), key=str)
        entries = index_entries(new)
        for entity in touched:
            names = [(q.predicate.value, q.object.value) for p in _NAME_PREDICATES
                     for q in self.ox.quads_for_pattern(entity, p, None, None)
                     if q.graph_name not in gone and isinstance(q.object, ox.Literal)]
            if names:
                entries |= index_quads(entity, names)
        drop = "".join(f" ;\nDELETE WHERE {{ GRAPH {_INDEX} {{ {e} ?p ?o }} }}" for e in touched)
        return drop + (f" ;\nINSERT DATA {{ GRAPH {_INDEX} {{\n{_ntriples(entries)}}} }}" if entries else "")

    # -- reading ---------------------------------------------------------------
    def graph(self, name: URIRef) -> Graph:
        """A named graph as an rdflib Graph (a copy)."""
        g = Graph(identifier=name)
        for q in self.ox.quads_for_pattern(None, None, None, to_oxigraph(name)):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def graph_names(self) -> list[URIRef]:
        """The named graphs in the store, sorted."""
        return sorted(URIRef(n.value) for n in self.ox.named_graphs() if isinstance(n, ox.NamedNode))

    def document_ids(self) -> dict[str, tuple[str, str]]:
        """Document id -> (content hash, pipeline fingerprint) of every document in the store."""
        rows = self.ox.query(
            "PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#> SELECT ?id ?h ?b WHERE { GRAPH ?g {"
            " ?d a kg:Document ; kg:docId ?id ; kg:contentHash ?h OPTIONAL { ?d kg:builtWith ?b } } }")
        return {r["id"].value: (r["h"].value, r["b"].value if r["b"] is not None else "") for r in rows}

    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset (through oxrdflib), for rdflib-based tools."""
        return Dataset(store=OxigraphStore(store=self.ox))

    def nquads(self) -> str:
        """Every quad, as sorted N-Quads: equal stores give equal strings."""
        data = self.ox.dump(format=ox.RdfFormat.N_QUADS)
        return "".join(sorted(data.decode("utf-8").splitlines(keepends=True)))

    def __len__(self) -> int:
        return len(self.ox)

    def flush(self) -> None:
        if self.path is not None:
            self.ox.flush()

    def close(self) -> None:
        """Release the store (its lock is freed when the last handle goes)."""
        if getattr(self, "ox", None) is not None:
            self.flush()
            self.ox = None  # type: ignore[assignment]


def doc_graph_names(store: GraphStore) -> list[URIRef]:
    """The named graphs that hold documents."""
    prefix = str(KGG["doc/"])
    return [g for g in store.graph_names() if str(g).startswith(prefix)]
