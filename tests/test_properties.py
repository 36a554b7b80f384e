"""Property tests (Hypothesis) on the extraction pipeline: any text extracts without an
exception, to a well-formed graph, with evidence offsets inside their sentences, and the
sentence splitter covers the text in order."""
from __future__ import annotations

import pyoxigraph
from hypothesis import HealthCheck, example, given, settings, assume
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.documents import Document, parse_text
from kg.errors import InputError
from kg.nlp import split_sentences
from kg.pipeline import extract

MAX = 2000
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "Zhang", "Wei", "Li", "Ming", "Wang", "Hongmei", "Group", "Co., Ltd.", "Co.", "Ltd.", "Park",
    "Taiyuan", "Shanxi", "Zhengzhou", "Henan", "City", "Province", "County", "District",
    "chain owner", "industry chain", "will", "by 2025", "by the end of 2026", "percent", "%",
    "billion yuan", "million", "tons", "Party secretary of", "mayor of", "general manager of",
    "chairman of", "said", "based in", "located in", "Steel", "Iron and", "Industrial",
    "Development Zone", "new energy", "hydrogen", "(hereinafter referred to as", ")", "\"",
    "“", "”", "the", "of", "and", "in", "reach", "increase", "to", "Mr.", "Dr.", "U.S.",
    "2023", "2025", "12th", "Five-Year Plan", "100", "3.5", "1,000", "-", "'s", "’",
]
SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", "\n", "\n\n", "  ", "", "-", ". \"",
                              ".\" ", "?", "!", "…", "\t", "\r\n", "\x00", "\u3000", "\u2028", " (", ") "])


@st.composite
def pinyin_texts(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 120))
    parts = []
    for _ in range(n):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            parts.append(str(draw(st.integers(0, 10**6))))
        else:
            parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(SEPARATORS))
    return "".join(parts)[:MAX]


TEXTS = st.one_of(
    st.text(max_size=MAX),                                                   # any Unicode
    st.text(st.characters(codec="utf-8"), max_size=MAX),                     # incl. surrogates-free, controls
    st.text(st.characters(categories=["Cc", "Zs", "Lu", "Ll", "Nd", "Po"]), max_size=MAX),
    st.text(st.sampled_from("Zhang Wei Group Park\x00\x01\n.,"), min_size=MAX // 2, max_size=MAX),  # long, no full stop
    st.text(st.characters(categories=["Lu", "Ll", "Zs"]), min_size=200, max_size=MAX),  # no punctuation
    pinyin_texts(),
)


def make_doc(text: str) -> Document:
    try:
        return parse_text("prop-doc", text)
    except InputError:
        assume(False)
        raise  # unreachable


@SETTINGS
@given(TEXTS)
@example("Zhang Wei, Party secretary of Taiyuan City, said Taiyuan Iron and Steel Group Co., Ltd. will "
         "reach 100 billion yuan by 2025.")
@example("\x00")
@example("Zhang\x00Wei Group Co., Ltd.")
def test_extract_never_raises(text: str) -> None:
    doc = make_doc(text)
    extract(doc)


@SETTINGS
@given(TEXTS)
@example("Li Ming, manager of Example Steel Group, said so.")
def test_graph_well_formed(text: str) -> None:
    doc = make_doc(text)
    _, g = extract(doc)
    nt = g.serialize(format="nt")
    back = Graph().parse(data=nt, format="nt")
    assert isomorphic(g, back)
    for triple in g:
        for term in triple:
            assert not isinstance(term, BNode), triple
            if isinstance(term, URIRef):
                pyoxigraph.NamedNode(str(term))  # raises on an invalid IRI
            elif isinstance(term, Literal) and term.datatype is not None:
                pyoxigraph.NamedNode(str(term.datatype))


@SETTINGS
@given(TEXTS)
@example("Zhang Wei, Party secretary of Taiyuan City, said Taiyuan Iron and Steel Group Co., Ltd. will "
         "reach 100 billion yuan by 2025.")
def test_evidence_inside_sentence(text: str) -> None:
    doc = make_doc(text)
    statements, _ = extract(doc)
    for s in statements:
        ev = s.evidence
        if ev is None:
            continue
        sent = ev.sentence
        assert sent.start <= ev.start < ev.end <= sent.end, s
        assert doc.text[sent.start:sent.end] == sent.text, s


@SETTINGS
@given(TEXTS)
@example('He said "go." Then he left.')
def test_sentences_cover_text(text: str) -> None:
    sentences = split_sentences(text)
    pos = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert pos <= s.start < s.end <= len(text), (pos, s)
        assert text[s.start:s.end] == s.text
        # Nothing between sentences but whitespace.
        assert text[pos:s.start].strip() == "", (text[pos:s.start], s)
        assert s.text == s.text.strip()
        pos = s.end
    assert text[pos:].strip() == ""
