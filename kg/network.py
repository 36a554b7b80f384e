"""The knowledge graph as a networkx MultiDiGraph, the way an analyst draws it.

Nodes are entities (id = IRI) with label, type, kind, documents (how many document
graphs mention them), targets (how many targets they own) and degree; edges are the
facts (holds_position, chain_owner, chain_member, chain_chief, located_in, part_of,
operated_by, fosters_industry, in_industry), one edge per (source, target, kind,
label), with weight = the number of supporting documents, dates = their dates and
start = the earliest (for a timeline). Every query reads inside `GRAPH ?g` with
`?d a kg:Document`, so each row is one document's; counts are combined here.

>>> from kg.store import GraphStore
>>> to_networkx(GraphStore(None)).number_of_nodes()
0
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pyoxigraph as ox

from .errors import KGError
from .store import GraphStore

PREFIXES = """PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""
KG_NS = "https://w3id.org/cnpolicy-kg/ontology#"

# type (class local name) -> kind (the facts contract's type); the more specific wins.
TYPES = {"Person": "Person", "Enterprise": "Organization", "GovernmentBody": "Organization",
         "PartyCommittee": "Organization", "Congress": "Organization", "Organization": "Organization",
         "Province": "Place", "PrefectureCity": "Place", "County": "Place", "TownOrVillage": "Place",
         "Zone": "Place", "Country": "Place", "AdministrativeDivision": "Place", "Place": "Place",
         "IndustrialChain": "IndustrialChain", "Project": "Project", "Industry": "Industry"}
GENERIC = ("Organization", "AdministrativeDivision", "Place")
EDGE_KINDS = {"chain_owner": "kg:chainOwnerOf", "chain_member": "kg:chainMemberOf",
              "chain_chief": "kg:chainChiefOf", "located_in": "kg:locatedIn", "part_of": "kg:partOf",
              "operated_by": "kg:operatedBy", "fosters_industry": "kg:fostersIndustry",
              "in_industry": "kg:inIndustry"}
ALL_KINDS = ("holds_position", *EDGE_KINDS)
LABELS = {"chain_owner": "chain owner of", "chain_member": "chain member of", "chain_chief": "chain chief of",
          "located_in": "located in", "part_of": "part of", "operated_by": "operated by",
          "fosters_industry": "fosters", "in_industry": "in industry"}

DOC = "?d a kg:Document . OPTIONAL { ?d dcterms:date ?date }"
NODES = PREFIXES + f"""SELECT ?g ?date ?e ?cls ?label WHERE {{ GRAPH ?g {{ {DOC}
  ?e a ?cls . FILTER(STRSTARTS(STR(?cls), "{KG_NS}"))
  OPTIONAL {{ ?e rdfs:label ?label }} }} }}"""
_binary = " UNION ".join(f'{{ ?s {p} ?o . BIND("{k}" AS ?kind) }}' for k, p in EDGE_KINDS.items())
EDGES = PREFIXES + f"""SELECT ?g ?date ?s ?o ?kind ?title WHERE {{ GRAPH ?g {{ {DOC}
  {{ ?s org:holds ?post . ?post kg:postIn ?o . OPTIONAL {{ ?post kg:title ?title }}
     BIND("holds_position" AS ?kind) }} UNION {_binary} }} }}"""
TARGETS = PREFIXES + f"""SELECT ?g ?date ?owner ?t WHERE {{ GRAPH ?g {{ {DOC} ?t kg:targetOwner ?owner }} }}"""
INDUSTRY_LABELS = PREFIXES + """SELECT ?i ?label WHERE { GRAPH ?x { ?i a kg:Industry ; skos:prefLabel ?label } }"""
IN_PLACE = PREFIXES + """SELECT DISTINCT ?e WHERE { VALUES ?name { %s }
  ?p rdfs:label|skos:altLabel ?l . FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))
  ?e kg:locatedIn* ?p }"""


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    if since is None and until is None:
        return True
    if date is None:
        return False
    return (since is None or date >= since) and (until is None or date <= until)


def _rows(store: GraphStore, query: str, since: str | None, until: str | None):
    """Rows of a per-document query, those of documents outside [since, until] left out."""
    for row in store.ox.query(query):
        date = row["date"].value[:10] if row["date"] is not None else None
        if _in_range(date, since, until):
            yield row, date


