"""OWL RL inference over one document's graph plus the ontology.

What it adds about the document's own nodes (superclasses such as kg:Enterprise ->
kg:Organization -> org:Organization, superproperties, the types that domains and ranges
give, the transitive closure of kg:locatedIn within the document) goes to the document's
inferred graph. Store-wide closure of kg:locatedIn is left to query time (property path
kg:locatedIn+), where it costs less than materializing it.

Two engines give the same triples:

- ``owlrl``: the owlrl package's OWL RL closure of the ontology's axioms plus the
  document's instance triples (about 0.3 s for a news article: owlrl applies every rule
  to every triple until nothing changes).
- ``compiled`` (the default): the ontology is fixed, so owlrl runs once over its axioms
  alone and what the closure says about classes and properties (superclasses,
  superproperties, domains, ranges, transitive properties) becomes lookup tables; a
  document is then closed by applying the instance-level rules of OWL RL (cax-sco,
  prp-spo1, prp-dom, prp-rng, prp-trp, prp-symp, prp-inv) with those tables, in a few
  milliseconds. A document that would trigger a rule outside that set (two values of a
  functional property, which makes owl:sameAs) is handed to owlrl. tests/test_infer.py
  checks that both engines agree on the corpus and on random graphs.

Set ``KG_REASONER=owlrl`` to use owlrl for every document.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .budget import check_triples
from .vocab import KG, KGR, ontology_graph

_KGR = str(KGR)
# The ontology's axioms that entail anything about instances; labels and comments do not.
_SCHEMA = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
           OWL.equivalentClass, OWL.equivalentProperty}
_SCHEMA_TYPES = {OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.FunctionalProperty,
                 OWL.InverseFunctionalProperty, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.Class}


def _closure(g: Graph) -> Graph:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(g)
    return g


@lru_cache(maxsize=1)
def schema_triples() -> tuple:
    """The ontology's axioms (no labels or comments): what inference needs from it."""
    return tuple(t for t in ontology_graph() if t[1] in _SCHEMA or (t[1] == RDF.type and t[2] in _SCHEMA_TYPES))


@lru_cache(maxsize=1)
def _ontology_closure() -> frozenset:
    g = Graph()
    for t in schema_triples():
        g.add(t)
    return frozenset(_closure(g))


def _instance_triples(data: Graph) -> list[tuple]:
    """The triples about the document's entities and facts; provenance records (assertions,
    sentences, the document node) and literal values entail nothing that queries need."""
    skip = set(data.subjects(RDF.type, KG.Assertion)) | set(data.subjects(RDF.type, KG.Sentence)) \
        | set(data.subjects(RDF.type, KG.Document))
    return [t for t in data if t[0] not in skip and not isinstance(t[2], Literal)]


def _new_about_document(closed, data: Graph) -> Graph:
    """What a closure adds about the document's own nodes, minus what the ontology says anyway."""
    known = _ontology_closure()
    out = Graph()
    for s, p, o in closed:
        if isinstance(s, URIRef) and str(s).startswith(_KGR) and (s, p, o) not in data \
                and (s, p, o) not in known and not (p == OWL.sameAs and s == o):
            out.add((s, p, o))
    return out


def infer_graph_owlrl(data: Graph) -> Graph:
    """The inferred graph by owlrl's OWL RL closure (the reference engine)."""
    full = Graph()
    for t in schema_triples():
        full.add(t)
    for t in _instance_triples(data):
        full.add(t)
    return _new_about_document(_closure(full), data)


