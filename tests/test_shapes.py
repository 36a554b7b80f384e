"""Tests of ontology/shapes.ttl (and of the declarations in ontology/kg.ttl).

Every example under tests/data/shapes/ is validated the way a document's
graph is validated. A valid example must conform; an invalid one must give
exactly the expected set of (source shape, focus node) violations, so that
each example shows that the intended rule, and only it, catches the error.
"""
from __future__ import annotations

import importlib.resources
import re
import time

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.vocab import FACT_PREDICATES
from shape_helpers import (
    ANY_BNODE,
    ROOT,
    KG,
    KGR,
    KGSH,
    example,
    ontology,
    shapes,
    validate,
    violations,
)

# Examples read on their own, without base.ttl.
STANDALONE = {"document", "sentence", "extractor"}

# example name -> the shape(s) it exercises (for the coverage test): node shapes
# (with their property shapes) and property shapes that belong to no node shape
VALID = {
    "person--valid": ["PersonShape", "TypeProvenanceShape"],
    "organization--valid": ["OrganizationShape", "TypeProvenanceShape"],
    "place--valid": ["PlaceShape", "TypeProvenanceShape"],
    "chain--valid": ["IndustrialChainShape", "TypeProvenanceShape"],
    "project--valid": ["ProjectShape", "TypeProvenanceShape", "Investment-investmentValue",
                       "Investment-investmentUnit", "Capacity-capacityValue", "Capacity-capacityUnit",
                       "StatusShape"],
    "post--valid": ["PostShape"],
    "post_holding--valid": ["PostHoldingShape"],
    "target--valid": ["TargetShape", "Unit-value"],
    "observation--valid": ["ObservationShape", "ObservedForShape", "Unit-value"],
    "fosters_industry--valid": ["FostersIndustryShape", "IndustryShape"],
    "in_industry--valid": ["InIndustryShape", "IndustryShape"],
    "chain_owner--valid": ["ChainOwnerOfShape"],
    "chain_member--valid": ["ChainMemberOfShape"],
    "chain_chief--valid": ["ChainChiefOfShape"],
    "located_in--valid": ["LocatedIn-object"],
    "part_of--valid": ["PartOfShape"],
    "holds--valid": ["HoldsShape"],
    "operated_by--valid": ["OperatedBy-object"],
    "document--valid": ["DocumentShape"],
    "sentence--valid": ["SentenceShape"],
    "assertion--valid": ["AssertionShape", "Span-start", "Span-end"],
    "extractor--valid": ["ExtractorShape"],
    "provenance--valid": ["FactProvenanceShape", "TypeProvenanceShape"],
}

