"""Building: one named graph per document, provenance on every fact, idempotent rebuilds,
inference, and a bad input that leaves the store as it was."""
from __future__ import annotations

import pytest
from rdflib import BNode, URIRef
from rdflib.namespace import ORG, RDF

from kg.api import KnowledgeGraph
from kg.documents import parse_text
from kg.errors import InputError, StoreError
from kg.iris import document_graph, inferred_graph
from kg.pipeline import process
from kg.vocab import FACT_PREDICATES, KG, ONTOLOGY_GRAPH


def test_each_document_gets_its_own_graph_and_inferred_graph(small_corpus, tmp_path):
    kg = KnowledgeGraph(tmp_path / "store")
    kg.build([small_corpus])
    names = set(kg.store.graph_names())
    for doc in ("henan-a", "henan-b"):
        assert document_graph(doc) in names and inferred_graph(doc) in names
    assert ONTOLOGY_GRAPH in names


def test_rebuilding_gives_byte_identical_sorted_nquads(small_corpus, tmp_path):
    a, b = KnowledgeGraph(tmp_path / "a"), KnowledgeGraph(tmp_path / "b")
    a.build([small_corpus])
    b.build([small_corpus])
    b.build([small_corpus])  # twice into the same store: no duplicates
    assert a.store.nquads() == b.store.nquads()
    assert "_:" not in a.store.nquads()  # no blank nodes in stored graphs


def test_a_changed_document_replaces_its_graph(tmp_path):
    kg = KnowledgeGraph(tmp_path / "s")
    kg.add_documents([parse_text("d", "Wang Fang, mayor of Wuhan, spoke.")])
    kg.add_documents([parse_text("d", "Wang Fang, mayor of Xiangyang, spoke.")])
    objects = {f["object"] for f in kg.facts() if f["kind"] == "holds_position"}
    assert objects == {"Xiangyang"}


def test_every_fact_triple_has_an_assertion_whose_span_is_in_its_sentence():
    doc = parse_text("p", "Zhang Weiguo, Party secretary of Zhengzhou, said Luoyang Bearing Group is based in Luoyang.")
    g = process(doc).graph
    facts = [(s, p, o) for s, p, o in g if p in FACT_PREDICATES or (p == RDF.type and str(o).startswith(str(KG)) and
                                                                    o in (KG.Person, KG.Enterprise, KG.PrefectureCity))]
    assert len(facts) >= 5
    for s, p, o in facts:
        a = next(g.subjects(RDF.subject, s) and (x for x in g.subjects(RDF.subject, s)
                 if (x, RDF.predicate, p) in g and (x, RDF.object, o) in g), None)
        assert a is not None, (s, p, o)
        sentence = g.value(a, KG.evidence)
        text, start = str(g.value(sentence, KG.text)), int(g.value(sentence, KG.start))
        span = (int(g.value(a, KG.start)), int(g.value(a, KG.end)))
        assert doc.text[start:start + len(text)] == text
        assert start <= span[0] < span[1] <= start + len(text)
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_inference_adds_superclasses_and_validation_conforms():
    out = process(parse_text("i", "Li Ming, manager of Example Steel Group, said the firm is based in Wuhan."))
    assert out.validation.conforms, out.validation.violations
    firm = next(s for s, o in out.graph.subject_objects(RDF.type) if o == KG.Enterprise)
    assert (firm, RDF.type, KG.Organization) in out.inferred
    assert (firm, RDF.type, ORG.Organization) in out.inferred


def test_located_in_closes_through_the_place_hierarchy_at_query_time(tmp_path):
    kg = KnowledgeGraph(tmp_path / "s")
    kg.add_documents([parse_text("x", "Example Valve Co., Ltd. is located in Gongyi. Gongyi is a part of the city of Zhengzhou."),
                      parse_text("y", "Zhengzhou is the capital of Henan. Zhengzhou, Henan Province, grew fast.")])
    rows = kg.query("""PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?name WHERE { ?x kg:locatedIn+ ?p . ?p skos:altLabel "Henan Province" .
                                      ?x rdfs:label ?name }""").rows
    assert {str(r[0]) for r in rows} >= {"Example Valve Co., Ltd.", "Gongyi", "Zhengzhou"}


def test_with_strict_bad_input_anywhere_leaves_the_store_as_it_was(small_corpus, tmp_path):
    kg = KnowledgeGraph(tmp_path / "s")
    kg.build([small_corpus])
    before = kg.store.nquads()
    (small_corpus / "zz-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(range(256)) * 4)
    (small_corpus / "henan-b.txt").write_text("Changed text about Hefei.", encoding="utf-8")
    with pytest.raises(InputError) as e:
        kg.build([small_corpus], strict=True)
    assert "zz-broken.txt" in str(e.value) and "--strict" in str(e.value)
    assert kg.store.nquads() == before
    report = kg.build([small_corpus])  # without strict: the bad file is skipped, the rest built
    assert report.documents == ["henan-b"] and [s.kind for s in report.skipped] == ["binary file, not text"]


def test_the_store_hands_out_rdflib_terms(small_corpus, tmp_path):
    kg = KnowledgeGraph(tmp_path / "s")
    kg.build([small_corpus])
    g = kg.store.graph(document_graph("henan-a"))
    assert all(isinstance(s, URIRef) for s in g.subjects())
    assert len(kg.store.dataset().graph(document_graph("henan-a"))) == len(g)


def test_an_unchanged_rebuild_does_no_extraction(small_corpus, tmp_path, monkeypatch):
    kg = KnowledgeGraph(tmp_path / "s")
    kg.build([small_corpus])
    before = kg.store.nquads()
    import kg.parallel as parallel_module
    calls = []
    monkeypatch.setattr(parallel_module, "process", lambda *a, **k: calls.append(a) or pytest.fail("extracted"))
    report = kg.build([small_corpus])
    assert report.documents == [] and report.unchanged == ["henan-a", "henan-b"] and calls == []
    assert kg.store.nquads() == before


def test_a_changed_document_alone_is_rebuilt_and_force_rebuilds_all(small_corpus, tmp_path):
    kg = KnowledgeGraph(tmp_path / "s")
    kg.build([small_corpus])
    (small_corpus / "henan-b.txt").write_text("Wang Fang, mayor of Kaifeng, spoke.", encoding="utf-8")
    report = kg.build([small_corpus])
    assert (report.documents, report.unchanged) == (["henan-b"], ["henan-a"])
    assert kg.build([small_corpus], force=True).documents == ["henan-a", "henan-b"]


def test_remove_takes_a_document_out_and_names_unknown_ids(small_corpus, tmp_path):
    kg = KnowledgeGraph(tmp_path / "s")
    kg.build([small_corpus])
    kg.remove(["henan-b"])
    assert set(kg.store.document_ids()) == {"henan-a"}
    assert inferred_graph("henan-b") not in kg.store.graph_names()
    with pytest.raises(StoreError, match="no such document in the store: nope"):
        kg.remove(["henan-a", "nope"])
    assert set(kg.store.document_ids()) == {"henan-a"}  # nothing removed when one id is wrong
