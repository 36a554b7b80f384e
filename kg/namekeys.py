"""Name keys: the form in which saved queries look an entity up by name.

A name key is a name lower-cased, trimmed, with a final " city", " province", " county" or
" district" dropped, so that "Shanxi Province", "shanxi" and " Shanxi " all find the same
place. Every name (``rdfs:label``, ``skos:altLabel``, ``kg:shortName``, ``skos:prefLabel``)
in the store has its key in the names index, the graph ``kgg:names`` (kept by
:class:`kg.store.GraphStore` with every write, in the same transaction), which also holds one
copy of each ``rdfs:label``: the union of the document graphs repeats a name once per document
that uses it, the index once. A saved query's name parameter is turned into its key before
the query runs (:func:`kg.queries.prepare`): the lookup is one index probe, however large the
store, instead of a normalisation of every name in it.

>>> name_key("  Taiyuan City ")
'taiyuan'
>>> name_key("Shanxi Coking Coal Group")
'shanxi coking coal group'
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import RDFS, SKOS

from .vocab import KG, KGG

NAME_PROPERTIES = (RDFS.label, SKOS.altLabel, SKOS.prefLabel, KG.shortName)
_NAME_IRIS = frozenset(str(p) for p in NAME_PROPERTIES)
_KEY_IRI = ox.NamedNode(str(KG.nameKey))
_LABEL = str(RDFS.label)
_LABEL_IRI = ox.NamedNode(_LABEL)
NAMES_GRAPH = KGG["names"]  # the names index: one copy of each entity's keys and labels
INDEX_VERSION = "1"  # of the index's content: a store whose index has another version is reindexed
_INDEX_GRAPH = ox.NamedNode(str(NAMES_GRAPH))
_TRIM = re.compile(r"^\s+|\s+((city|province|county|district)\s*)?$")


def name_key(name: str) -> str:
    """The key of one name (see the module docstring).

    >>> name_key("Datong county"), name_key("City"), name_key("Jinzhong  District  ")
    ('datong', 'city', 'jinzhong')
    """
    return _TRIM.sub("", name.lower())


def index_quads(entity: ox.NamedNode, names: Iterable[tuple[str, str]]) -> set[ox.Quad]:
    """The names index's quads for one entity, from its ``(name property IRI, name)`` pairs: a
    key per name, the entity's IRI as one more key (so that a parameter given as an IRI is
    looked up the same way), and each ``rdfs:label`` as the name queries show.

    >>> e = ox.NamedNode("https://e.org/datong")
    >>> sorted(str(q.object) for q in index_quads(e, [(str(RDFS.label), "Datong City")]))
    ['"Datong City"', '"datong"', '"https://e.org/datong"']
    """
    out = {ox.Quad(entity, _KEY_IRI, ox.Literal(entity.value), _INDEX_GRAPH)}
    for prop, name in names:
        out.add(ox.Quad(entity, _KEY_IRI, ox.Literal(name_key(name)), _INDEX_GRAPH))
        if prop == _LABEL:
            out.add(ox.Quad(entity, _LABEL_IRI, ox.Literal(name), _INDEX_GRAPH))
    return out


def named_entities(quads: Iterable[ox.Quad]) -> dict[ox.NamedNode, list[tuple[str, str]]]:
    """The entities (IRIs) named among ``quads`` and their ``(name property IRI, name)`` pairs."""
    found: dict[ox.NamedNode, list[tuple[str, str]]] = {}
    for q in quads:
        if q.predicate.value in _NAME_IRIS and isinstance(q.object, ox.Literal) and isinstance(q.subject, ox.NamedNode):
            found.setdefault(q.subject, []).append((q.predicate.value, q.object.value))
    return found


def index_entries(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    """The names index's quads for every entity named among ``quads``."""
    return set().union(*(index_quads(e, n) for e, n in named_entities(quads).items()))