# example name -> expected {(source shape, focus node)}; kgsh: and kgr: stripped
INVALID = {
    "person--invalid-no-label": {
        ("Entity-label", "person/zhao-lei"),
    },
    "person--invalid-blank-node": {
        ("PersonShape", ANY_BNODE),
        ("Assertion-subject", "assertion/person-3"),
    },
    "organization--invalid-labels": {
        ("Entity-label", "org/example-congress"),
        ("Entity-altLabel", "org/example-congress"),
    },
    "place--invalid": {
        ("Entity-label", "place/example-county"),
        ("Place-placeCode", "place/example-county"),
    },
    "chain--invalid": {
        ("Entity-label", "chain/hydrogen"),
    },
    "project--invalid": {
        ("Entity-shortName", "project/example-test-line"),
    },
    "project--invalid-details": {
        ("Project-status", "project/example-test-line"),
        ("Project-statusDate", "project/example-test-line"),
        ("Project-investmentValue", "project/example-test-line"),
        ("Project-investmentUnit", "project/example-test-line"),
        ("Project-capacityValue", "project/example-test-line"),
        ("Project-capacityUnit", "project/example-test-line"),
    },
    "project--invalid-unit-value": {
        ("Investment-investmentValue", "project/example-line-a"),
        ("Capacity-capacityUnit", "project/example-line-a"),
        ("Investment-investmentUnit", "project/example-line-b"),
        ("Capacity-capacityValue", "project/example-line-b"),
    },
    "status--invalid": {
        ("StatusShape", "org/example-steel-group"),
    },
    "post--invalid": {
        ("Post-postIn", "post/mayor-li-ming"),
        ("Post-title", "post/untitled"),
        ("PostShape", ANY_BNODE),
    },
    "post_holding--invalid": {
        ("PostHolding-holder", "holding/h2"),
        ("PostHolding-asOf", "holding/h2"),
        ("PostHolding-post", "holding/h3"),
        ("PostHolding-wasDerivedFrom", "holding/h3"),
    },
    "target--invalid-values": {
        ("Target-targetOwner", "target/t3"),
        ("Target-metric", "target/t3"),
        ("Target-targetValue", "target/t3"),
        ("Target-comparator", "target/t3"),
        ("Target-period", "target/t3"),
        ("Target-targetOwner", "target/t4"),
        ("Target-metric", "target/t4"),
        ("Target-targetYear", "target/t4"),
        ("Target-wasDerivedFrom", "target/t4"),
    },
    "target--invalid-unit-without-value": {
        ("Unit-value", "target/t5"),
    },
    "observation--invalid-values": {
        ("Observation-observedFor", "observation/o3"),
        ("Observation-metric", "observation/o3"),
        ("Observation-observedValue", "observation/o3"),
        ("Observation-unit", "observation/o3"),
        ("Observation-comparator", "observation/o3"),
        ("Observation-observationYear", "observation/o3"),
        ("Observation-asOf", "observation/o3"),
        ("Observation-wasDerivedFrom", "observation/o3"),
        ("Observation-observedFor", "observation/o4"),
        ("Observation-metric", "observation/o4"),
        ("Observation-observedValue", "observation/o4"),
        ("Observation-observationYear", "observation/o4"),
        ("Observation-wasDerivedFrom", "observation/o4"),
    },
    "observation--invalid-unit-without-value": {
        ("Unit-value", "observation/o5"),
        ("Observation-observedValue", "observation/o5"),
    },
    "observed_for--invalid": {
        ("ObservedForShape", "place/example-city"),
    },
    "fosters_industry--invalid": {
        ("FostersIndustryShape", "person/li-ming"),
        ("FostersIndustry-object", "place/example-city"),
    },
    "in_industry--invalid": {
        ("InIndustryShape", "place/example-city"),
        ("InIndustry-object", "org/example-steel-group"),
    },
    "industry--invalid": {
        ("Industry-prefLabel", "industry/new-energy-industry"),
        ("Industry-prefLabel", "industry/hydrogen-energy-industry"),
        ("IndustryShape", ANY_BNODE),
    },
    "chain_owner--invalid": {
        ("ChainOwnerOfShape", "person/li-ming"),
        ("ChainOwnerOf-object", "org/example-steel-group"),
    },
    "chain_member--invalid": {
        ("ChainMemberOfShape", "person/li-ming"),
        ("ChainMemberOf-object", "org/example-steel-group"),
    },
    "chain_chief--invalid": {
        ("ChainChiefOfShape", "org/example-steel-group"),
        ("ChainChiefOf-object", "person/li-ming"),
    },
    "located_in--invalid": {
        ("LocatedIn-object", "org/example-steel-group"),
    },
    "part_of--invalid": {
        ("PartOfShape", "person/li-ming"),
        ("PartOf-object", "org/example-steel-group"),
    },
    "holds--invalid": {
        ("HoldsShape", "org/example-steel-group"),
        ("Holds-object", "person/li-ming"),
    },
    "operated_by--invalid": {
        ("OperatedBy-object", "project/example-cold-rolling-line"),
    },
    "document--invalid": {
        ("Document-docId", "doc/ex3"),
        ("Document-contentHash", "doc/ex3"),
        ("Document-date", "doc/ex3"),
        ("Document-title", "doc/ex3"),
        ("Document-source", "doc/ex3"),
    },
    "document--invalid-blank": {
        ("DocumentShape", ANY_BNODE),
        ("Document-docId", ANY_BNODE),
        ("Document-contentHash", ANY_BNODE),
    },
    "sentence--invalid": {
        ("Sentence-inDocument", "doc/ex2/s5"),
        ("Sentence-text", "doc/ex2/s5"),
        ("Span-start", "doc/ex2/s5"),
        ("Sentence-start", "doc/ex2/s6"),
        ("Sentence-end", "doc/ex2/s6"),
        ("Span-end", "doc/ex2/s6"),
    },
    "assertion--invalid-values": {
        ("Assertion-evidence", "assertion/bad-1"),
        ("Assertion-confidence", "assertion/bad-1"),
        ("Span-start", "assertion/bad-1"),
        ("Assertion-confidence", "assertion/bad-2"),
        ("Span-end", "assertion/bad-2"),
    },
    "assertion--invalid-structure": {
        ("Assertion-subject", "assertion/bad-3"),
        ("Assertion-predicate", "assertion/bad-3"),
        ("Assertion-object", "assertion/bad-3"),
        ("Assertion-wasAttributedTo", "assertion/bad-3"),
        ("AssertionShape", ANY_BNODE),
    },
    "extractor--invalid": {
        ("Extractor-label", "extractor/posts/unversioned"),
        ("Extractor-version", "extractor/posts/unversioned"),
    },
    "provenance--invalid-typing": {
        # One result per unbacked typing triple; see test_typing_provenance_results.
        ("TypeProvenanceShape", "person/wang-fang"),
        ("TypeProvenanceShape", "org/example-bank"),
        ("TypeProvenanceShape", "place/example-province"),
        ("TypeProvenanceShape", "project/example-furnace"),
        ("Assertion-evidence", "assertion/prov-8"),
        ("TypeProvenanceShape", "chain/hydrogen"),
        ("TypeProvenanceShape", "place/example-zone"),
    },
    "provenance--invalid-facts": {
        # All fact results have the document as focus node; see test_fact_provenance_results.
        ("FactProvenanceShape", "doc/ex1"),
        ("Assertion-evidence", "assertion/fact-6"),
    },
}


