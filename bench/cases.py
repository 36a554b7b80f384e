"""The saved-query calls the benchmark times: each saved query with its parameters bound
the way an analyst would call it through the API (names, not IRIs), and each query whose
parameters are all optional also as a whole-graph listing. Parameter values are read from
the store itself: the most mentioned place, enterprise, industry, target owner and year.
"""
from __future__ import annotations

import pyoxigraph as ox

from kg.queries import load_saved_queries

PREFIXES = """PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
# parameter -> a query whose first row's ?v is a typical value (the most mentioned one)
PICKERS = {
    "doc": "SELECT ?v WHERE { GRAPH ?g { ?d a kg:Document ; kg:docId ?v } } ORDER BY ?v LIMIT 1",
    "place": """SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?x kg:locatedIn ?p } ?p a kg:PrefectureCity ;
                rdfs:label ?v } GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1""",
    "enterprise": """SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e kg:chainOwnerOf|kg:chainMemberOf ?c .
                     ?e rdfs:label ?v } } GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1""",
    "industry": """SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e kg:inIndustry|kg:fostersIndustry ?i }
                   GRAPH ?h { ?i <http://www.w3.org/2004/02/skos/core#prefLabel> ?v } }
                   GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1""",
    "owner": """SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?t kg:targetOwner ?o . ?o rdfs:label ?v } }
                GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1""",
    "year": """SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?t kg:targetYear ?y } BIND(STR(?y) AS ?v) }
               GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1""",
}
PICKERS["entity"] = PICKERS["enterprise"]


def pick_values(store: ox.Store) -> dict[str, str]:
    """A typical value for each parameter name the saved queries use (absent if none found)."""
    values = {}
    for name, query in PICKERS.items():
        rows = list(store.query(PREFIXES + query, use_default_graph_as_union=True))
        if rows and rows[0]["v"] is not None:
            values[name] = rows[0]["v"].value
    return values


def query_cases(values: dict[str, str]) -> list[dict]:
    """Every saved query as called with its parameters (kind "bound"), and the queries whose
    parameters are all optional also without them (kind "listing": whole-graph listings and
    aggregates). A query with a required parameter and no value is left out, with a note."""
    cases = []
    for name, q in sorted(load_saved_queries().items()):
        params = {p.name: values[p.name] for p in q.params if p.name in values}
        missing = [p.name for p in q.params if p.required and p.name not in values]
        if missing:
            cases.append({"name": name, "query": name, "params": {}, "kind": "skipped",
                          "note": f"no value for {', '.join(missing)}"})
            continue
        if params:
            label = f"{name}({', '.join(params)})"
            cases.append({"name": label, "query": name, "params": params, "kind": "bound"})
        if all(not p.required for p in q.params):
            cases.append({"name": name, "query": name, "params": {}, "kind": "listing"})
    return cases