@dataclass(frozen=True)
class _Tables:
    """What the ontology's closure says about each class and property."""
    superclasses: dict
    superproperties: dict
    domains: dict
    ranges: dict
    transitive: frozenset
    symmetric: frozenset
    inverses: dict
    functional: frozenset
    inverse_functional: frozenset


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    sup_c, sup_p, dom, rng, inv = (defaultdict(set) for _ in range(5))
    types = defaultdict(set)
    for s, p, o in _ontology_closure():
        if p == RDFS.subClassOf and s != o:
            sup_c[s].add(o)
        elif p == RDFS.subPropertyOf and s != o:
            sup_p[s].add(o)
        elif p == RDFS.domain:
            dom[s].add(o)
        elif p == RDFS.range:
            rng[s].add(o)
        elif p == OWL.inverseOf:
            inv[s].add(o)
            inv[o].add(s)
        elif p == RDF.type:
            types[o].add(s)
    return _Tables({k: frozenset(v) for k, v in sup_c.items()}, {k: frozenset(v) for k, v in sup_p.items()},
                   {k: frozenset(v) for k, v in dom.items()}, {k: frozenset(v) for k, v in rng.items()},
                   frozenset(types[OWL.TransitiveProperty]), frozenset(types[OWL.SymmetricProperty]),
                   {k: frozenset(v) for k, v in inv.items()}, frozenset(types[OWL.FunctionalProperty]),
                   frozenset(types[OWL.InverseFunctionalProperty]))


def _needs_owlrl(triples: set, t: _Tables) -> bool:
    """True when a functional or inverse-functional property has two values (owl:sameAs follows)."""
    seen: dict = {}
    for s, p, o in triples:
        if p in t.functional and seen.setdefault((p, s, 0), o) != o:
            return True
        if p in t.inverse_functional and seen.setdefault((p, o, 1), s) != s:
            return True
    return False


def _close(triples: set, t: _Tables, max_new: int | None = None) -> set:
    """Apply cax-sco, prp-spo1, prp-dom, prp-rng, prp-symp, prp-inv and prp-trp until nothing
    changes (BudgetExceeded once more than max_new triples were added)."""
    base = len(triples)
    todo = list(triples)
    by_prop: dict = defaultdict(lambda: defaultdict(set))  # transitive p -> s -> {o}
    while todo:
        s, p, o = todo.pop()
        new = []
        if p == RDF.type:
            new += [(s, RDF.type, c) for c in t.superclasses.get(o, ())]
        else:
            new += [(s, q, o) for q in t.superproperties.get(p, ())]
            new += [(s, RDF.type, c) for c in t.domains.get(p, ())]
            new += [(o, RDF.type, c) for c in t.ranges.get(p, ())]
            if p in t.symmetric:
                new.append((o, p, s))
            new += [(o, q, s) for q in t.inverses.get(p, ())]
            if p in t.transitive:
                edges = by_prop[p]
                edges[s].add(o)
                new += [(s, p, x) for x in list(edges.get(o, ()))]
                new += [(x, p, o) for x, ys in list(edges.items()) if s in ys]
        for n in new:
            if n not in triples:
                triples.add(n)
                todo.append(n)
        check_triples(len(triples) - base, max_new, "inference")
    return triples


def infer_graph_compiled(data: Graph, max_triples: int | None = None) -> Graph:
    """The inferred graph by the ontology's rules compiled to lookup tables (same triples as owlrl)."""
    tables = _tables()
    triples = set(_instance_triples(data))
    if _needs_owlrl(triples, tables):
        return infer_graph_owlrl(data)
    return _new_about_document(_close(triples, tables, max_triples), data)


def infer_graph(data: Graph, engine: str | None = None, max_triples: int | None = None) -> Graph:
    """The triples OWL RL entails about the document's nodes that the document does not state.

    engine is "compiled" (default) or "owlrl"; $KG_REASONER sets the default. With max_triples,
    BudgetExceeded when the closure adds more (the compiled rules stop as soon as it does).

    >>> from rdflib import RDF
    >>> from kg.vocab import KG
    >>> g = Graph(); _ = g.add((KGR["org/x"], RDF.type, KG.Enterprise))
    >>> (KGR["org/x"], RDF.type, KG.Organization) in infer_graph(g)
    True
    >>> set(infer_graph(g)) == set(infer_graph(g, engine="owlrl"))
    True
    """
    engine = engine or os.environ.get("KG_REASONER") or "compiled"
    if engine == "owlrl":
        inferred = infer_graph_owlrl(data)
        check_triples(len(inferred), max_triples, "inference")
        return inferred
    if engine == "compiled":
        return infer_graph_compiled(data, max_triples)
    raise ValueError(f"unknown reasoner {engine!r}: use 'compiled' or 'owlrl'")