# invalid example -> the shape(s) whose rules it breaks: node shapes (through the
# node shape itself or one of its property shapes) and property shapes that
# belong to no node shape
INVALID_SHAPES = {
    "person--invalid-no-label": ["PersonShape"],
    "person--invalid-blank-node": ["PersonShape", "AssertionShape"],
    "organization--invalid-labels": ["OrganizationShape"],
    "place--invalid": ["PlaceShape"],
    "chain--invalid": ["IndustrialChainShape"],
    "project--invalid": ["ProjectShape"],
    "project--invalid-details": ["ProjectShape"],
    "project--invalid-unit-value": ["Investment-investmentValue", "Investment-investmentUnit",
                                    "Capacity-capacityValue", "Capacity-capacityUnit"],
    "status--invalid": ["StatusShape"],
    "post--invalid": ["PostShape"],
    "post_holding--invalid": ["PostHoldingShape"],
    "target--invalid-values": ["TargetShape"],
    "target--invalid-unit-without-value": ["Unit-value"],
    "observation--invalid-values": ["ObservationShape"],
    "observation--invalid-unit-without-value": ["Unit-value", "ObservationShape"],
    "observed_for--invalid": ["ObservedForShape"],
    "fosters_industry--invalid": ["FostersIndustryShape"],
    "in_industry--invalid": ["InIndustryShape"],
    "industry--invalid": ["IndustryShape"],
    "chain_owner--invalid": ["ChainOwnerOfShape"],
    "chain_member--invalid": ["ChainMemberOfShape"],
    "chain_chief--invalid": ["ChainChiefOfShape"],
    "located_in--invalid": ["LocatedIn-object"],
    "part_of--invalid": ["PartOfShape"],
    "holds--invalid": ["HoldsShape"],
    "operated_by--invalid": ["OperatedBy-object"],
    "document--invalid": ["DocumentShape"],
    "document--invalid-blank": ["DocumentShape"],
    "sentence--invalid": ["SentenceShape", "Span-start", "Span-end"],
    "assertion--invalid-values": ["AssertionShape", "Span-start", "Span-end"],
    "assertion--invalid-structure": ["AssertionShape"],
    "extractor--invalid": ["ExtractorShape"],
    "provenance--invalid-typing": ["TypeProvenanceShape", "AssertionShape"],
    "provenance--invalid-facts": ["FactProvenanceShape", "AssertionShape"],
}


