"""Conversion between pyoxigraph terms (the engine) and rdflib terms (the API).

>>> from rdflib import URIRef, Literal
>>> to_rdflib(to_oxigraph(URIRef("https://example.org/a")))
rdflib.term.URIRef('https://example.org/a')
>>> to_rdflib(to_oxigraph(Literal(5)))
rdflib.term.Literal('5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
"""
from __future__ import annotations

from typing import Union

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal]


def to_rdflib(term: OxTerm | ox.DefaultGraph | None) -> Node | None:
    """An rdflib term for a pyoxigraph term (None and the default graph give None)."""
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported pyoxigraph term: {term!r}")


def to_oxigraph(term: Node) -> OxTerm:
    """A pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported rdflib term: {term!r}")
