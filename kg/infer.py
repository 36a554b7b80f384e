"""OWL RL inference (owlrl) over one document's graph plus the ontology.

What it adds about the document's own nodes (superclasses such as kg:Enterprise ->
kg:Organization -> org:Organization, superproperties, the transitive closure of
kg:locatedIn within the document) goes to the document's inferred graph. Store-wide
closure of kg:locatedIn is left to query time (property path kg:locatedIn+).
"""
from __future__ import annotations

from functools import lru_cache

import owlrl
from rdflib import Graph, URIRef

from .vocab import KGR, ontology_graph

_KGR = str(KGR)


def _closure(g: Graph) -> Graph:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(g)
    return g


@lru_cache(maxsize=1)
def _ontology_closure() -> frozenset:
    g = Graph()
    for t in ontology_graph():
        g.add(t)
    return frozenset(_closure(g))


def infer_graph(data: Graph) -> Graph:
    """The triples OWL RL entails about the document's nodes that the document does not state.

    >>> from rdflib import RDF
    >>> from kg.vocab import KG
    >>> g = Graph(); _ = g.add((KGR["org/x"], RDF.type, KG.Enterprise))
    >>> (KGR["org/x"], RDF.type, KG.Organization) in infer_graph(g)
    True
    """
    full = Graph()
    for t in ontology_graph():
        full.add(t)
    for t in data:
        full.add(t)
    _closure(full)
    known = _ontology_closure()
    out = Graph()
    for s, p, o in full:
        if isinstance(s, URIRef) and str(s).startswith(_KGR) and (s, p, o) not in data \
                and (s, p, o) not in known and not (p == URIRef("http://www.w3.org/2002/07/owl#sameAs") and s == o):
            out.add((s, p, o))
    return out