def _load(name: str) -> Graph:
    return example(name, with_base=name.split("--")[0] not in STANDALONE)


def _describe(results) -> str:
    return "\n".join(
        f"{r.source_shape} {r.focus_node} {r.result_path} {r.value} {r.messages}" for r in results
    )


# ----------------------------------------------------------------- examples ---


def test_base_conforms():
    conforms, results, text = validate(example("base", with_base=False))
    assert conforms, text
    assert results == []


def _checked_nodes(shape: URIRef, data: Graph) -> set:
    """The nodes a shape checks: the focus nodes of its class and subjects-of
    targets; for kgsh:TypeProvenanceShape, whose SPARQL target selects only the
    entities that fail it, every node with a typing triple of an entity class."""
    g = shapes()
    union = data + ontology()
    nodes = set()
    for cls in g.objects(shape, SH.targetClass):
        for sub in union.transitive_subjects(RDFS.subClassOf, cls):
            nodes |= set(union.subjects(RDF.type, sub))
    for prop in g.objects(shape, SH.targetSubjectsOf):
        nodes |= set(union.subjects(prop, None))
    if shape == KGSH.TypeProvenanceShape:
        for cls in _entity_classes(ontology()):
            nodes |= set(data.subjects(RDF.type, cls))
    return nodes


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_example_conforms(name):
    data = _load(name)
    for shape in VALID[name]:
        assert _checked_nodes(KGSH[shape], data), f"{name} gives {shape} nothing to check"
    conforms, results, text = validate(data)
    assert conforms, text
    assert results == [], _describe(results)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_example_gives_expected_violations(name):
    conforms, results, text = validate(_load(name))
    assert not conforms
    assert violations(results) == INVALID[name], _describe(results)
    for r in results:
        assert r.severity == SH.Violation
        assert r.messages, f"result of {r.source_shape} without a message"


TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf, SH.target)
ENTITY_SHAPES = (KGSH.PersonShape, KGSH.OrganizationShape, KGSH.PlaceShape, KGSH.IndustrialChainShape,
                 KGSH.ProjectShape)


def _targets(g: Graph, shape: URIRef) -> set[tuple]:
    return {(p, o) for p in TARGETS for o in g.objects(shape, p)}


def _targeted_shapes(g: Graph) -> set[URIRef]:
    """The node and property shapes with a target of their own."""
    return {s for p in TARGETS for s in g.subjects(p, None)}


def _node_shapes(g: Graph) -> set[URIRef]:
    return {s for s in _targeted_shapes(g) if (s, RDF.type, SH.NodeShape) in g}


def _property_shapes_of(g: Graph, node_shape: URIRef) -> set[URIRef]:
    """The property shapes of a node shape kgsh:{Name}Shape: kgsh:{Name}-*, and
    kgsh:Entity-* for the five entity shapes. shapes.ttl does not list them with
    sh:property; they carry the node shape's targets (see its header)."""
    stems = {str(node_shape)[len(str(KGSH)):].removesuffix("Shape")}
    if node_shape in ENTITY_SHAPES:
        stems.add("Entity")
    return {s for s in g.subjects(RDF.type, SH.PropertyShape)
            if str(s)[len(str(KGSH)):].split("-")[0] in stems}


