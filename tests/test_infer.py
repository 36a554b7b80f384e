"""The compiled reasoner gives exactly the triples owlrl's OWL RL closure gives: on the
corpus documents, on hand-made cases for each rule, and on random graphs over the
ontology's own classes and properties (Hypothesis)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS

from kg.documents import load_paths
from kg.infer import infer_graph, schema_triples
from kg.pipeline import extract
from kg.vocab import KG, KGR

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def both(g: Graph) -> tuple[set, set]:
    return set(infer_graph(g, engine="compiled")), set(infer_graph(g, engine="owlrl"))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_engines_agree_on_corpus(path):
    _, graph = extract(load_paths([path])[0])
    compiled, reference = both(graph)
    assert compiled == reference
    assert compiled, "a news article entails some superclasses"


def g_of(*triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


A, B, C = KGR["place/a"], KGR["place/b"], KGR["place/c"]


def test_transitive_located_in_within_the_document():
    g = g_of((A, KG.locatedIn, B), (B, KG.locatedIn, C))
    compiled, reference = both(g)
    assert (A, KG.locatedIn, C) in compiled
    assert compiled == reference


def test_superclass_domain_and_range_types():
    holding, person = KGR["posting/x"], KGR["person/x"]
    g = g_of((holding, KG.holder, person), (person, RDF.type, KG.Person))
    compiled, reference = both(g)
    assert (person, RDF.type, FOAF.Person) in compiled          # cax-sco
    assert (holding, RDF.type, KG.PostHolding) in compiled      # prp-dom
    assert compiled == reference


def test_two_values_of_a_functional_property_fall_back_to_owlrl():
    functional = sorted({s for s, p, o in schema_triples() if p == RDF.type and o == OWL.FunctionalProperty})
    assert functional, "the ontology declares functional properties"
    x = KGR["posting/x"]
    g = g_of((x, functional[0], KGR["person/a"]), (x, functional[0], KGR["person/b"]))
    compiled, reference = both(g)
    assert compiled == reference
    assert (KGR["person/a"], OWL.sameAs, KGR["person/b"]) in compiled


# -- random graphs over the ontology's vocabulary ------------------------------------------
def _vocabulary() -> tuple[list, list]:
    classes = sorted({s for s, p, o in schema_triples() if p == RDF.type and o == OWL.Class}
                     | {o for s, p, o in schema_triples() if p == RDFS.subClassOf and isinstance(o, URIRef)})
    props = sorted({s for s, p, o in schema_triples() if p == RDF.type and o == OWL.ObjectProperty})
    return classes + [URIRef("https://example.org/Undeclared"), OWL.Thing], props


CLASSES, PROPS = _vocabulary()
NODES = [KGR[f"thing/n{i}"] for i in range(6)] + [URIRef("https://example.org/outside")]
node = st.sampled_from(NODES)
typing = st.tuples(node, st.just(RDF.type), st.sampled_from(CLASSES))
link = st.tuples(node, st.sampled_from(PROPS), node)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(typing, link), max_size=14))
def test_engines_agree_on_random_graphs(triples):
    compiled, reference = both(g_of(*triples))
    assert compiled == reference


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown reasoner"):
        infer_graph(Graph(), engine="fast")
