"""The facts export (../shared/eval/FORMAT.md), derived from the graph by SPARQL.

One JSON object per fact: doc, kind, subject, object, qualifiers, evidence. Names
are the entities' labels in the document's own graph (as written there).
"""
from __future__ import annotations

import json
from decimal import Decimal

from rdflib.namespace import ORG

from .store import GraphStore
from .vocab import KG

PREFIXES = """PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
CONTRACT_TYPE = """VALUES (?cls ?type) {
  (kg:Person "Person") (kg:Organization "Organization") (kg:Enterprise "Organization")
  (kg:GovernmentBody "Organization") (kg:PartyCommittee "Organization") (kg:Congress "Organization")
  (kg:Place "Place") (kg:Country "Place") (kg:AdministrativeDivision "Place") (kg:Province "Place")
  (kg:PrefectureCity "Place") (kg:County "Place") (kg:TownOrVillage "Place") (kg:Zone "Place")
  (kg:IndustrialChain "IndustrialChain") (kg:Project "Project") }"""
EVIDENCE = """?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:evidence ?sent ; kg:confidence ?conf . ?sent kg:text ?evidence .
  FILTER(?conf >= ?minConfidence)"""

QUERIES = {
    "entity": f"""SELECT ?doc ?subject ?object (MIN(?evidence) AS ?ev) WHERE {{ GRAPH ?g {{
  ?d a kg:Document ; kg:docId ?doc . ?s a ?cls ; rdfs:label ?subject . BIND(rdf:type AS ?p) BIND(?cls AS ?o)
  {CONTRACT_TYPE} BIND(?type AS ?object) {EVIDENCE} }} }} GROUP BY ?doc ?subject ?object""",
    "holds_position": f"""SELECT ?doc ?subject ?object ?title (MIN(?evidence) AS ?ev) WHERE {{ GRAPH ?g {{
  ?d a kg:Document ; kg:docId ?doc . ?s org:holds ?o . BIND(org:holds AS ?p)
  ?o kg:title ?title ; kg:postIn ?x . ?s rdfs:label ?subject . ?x rdfs:label ?object . {EVIDENCE} }} }}
  GROUP BY ?doc ?subject ?object ?title""",
    "target": f"""SELECT ?doc ?subject ?object ?year ?value ?unit (MIN(?evidence) AS ?ev) WHERE {{ GRAPH ?g {{
  ?d a kg:Document ; kg:docId ?doc . ?t kg:targetOwner ?o ; kg:metric ?object . BIND(?t AS ?s)
  BIND(kg:targetOwner AS ?p) ?o rdfs:label ?subject .
  OPTIONAL {{ ?t kg:targetYear ?year }} OPTIONAL {{ ?t kg:targetValue ?value }} OPTIONAL {{ ?t kg:unit ?unit }}
  {EVIDENCE} }} }} GROUP BY ?doc ?subject ?object ?year ?value ?unit""",
}
BINARY = {"chain_owner": "kg:chainOwnerOf", "chain_member": "kg:chainMemberOf", "located_in": "kg:locatedIn",
          "part_of": "kg:partOf"}
for _kind, _pred in BINARY.items():
    QUERIES[_kind] = f"""SELECT ?doc ?subject ?object (MIN(?evidence) AS ?ev) WHERE {{ GRAPH ?g {{
  ?d a kg:Document ; kg:docId ?doc . ?s {_pred} ?o . BIND({_pred} AS ?p)
  ?s rdfs:label ?subject . ?o rdfs:label ?object . {EVIDENCE} }} }} GROUP BY ?doc ?subject ?object"""


def _number(v: str) -> int | float:
    d = Decimal(v)
    return int(d) if d == d.to_integral_value() else float(d)


def export_facts(store: GraphStore, min_confidence: float = 0.0) -> list[dict]:
    """Every fact in the store in the contract's shape, sorted.

    >>> export_facts(GraphStore(None))
    []
    """
    facts: list[dict] = []
    threshold = f"{float(min_confidence):.6f}"  # a number formatted here, never user text
    for kind, q in QUERIES.items():
        for row in store.ox.query(PREFIXES + q.replace("?minConfidence", threshold)):
            quals: dict[str, object] = {}
            if kind == "holds_position":
                quals["title"] = row["title"].value
            if kind == "target":
                for k in ("year", "value"):
                    if row[k] is not None:
                        quals[k] = _number(row[k].value)
                if row["unit"] is not None:
                    quals["unit"] = row["unit"].value
            facts.append({"doc": row["doc"].value, "kind": kind, "subject": row["subject"].value,
                          "object": row["object"].value, "qualifiers": quals, "evidence": row["ev"].value})
    facts.sort(key=lambda f: (f["doc"], f["kind"], f["subject"], f["object"], json.dumps(f["qualifiers"], sort_keys=True)))
    return facts


# Statements per relation, counted from the assertions (one per document, subject and object):
# a tenth of the cost of exporting the facts, and the same numbers for the contract's kinds
# except holds_position, which the export splits by title.
STATEMENT_COUNTS = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?g ?s ?p ?o WHERE {
  GRAPH ?g { ?a rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o } } } GROUP BY ?p"""
STATEMENT_KINDS = {str(ORG.holds): "holds_position", str(KG.chainChiefOf): "chain_chief",
                   str(KG.targetOwner): "target", str(KG.observedFor): "observation", str(KG.status): "project_status",
                   str(KG.fostersIndustry): "fosters_industry", str(KG.inIndustry): "in_industry",
                   **{str(KG[pred.removeprefix("kg:")]): kind for kind, pred in BINARY.items()}}


def count_statements(store: GraphStore) -> dict[str, int]:
    """Statements per kind of fact in the store (relations without a kind are left out).

    >>> count_statements(GraphStore(None))
    {}
    """
    counts: dict[str, int] = {}
    for row in store.ox.query(STATEMENT_COUNTS):
        kind = STATEMENT_KINDS.get(row["p"].value)
        if kind:
            counts[kind] = counts.get(kind, 0) + int(row["n"].value)
    return counts


def facts_jsonl(facts: list[dict]) -> str:
    """Facts as JSON Lines."""
    return "".join(json.dumps(f, ensure_ascii=False, sort_keys=True) + "\n" for f in facts)