def _rule_shapes(g: Graph) -> set[URIRef]:
    """The targeted node shapes and the targeted property shapes that belong to none."""
    node_shapes = _node_shapes(g)
    owned = set().union(*(_property_shapes_of(g, n) for n in node_shapes))
    return _targeted_shapes(g) - owned


def test_every_shape_has_a_valid_and_an_invalid_example():
    """Each targeted node shape, and each targeted property shape that belongs
    to no node shape, is exercised by a valid example and broken by an invalid
    one (a node shape through itself or one of its property shapes)."""
    g = shapes()
    rules = _rule_shapes(g)
    assert INVALID_SHAPES.keys() == INVALID.keys()
    for name, listed in INVALID_SHAPES.items():
        expected_shapes = {KGSH[shape] for shape, _ in INVALID[name]}
        for shape in listed:
            own = {KGSH[shape]} | _property_shapes_of(g, KGSH[shape])
            assert own & expected_shapes, f"{name} does not break {shape}"
    valid_covered = {KGSH[n] for names in VALID.values() for n in names}
    invalid_covered = {KGSH[n] for names in INVALID_SHAPES.values() for n in names}
    assert valid_covered <= rules and invalid_covered <= rules
    assert rules - valid_covered == set()
    assert rules - invalid_covered == set()


def test_property_shapes_carry_the_targets_of_their_node_shape():
    """Each property shape of a node shape targets exactly what the node shape
    targets (kgsh:Entity-*: what the five entity shapes target together); every
    property shape has targets of its own, and no node shape lists property
    shapes with sh:property (pySHACL would validate them once per focus node)."""
    g = shapes()
    entity_targets = set().union(*(_targets(g, s) for s in ENTITY_SHAPES))
    property_shapes = set(g.subjects(RDF.type, SH.PropertyShape))
    assert len(property_shapes) > 60
    assert all(_targets(g, p) for p in property_shapes)
    for node_shape in _node_shapes(g):
        for p in _property_shapes_of(g, node_shape):
            stem = str(p)[len(str(KGSH)):].split("-")[0]
            assert _targets(g, p) == (entity_targets if stem == "Entity" else _targets(g, node_shape)), p
    assert set(g.subjects(SH.property, None)) == set()


def test_fact_provenance_results():
    """Each unbacked fact triple is reported once, with its predicate as
    sh:resultPath, its object as sh:value and the whole triple in the message;
    backed facts and the ontology's own triples are not reported."""
    conforms, results, text = validate(example("provenance--invalid-facts"))
    assert not conforms
    facts = [r for r in results if r.source_shape == KGSH.FactProvenanceShape]
    found = {(r.result_path, r.value) for r in facts}
    org = KGR["org/example-steel-group"]
    assert found == {
        (URIRef("http://www.w3.org/ns/org#holds"), KGR["post/secretary-example-city"]),
        (KG.chainOwnerOf, KGR["chain/photovoltaic"]),
        (KG.chainMemberOf, KGR["chain/photovoltaic"]),
        (KG.chainChiefOf, KGR["chain/photovoltaic"]),
        (KG.locatedIn, KGR["place/example-city"]),
        (KG.partOf, org),
        (KG.operatedBy, org),
        (KG.targetOwner, KGR["place/example-city"]),
        (KG.observedFor, KGR["place/example-city"]),
        (KG.fostersIndustry, KGR["industry/hydrogen-energy-industry"]),
        (KG.inIndustry, KGR["industry/hydrogen-energy-industry"]),
        (KG.status, KG.Planned),
    }, _describe(results)
    assert len(facts) == 12
    for r in facts:
        assert r.focus_node == KGR["doc/ex1"]
        (message,) = r.messages
        assert str(r.result_path) in message and str(r.value) in message
        assert "has no provenance" in message
    partof = next(r for r in facts if r.result_path == KG.partOf)
    assert str(KGR["org/example-steel-pipe-co"]) in partof.messages[0]
    # the backed fact <org/example-steel-pipe-co> kg:locatedIn <place/example-city>
    located = [r for r in facts if r.result_path == KG.locatedIn]
    assert len(located) == 1 and str(org) in located[0].messages[0]


