"""OWL RL inference (owlrl) over one document's graph plus the ontology.

What it adds about the document's own nodes (superclasses such as kg:Enterprise ->
kg:Organization -> org:Organization, superproperties, the transitive closure of
kg:locatedIn within the document) goes to the document's inferred graph. Store-wide
closure of kg:locatedIn is left to query time (property path kg:locatedIn+).
"""
from __future__ import annotations

from functools import lru_cache

import owlrl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

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
def _schema() -> tuple:
    """The ontology's axioms (no labels or comments): what inference needs from it."""
    return tuple(t for t in ontology_graph() if t[1] in _SCHEMA or (t[1] == RDF.type and t[2] in _SCHEMA_TYPES))


@lru_cache(maxsize=1)
def _ontology_closure() -> frozenset:
    g = Graph()
    for t in _schema():
        g.add(t)
    return frozenset(_closure(g))


def _instance_triples(data: Graph):
    """The triples about the document's entities and facts; provenance records (assertions,
    sentences, the document node) and literal values entail nothing that queries need."""
    skip = set(data.subjects(RDF.type, KG.Assertion)) | set(data.subjects(RDF.type, KG.Sentence)) \
        | set(data.subjects(RDF.type, KG.Document))
    return (t for t in data if t[0] not in skip and not isinstance(t[2], Literal))


def infer_graph(data: Graph) -> Graph:
    """The triples OWL RL entails about the document's nodes that the document does not state.

    >>> from rdflib import RDF
    >>> from kg.vocab import KG
    >>> g = Graph(); _ = g.add((KGR["org/x"], RDF.type, KG.Enterprise))
    >>> (KGR["org/x"], RDF.type, KG.Organization) in infer_graph(g)
    True
    """
    full = Graph()
    for t in _schema():
        full.add(t)
    for t in _instance_triples(data):
        full.add(t)
    _closure(full)
    known = _ontology_closure()
    out = Graph()
    for s, p, o in full:
        if isinstance(s, URIRef) and str(s).startswith(_KGR) and (s, p, o) not in data \
                and (s, p, o) not in known and not (p == URIRef("http://www.w3.org/2002/07/owl#sameAs") and s == o):
            out.add((s, p, o))
    return out