def entities_in_place(store: GraphStore, place: str) -> set[str]:
    """IRIs of the entities located (kg:locatedIn*, gazetteer included) in the place named `place`
    (its rdfs:label or skos:altLabel, case-insensitively), the place itself included."""
    # the name goes in as a literal serialized (escaped) by pyoxigraph, never as query text
    rows = store.ox.query(IN_PLACE % ox.Literal(place), use_default_graph_as_union=True)
    return {r["e"].value for r in rows if isinstance(r["e"], ox.NamedNode)}


def _norm(values, known) -> set[str] | None:
    if not values:
        return None
    low = {k.lower(): k for k in known}
    out = set()
    for v in values:
        if v.lower() not in low:
            raise KGError(f"unknown {v!r}: use one of {', '.join(sorted(known))}")
        out.add(low[v.lower()])
    return out


def to_networkx(store: GraphStore, types=None, kinds=None, place: str | None = None,
                since: str | None = None, until: str | None = None) -> nx.MultiDiGraph:
    """The entity network of the store (see the module's docstring). Filters: `types` keeps
    entities of those types (or kinds: "Organization" keeps every organization), `kinds` keeps
    edges of those kinds, `place` keeps entities located in that place, `since`/`until`
    (ISO dates, inclusive) count only documents dated in that range."""
    type_set = _norm(types, set(TYPES) | set(TYPES.values()))
    kind_set = _norm(kinds, ALL_KINDS)
    nodes: dict[str, dict] = {}
    docs: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, set[str]] = defaultdict(set)
    for row, date in _rows(store, NODES, since, until):
        t = row["cls"].value[len(KG_NS):]
        if t not in TYPES or not isinstance(row["e"], ox.NamedNode):
            continue
        e = row["e"].value
        n = nodes.setdefault(e, {"label": None, "type": t})
        if n["type"] in GENERIC and t not in GENERIC or (n["type"] == "Place" and t == "AdministrativeDivision"):
            n["type"] = t
        if row["label"] is not None and (n["label"] is None or row["label"].value < n["label"]):
            n["label"] = row["label"].value
        docs[e].add(row["g"].value)
        if date:
            dates[e].add(date)
    edges: dict[tuple[str, str, str, str], dict] = {}
    for row, date in _rows(store, EDGES, since, until):
        s, o, kind = row["s"].value, row["o"].value, row["kind"].value
        label = row["title"].value if row["title"] is not None else LABELS.get(kind, kind)
        ed = edges.setdefault((s, o, kind, label), {"docs": set(), "dates": set()})
        ed["docs"].add(row["g"].value)
        if date:
            ed["dates"].add(date)
        if kind in ("fosters_industry", "in_industry"):
            nodes.setdefault(o, {"label": None, "type": "Industry"})
            docs[o].add(row["g"].value)
            if date:
                dates[o].add(date)
    targets: dict[str, set[str]] = defaultdict(set)
    for row, _ in _rows(store, TARGETS, since, until):
        targets[row["owner"].value].add(row["t"].value)
    missing = [e for e, n in nodes.items() if n["label"] is None]
    if missing:
        industry = {r["i"].value: r["label"].value for r in store.ox.query(INDUSTRY_LABELS)}
        for e in missing:
            nodes[e]["label"] = industry.get(e) or e.rstrip("/").rsplit("/", 1)[-1]

    keep = set(nodes)
    if type_set is not None:
        keep = {e for e in keep if nodes[e]["type"] in type_set or TYPES[nodes[e]["type"]] in type_set}
    if place is not None:
        keep &= entities_in_place(store, place)
    G = nx.MultiDiGraph()
    for e in sorted(keep):
        n = nodes[e]
        G.add_node(e, label=n["label"], type=n["type"], kind=TYPES[n["type"]], documents=len(docs[e]),
                   targets=len(targets.get(e, ())), start=min(dates[e]) if dates[e] else None)
    for (s, o, kind, label), ed in sorted(edges.items()):
        if s in keep and o in keep and (kind_set is None or kind in kind_set):
            ds = sorted(ed["dates"])
            G.add_edge(s, o, key=f"{kind}:{label}", kind=kind, label=label, weight=len(ed["docs"]),
                       dates=ds, start=ds[0] if ds else None)
    for e, deg in G.degree():
        G.nodes[e]["degree"] = deg
    return G