def test_fact_provenance_checks_the_fact_predicates_of_kg_vocab():
    """The SPARQL constraint of kgsh:FactProvenanceShape lists exactly the
    predicates that kg/vocab.py says carry an assertion."""
    g = shapes()
    (select,) = g.objects(KGSH.FactProvenanceConstraint, SH.select)
    namespaces = {"kg": str(KG), "org": "http://www.w3.org/ns/org#"}
    bound = {
        URIRef(namespaces[prefix] + local)
        for prefix, local in re.findall(r"BIND \((\w+):(\w+) AS \?path\)", str(select))
    }
    assert bound == set(FACT_PREDICATES)
    description = str(g.value(KGSH.FactProvenanceShape, SH.description))
    for predicate in FACT_PREDICATES:
        assert g.qname(predicate) in description


def test_typing_provenance_results():
    """Each unbacked typing triple is reported once, with the entity as focus
    node, rdf:type as sh:resultPath, the class as sh:value and the triple in
    the message. Only direct typing triples count: Example Bank's kg:Enterprise
    triple is asserted, its kg:Organization triple is not."""
    conforms, results, _ = validate(example("provenance--invalid-typing"))
    typing = [r for r in results if r.source_shape == KGSH.TypeProvenanceShape]
    assert sorted((r.focus_node, r.value) for r in typing) == sorted([
        (KGR["person/wang-fang"], KG.Person),
        (KGR["org/example-bank"], KG.Organization),
        (KGR["place/example-province"], KG.Province),
        (KGR["project/example-furnace"], KG.Project),
        (KGR["chain/hydrogen"], KG.IndustrialChain),
        (KGR["place/example-zone"], KG.Zone),
    ]), _describe(results)
    for r in typing:
        assert r.result_path == RDF.type
        (message,) = r.messages
        assert f"<{r.focus_node}> rdf:type <{r.value}>" in message and "has no provenance" in message


def test_typing_provenance_edge_cases():
    """A blank node entity is checked like any other; an assertion typed with a
    subclass of kg:Assertion backs a typing triple (as sh:class kg:Assertion
    would accept it); an entity typed only with a subclass of an entity class
    that is not itself one needs no assertion of the superclass."""
    data = example("base")
    data.parse(format="turtle", data="""
        @base <https://w3id.org/cnpolicy-kg/id/> .
        @prefix kg: <https://w3id.org/cnpolicy-kg/ontology#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix ex: <https://example.org/> .
        [] a kg:Project ; rdfs:label "an unnamed project" .
        ex:CheckedAssertion rdfs:subClassOf kg:Assertion .
        <person/zhou-min> a kg:Person ; rdfs:label "Zhou Min" .
        <assertion/sub-1> a ex:CheckedAssertion ;
            rdf:subject <person/zhou-min> ; rdf:predicate rdf:type ; rdf:object kg:Person ;
            kg:evidence <doc/ex1/s0> ; prov:wasAttributedTo <extractor/test/1.0> ; kg:confidence 0.8 .
        ex:Bank rdfs:subClassOf kg:Enterprise .
        <org/example-savings-bank> a ex:Bank ; rdfs:label "Example Savings Bank" .
    """)
    conforms, results, _ = validate(data)
    assert violations(results) == {("ProjectShape", ANY_BNODE), ("TypeProvenanceShape", ANY_BNODE)}, \
        _describe(results)
    (r,) = [r for r in results if r.source_shape == KGSH.TypeProvenanceShape]
    assert r.value == KG.Project


