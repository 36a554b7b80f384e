"""The names index (kgg:names): name keys, and the store keeping the index equal to what a
rebuild from every graph gives, whatever is written, replaced or removed."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st
from rdflib import URIRef

from kg.namekeys import NAMES_GRAPH, index_quads, name_key
from kg.queries import Param, SavedQuery, prepare, run_saved
from kg.store import GraphStore

LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
INDEX = ox.NamedNode(str(NAMES_GRAPH))


@pytest.mark.parametrize("name, key", [
    ("Taiyuan", "taiyuan"), ("Taiyuan City", "taiyuan"), ("  SHANXI Province ", "shanxi"),
    ("Pingding county", "pingding"), ("Xiaodian District", "xiaodian"), ("City", "city"),
    ("Inner Mongolia Autonomous Region", "inner mongolia autonomous region"),
    ("Citygate Province Holdings", "citygate province holdings"),  # only a final suffix goes
])
def test_name_key(name, key):
    assert name_key(name) == key


def index_of(store: GraphStore) -> set[str]:
    return {str(q) for q in store.ox.quads_for_pattern(None, None, None, INDEX)}


def rebuilt_index(store: GraphStore) -> set[str]:
    """The index a store made from scratch with the same graphs would have."""
    fresh = GraphStore(None)
    fresh.ox.extend(q for q in store.ox if q.graph_name != INDEX)
    fresh.ensure_names_index()
    return {q for q in index_of(fresh) if "versionInfo" not in q}


def doc(graph: str, *lines: str) -> bytes:
    return "".join(f"{line} <urn:{graph}> .\n" for line in lines).encode()


def test_writes_keep_the_index_equal_to_a_rebuild():
    s = GraphStore(None)
    s.write_quads(doc("g1", f'<urn:datong> {LABEL} "Datong City"', f'<urn:tisco> {ALT} "TISCO"'), [], False)
    s.write_quads(doc("g2", f'<urn:datong> {LABEL} "Datong"', f'<urn:li> {LABEL} "Li Ming"'), [], False)
    assert index_of(s) == rebuilt_index(s)
    keys = {(q.subject.value, q.object.value) for q in s.ox.quads_for_pattern(None, None, None, INDEX)
            if q.predicate.value.endswith("nameKey")}
    assert {("urn:datong", "datong"), ("urn:tisco", "tisco"), ("urn:li", "li ming"),
            ("urn:datong", "urn:datong")} <= keys
    # g1 replaced: Datong keeps the key g2 gives it, TISCO's name is gone with g1
    s.write_quads(doc("g1", f'<urn:yq> {LABEL} "Yangquan"'), [URIRef("urn:g1")], True)
    assert index_of(s) == rebuilt_index(s)
    assert not any("tisco" in q.lower() for q in index_of(s))
    s.drop_graphs([URIRef("urn:g2")])
    assert index_of(s) == rebuilt_index(s)
    assert not any("datong" in q.lower() for q in index_of(s))
    s.drop_graphs([URIRef("urn:g1")])
    assert index_of(s) == set()


names = st.sampled_from(["Datong", "Datong County", "Taiyuan", "TISCO", "Li Ming", "Lüliang"])
entities = st.sampled_from(["urn:a", "urn:b", "urn:c"])
steps = st.lists(st.tuples(st.sampled_from(["write", "replace", "drop"]), st.sampled_from(["g1", "g2", "g3"]),
                           st.lists(st.tuples(entities, st.sampled_from([LABEL, ALT]), names), max_size=4)),
                 min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(steps)
def test_any_sequence_of_writes_keeps_the_index_right(sequence):
    s, present = GraphStore(None), set()
    for action, graph, triples in sequence:
        if action == "drop":
            s.drop_graphs([URIRef(f"urn:{graph}")])
            present.discard(graph)
            continue
        data = doc(graph, *(f'<{e}> {p} "{n}"' for e, p, n in triples))
        if action == "write" and graph not in present:
            s.write_quads(data, [URIRef(f"urn:{graph}")], False)
        else:
            s.write_quads(data, [URIRef(f"urn:{graph}")], True)
        present.add(graph)
        assert index_of(s) == rebuilt_index(s)


def test_an_older_store_is_reindexed_once():
    s = GraphStore(None)
    s.ox.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode(LABEL[1:-1]), ox.Literal("Jinzhong"), ox.NamedNode("urn:g")))
    assert index_of(s) == set()  # written behind the store's back, as by an older kg
    assert s.ensure_names_index() is True
    assert any('"jinzhong"' in q for q in index_of(s))
    assert s.ensure_names_index() is False


def test_index_quads_copy_labels_only():
    e = ox.NamedNode("urn:e")
    quads = index_quads(e, [(LABEL[1:-1], "Shanxi Province"), (ALT[1:-1], "Jin")])
    assert {(q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in quads} == {
        ("nameKey", "shanxi"), ("nameKey", "jin"), ("nameKey", "urn:e"), ("label", "Shanxi Province")}


QUERY = SavedQuery("q", "?", (Param("place", False, "a place"),), """
PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
PREFIX kgg: <https://w3id.org/cnpolicy-kg/graph/>
SELECT ?e WHERE {
  VALUES ?placeKey { UNDEF } GRAPH kgg:names { ?e kg:nameKey ?placeKey }
  GRAPH ?g { ?e a kg:Place }
} ORDER BY ?e""")


def place_store() -> GraphStore:
    s = GraphStore(None)
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/cnpolicy-kg/ontology#Place>"
    s.write_quads(doc("g", f"<urn:datong-city> {t}", f'<urn:datong-city> {LABEL} "Datong City"',
                      f"<urn:datong-county> {t}", f'<urn:datong-county> {LABEL} "Datong County"',
                      f"<urn:jinzhong> {t}", f'<urn:jinzhong> {LABEL} "Jinzhong"', f"<urn:nameless> {t}"), [], False)
    return s


@pytest.mark.parametrize("value, expected", [
    ("datong", ["urn:datong-city", "urn:datong-county"]),  # a name can mean two places: both answer
    ("DATONG COUNTY", ["urn:datong-city", "urn:datong-county"]),
    ("<urn:jinzhong>", ["urn:jinzhong"]),
    ("Jinzhong City", ["urn:jinzhong"]),
    ('x" } } ; DROP ALL ; #', []),  # data, not syntax
    (None, ["urn:datong-city", "urn:datong-county", "urn:jinzhong", "urn:nameless"]),  # left out: all
])
def test_a_name_parameter_is_looked_up_by_its_key(value, expected):
    s = place_store()
    given = {} if value is None else {"place": value}
    assert [str(r[0]) for r in run_saved(s.ox, QUERY, given).rows] == expected
    assert len(s) > 0  # the hostile value changed nothing


def test_prepare_writes_the_key_as_an_escaped_literal():
    text, substitutions = prepare(QUERY, {"place": 'A "quoted"\nname'})
    assert 'VALUES ?placeKey { "a \\"quoted\\"\\nname" }' in text
    assert substitutions == {}
    assert "VALUES ?placeKey" not in prepare(QUERY, {})[0]
