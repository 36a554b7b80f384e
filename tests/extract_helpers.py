"""Helpers for the extractor tests: build an in-memory graph from one short text and
read back its facts (kg.facts()) in small, comparable shapes.

Names are compared after the normalization of the facts contract
(/work/shared/eval/FORMAT.md): case, punctuation and the words "the", "co", "ltd",
"company", "limited", "city", "province", "county", "district", "industry chain",
"industrial chain" are ignored, so a test does not depend on which spelling of an
entity became its label.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.api import KnowledgeGraph
from kg.documents import parse_text

KG = "https://w3id.org/cnpolicy-kg/ontology#"
_IGNORED = {"the", "co", "ltd", "company", "limited", "city", "province", "county", "district"}


def norm(name: str) -> str:
    """A name as the scorer compares it."""
    s = name.lower().replace("’", "'")
    s = re.sub(r"\b(?:industry|industrial)\s+chains?\b", " ", s)
    s = re.sub(r"[^\w\s]", "", s)
    return " ".join(w for w in s.split() if w not in _IGNORED)


def with_date(text: str, date: str) -> str:
    """The text with front matter giving the document's date."""
    return f"---\ndate: {date}\n---\n{text}"


@lru_cache(maxsize=None)
def _build(text: str) -> tuple[KnowledgeGraph, tuple[dict, ...]]:
    kg = KnowledgeGraph(None)
    kg.add_documents([parse_text("t1", text)])
    return kg, tuple(kg.facts())


def facts(text: str) -> list[dict]:
    """All facts of a one-document graph built from the text."""
    return list(_build(text)[1])


def graph(text: str) -> KnowledgeGraph:
    """The knowledge graph built from the text (for SPARQL checks)."""
    return _build(text)[0]


def triples(text: str, kind: str | None = None) -> set[tuple[str, str, str]]:
    """(kind, subject, object) of every fact (of one kind), names normalized."""
    return {(f["kind"], norm(f["subject"]), norm(f["object"]) if f["kind"] != "entity" else f["object"])
            for f in facts(text) if kind is None or f["kind"] == kind}


def pairs(text: str, kind: str) -> set[tuple[str, str]]:
    """(subject, object) of the facts of one kind, names normalized."""
    return {(s, o) for _, s, o in triples(text, kind)}


def pair(subject: str, obj: str) -> tuple[str, str]:
    """A (subject, object) pair normalized like pairs()."""
    return norm(subject), norm(obj)


def entities(text: str) -> dict[str, set[str]]:
    """Normalized entity name -> its contract types (Person, Organization, Place...)."""
    out: dict[str, set[str]] = {}
    for f in facts(text):
        if f["kind"] == "entity":
            out.setdefault(norm(f["subject"]), set()).add(f["object"])
    return out


def people(text: str) -> set[str]:
    """Normalized names of the entities typed Person."""
    return {n for n, types in entities(text).items() if "Person" in types}


def posts(text: str) -> set[tuple[str, str, str]]:
    """(person, organization or place, lower-case title) of the holds_position facts."""
    return {(norm(f["subject"]), norm(f["object"]), f["qualifiers"]["title"].lower())
            for f in facts(text) if f["kind"] == "holds_position"}


def post(person: str, where: str, title: str) -> tuple[str, str, str]:
    return norm(person), norm(where), title.lower()


def targets(text: str) -> list[dict]:
    """The target facts: {owner, metric, year, value, unit} (owner normalized, absent keys None)."""
    return [{"owner": norm(f["subject"]), "metric": f["object"], "year": f["qualifiers"].get("year"),
             "value": f["qualifiers"].get("value"), "unit": f["qualifiers"].get("unit")}
            for f in facts(text) if f["kind"] == "target"]


def select(text: str, sparql: str) -> set[tuple[str, ...]]:
    """Rows of a SELECT over the graph built from the text, as tuples of strings."""
    result = graph(text).query(f"PREFIX kg: <{KG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + sparql)
    return {tuple("" if v is None else str(v) for v in row) for row in result.rows}


def chain_relations(text: str) -> set[tuple[str, str, str]]:
    """(subject, 'owner'|'chief'|'member', chain) for kg:chainOwnerOf / chainChiefOf / chainMemberOf in the graph."""
    rows = select(text, """SELECT ?s ?p ?c WHERE { GRAPH ?g {
        ?x ?p ?y . FILTER(?p IN (kg:chainOwnerOf, kg:chainChiefOf, kg:chainMemberOf))
        ?x rdfs:label ?s . ?y rdfs:label ?c } }""")
    short = {KG + "chainOwnerOf": "owner", KG + "chainChiefOf": "chief", KG + "chainMemberOf": "member"}
    return {(norm(s), short[p], norm(c)) for s, p, c in rows}


def comparators(text: str) -> set[tuple[str, str]]:
    """(target value, comparator local name) of every target in the graph."""
    rows = select(text, """SELECT ?v ?c WHERE { GRAPH ?g {
        ?t a kg:Target ; kg:targetValue ?v ; kg:comparator ?c } }""")
    return {(v, c.rsplit("#", 1)[-1]) for v, c in rows}