def test_facts_in_a_graph_without_document_do_not_pass():
    """The fact provenance check runs once per kg:Document; a graph with a fact
    but no document (and no assertions) still fails, on the typing triples
    that the fact shapes require."""
    data = Graph().parse(format="turtle", data="""
        @base <https://w3id.org/cnpolicy-kg/id/> .
        @prefix kg: <https://w3id.org/cnpolicy-kg/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <org/example-steel-group> kg:locatedIn <place/example-city> .
        <place/example-city> a kg:PrefectureCity ; rdfs:label "Example City" .
    """)
    conforms, results, _ = validate(data)
    assert not conforms
    assert violations(results) == {("TypeProvenanceShape", "place/example-city")}


def test_sh_class_follows_the_class_hierarchy_of_the_ontology():
    """kg:PrefectureCity is a kg:Place only through kg:AdministrativeDivision:
    without the ontology the post's kg:postIn fails, with it it passes."""
    data = example("post--valid")
    conforms, results, _ = validate(data, ont_graph=Graph())
    assert not conforms
    assert ("Post-postIn", "post/secretary-example-city") in violations(results)
    assert validate(data)[0]


# ------------------------------------- ontology triples are not flagged ---


def test_ontology_alone_conforms():
    """The ontology's own triples (class declarations, kg:About a kg:Comparator
    ...) trigger no shape, whether mixed in by pySHACL or given as data."""
    conforms, results, text = validate(ontology())
    assert conforms, text


def test_ontology_fully_merged_into_the_data_graph_conforms():
    """pySHACL only copies the ontology's class and property axioms into the
    data graph by default; here every ontology triple is in the data graph."""
    data = example("provenance--valid")
    data += ontology()
    assert (KG.About, RDF.type, KG.Comparator) in data
    assert (KG.Planned, RDF.type, KG.ProjectStatus) in data
    assert (KG.Planned, RDF.type, OWL.NamedIndividual) in data
    conforms, results, text = validate(data)
    assert conforms, text
    conforms, results, text = validate(data, ont_graph=Graph())
    assert conforms, text


def test_industry_vocabulary_conforms():
    """Every concept of ontology/industries.ttl passes kgsh:IndustryShape, so
    a document graph that copies an industry's type and label passes too."""
    data = Graph().parse(ROOT / "ontology" / "industries.ttl", format="turtle")
    assert len(set(data.subjects(RDF.type, KG.Industry))) > 100
    conforms, results, text = validate(data)
    assert conforms, text


def _in_list(shape: URIRef) -> set:
    g = shapes()
    return set(Collection(g, g.value(shape, SH["in"])))


def test_enumerations_match_the_ontology():
    """The sh:in lists name exactly the individuals of kg:Comparator and
    kg:ProjectStatus declared in kg.ttl."""
    ont = ontology()
    comparators = set(ont.subjects(RDF.type, KG.Comparator))
    statuses = set(ont.subjects(RDF.type, KG.ProjectStatus))
    assert len(comparators) == 5 and len(statuses) == 5
    assert _in_list(KGSH["Target-comparator"]) == comparators
    assert _in_list(KGSH["Observation-comparator"]) == comparators
    assert _in_list(KGSH["Project-status"]) == statuses


# ------------------------------------------------- the shapes graph itself ---


