"""One document's graph: its Document node, its sentences, the extractors' statements,
and an assertion (reified triple with evidence, extractor and confidence) for each fact.

>>> from kg.documents import parse_text
>>> g = document_graph_for(parse_text("d1", "Nothing here."), [])
>>> len(g) > 0
True
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from .documents import Document
from .extractors.statements import Statement
from .iris import document_iri, extractor_iri, hashed_iri, sentence_iri
from .nlp import Sentence, split_sentences
from .vocab import KG


def document_graph_for(doc: Document, statements: list[Statement], sentences: list[Sentence] | None = None) -> Graph:
    """The graph of one document, deterministic for the same document and statements.

    Sentences that give evidence are added with their text and offsets.
    """
    sentences = split_sentences(doc.text) if sentences is None else sentences
    g = Graph()
    d = document_iri(doc.id)
    g.add((d, RDF.type, KG.Document))
    g.add((d, KG.docId, Literal(doc.id)))
    g.add((d, KG.contentHash, Literal(doc.content_hash)))
    if doc.title:
        g.add((d, DCTERMS.title, Literal(doc.title)))
    if doc.date:
        g.add((d, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    if doc.source:
        g.add((d, DCTERMS.source, Literal(doc.source)))
    used_sentences: set[int] = set()
    for st in statements:
        g.add((st.subject, st.predicate, st.object))
        if st.evidence is None:
            continue
        ev = st.evidence
        used_sentences.add(ev.sentence.index)
        agent = extractor_iri(st.extractor, st.version)
        a = hashed_iri("assertion", doc.id, st.subject, st.predicate, st.object, ev.start, ev.end, st.extractor)
        g.add((a, RDF.type, KG.Assertion))
        g.add((a, RDF.subject, st.subject))
        g.add((a, RDF.predicate, st.predicate))
        g.add((a, RDF.object, st.object))
        g.add((a, KG.evidence, sentence_iri(doc.id, ev.sentence.index)))
        g.add((a, KG.start, Literal(ev.start)))
        g.add((a, KG.end, Literal(ev.end)))
        g.add((a, KG.confidence, Literal(Decimal(str(round(st.confidence, 3))), datatype=XSD.decimal)))
        g.add((a, PROV.wasAttributedTo, agent))
        g.add((agent, RDF.type, KG.Extractor))
        g.add((agent, RDFS.label, Literal(st.extractor)))
        g.add((agent, KG.version, Literal(st.version)))
    for s in sentences:
        if s.index in used_sentences:
            si = sentence_iri(doc.id, s.index)
            g.add((si, RDF.type, KG.Sentence))
            g.add((si, KG.inDocument, d))
            g.add((si, KG.text, Literal(s.text)))
            g.add((si, KG.start, Literal(s.start)))
            g.add((si, KG.end, Literal(s.end)))
    return g