def test_shapes_pass_meta_shacl():
    conforms, report, text = pyshacl.validate(
        example("base", with_base=False),
        shacl_graph=shapes(),
        ont_graph=ontology(),
        meta_shacl=True,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    assert conforms, text


def test_shapes_conform_to_shacl_shacl():
    shacl_shacl = Graph().parse(
        importlib.resources.files("pyshacl") / "assets" / "shacl-shacl.ttl", format="turtle"
    )
    conforms, report, text = pyshacl.validate(shapes(), shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def test_every_shape_explains_itself():
    """Every node shape and property shape (named or not) says in words what it
    checks or what is wrong: sh:message, sh:description or sh:name."""
    g = shapes()
    candidates = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    candidates |= set(g.subjects(SH.path, None))
    candidates |= {o for o in g.objects(None, SH.property)}
    for p in (SH["or"], SH["and"], SH.xone):
        for lst in g.objects(None, p):
            candidates |= set(Collection(g, lst))
    candidates |= set(g.objects(None, SH["not"])) | set(g.objects(None, SH.qualifiedValueShape))
    candidates |= set(g.objects(None, SH.node))
    unexplained = [
        s for s in candidates
        if not any((s, p, None) in g for p in (SH.message, SH.description, SH.name))
    ]
    assert unexplained == []
    for s in g.subjects(RDF.type, SH.SPARQLConstraint):
        assert g.value(s, SH.message) is not None


def test_shapes_use_only_declared_kg_terms():
    declared = set(ontology().subjects(RDF.type, None))
    g = shapes()
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}
    for select in g.objects(None, SH.select):
        for word in str(select).replace("(", " ").replace(")", " ").replace(",", " ").split():
            if word.startswith("kg:"):
                used.add(KG[word[3:]])
    assert used - declared == set()


def _entity_classes(ont: Graph) -> set[URIRef]:
    roots = [KG.Person, KG.Organization, KG.Place, KG.IndustrialChain, KG.Project]
    found: set[URIRef] = set()
    for root in roots:
        found |= set(ont.transitive_subjects(RDFS.subClassOf, root))
    return found


def _kg_terms(text: str) -> set[URIRef]:
    return {KG[local] for local in re.findall(r"\bkg:(\w+)", text)}


def test_entity_classes_are_all_covered():
    """Every entity class of the ontology (the five roots and their subclasses)
    is a target of its entity shape and of the entity property shapes, and is
    listed by both queries of the typing provenance rule; so a subclass added
    to kg.ttl without shapes fails here."""
    ont, g = ontology(), shapes()
    classes = _entity_classes(ont)
    assert len(classes) == 16
    entity_targets = set()
    for shape in ENTITY_SHAPES:
        entity_targets |= set(g.objects(shape, SH.targetClass))
    assert entity_targets == classes
    for shape in (KGSH["Entity-label"], KGSH["Entity-altLabel"], KGSH["Entity-shortName"]):
        assert set(g.objects(shape, SH.targetClass)) == classes
    (target,) = g.objects(KGSH.TypeProvenanceShape, SH.target)
    (select,) = g.objects(target, SH.select)
    values = re.search(r"VALUES \?class \{(.*?)\}", str(select), re.S)
    assert _kg_terms(values.group(1)) == classes
    (select,) = g.objects(KGSH.TypeProvenanceConstraint, SH.select)
    listed = re.search(r"FILTER \(\?value IN \((.*?)\)\)", str(select), re.S)
    assert _kg_terms(listed.group(1)) == classes
    description = str(g.value(KGSH.TypeProvenanceShape, SH.description))
    assert {cls for cls in classes if g.qname(cls) in description} == classes


# -------------------------------------------------------------- ontology ---


def test_ontology_parses_and_documents_every_term():
    ont = ontology()
    assert (URIRef("https://w3id.org/cnpolicy-kg/ontology"), RDF.type, OWL.Ontology) in ont
    terms = {s for s in ont.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(KG))}
    assert len(terms) > 50
    undocumented = []
    for term in sorted(terms):
        labels = [o for o in ont.objects(term, RDFS.label) if isinstance(o, Literal) and str(o).strip()]
        comments = [o for o in ont.objects(term, RDFS.comment) if isinstance(o, Literal) and str(o).strip()]
        if not labels or not comments:
            undocumented.append(term)
    assert undocumented == []


def test_ontology_uses_only_declared_kg_terms():
    ont = ontology()
    declared = set(ont.subjects(RDF.type, None))
    used = {t for triple in ont for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}
    assert used - declared == set()


# ----------------------------------------------------------------- timing ---


def test_validation_of_a_small_document_is_fast():
    """A sanity bound; the ~2,000-triple figure is measured outside the suite."""
    data = example("provenance--valid")
    validate(data)
    start = time.perf_counter()
    conforms, _, _ = validate(data)
    assert conforms
    assert time.perf_counter() - start < 2.0
