"""The explorer (issue 4): a web page served by the SPARQL endpoint's own process.

Routes (added to :func:`kg.server.create_app`):

- ``/`` and ``/explorer``: a query editor (the saved queries in a ``<select>``, a ``<textarea>``,
  a results table) running against ``/sparql``, and a search box over entity names;
- ``/api/search?q=``: up to 20 entities whose ``rdfs:label`` / ``skos:altLabel`` contains the term
  (case-insensitive; the term is bound by the engine, never pasted into the query);
- ``/api/queries/{name}``: one saved query's text and parameters (for the editor);
- ``/entity?iri=``: an entity's types, names, facts grouped by relation (each ``kg:Assertion`` whose
  ``rdf:subject`` or ``rdf:object`` it is) with the evidence sentence and document id, links to
  its neighbours and a network view of its neighbourhood drawn with Cytoscape.js;
- ``/id/{path}``: entity IRIs under ``https://w3id.org/cnpolicy-kg/id/`` dereference here, as the
  entity page for browsers and as Turtle or JSON-LD (by ``Accept``) for machines;
- ``/static/...``: ``kg/static`` (Cytoscape.js vendored by ``tools/vendor_assets.sh``; nothing is
  fetched at run time).

Every query runs in the endpoint's sandbox workers, like those of ``/sparql``.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .protocol import negotiate
from .queries import QueryError, load_saved_queries
from .explorer_html import INDEX, entity_href, render_entity, short
from .sandbox import SandboxError, Task

KG = "https://w3id.org/cnpolicy-kg/ontology#"
KGR = "https://w3id.org/cnpolicy-kg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
STATIC = Path(__file__).parent / "static"
PREFIXES = (f"PREFIX kg: <{KG}>\nPREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n")
SHORT = {KG: "kg:", KGR: "kgr:", RDF: "rdf:", RDFS: "rdfs:", SKOS: "skos:",
         "http://www.w3.org/ns/org#": "org:", "http://www.w3.org/ns/prov#": "prov:",
         "http://schema.org/": "schema:", "https://schema.org/": "schema:", "http://xmlns.com/foaf/0.1/": "foaf:",
         "http://purl.org/dc/terms/": "dcterms:", "http://www.w3.org/2002/07/owl#": "owl:",
         "https://w3id.org/cnpolicy-kg/graph/": "kgg:"}
# the most specific classes first: an entity typed with several (inference adds superclasses) shows the first
CLASS_ORDER = ["Person", "Enterprise", "GovernmentBody", "PartyCommittee", "Congress", "Province", "PrefectureCity",
               "County", "TownOrVillage", "Zone", "Country", "IndustrialChain", "Project", "Target", "Observation",
               "Post", "PostHolding", "Industry", "Document", "Sentence", "Organization", "Place"]

SEARCH = PREFIXES + """SELECT ?q ?e (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } UNION { ?e skos:prefLabel ?name }
  FILTER(isIRI(?e) && CONTAINS(LCASE(STR(?name)), LCASE(STR(?q))))
  OPTIONAL { ?e rdfs:label|skos:prefLabel ?l }
  OPTIONAL { ?e a ?t }
}
GROUP BY ?q ?e ORDER BY STRLEN(STR(SAMPLE(?l))) STR(SAMPLE(?l)) LIMIT 20
"""
DESCRIBE = PREFIXES + "SELECT DISTINCT ?e ?p ?o ?ol WHERE { ?e ?p ?o OPTIONAL { ?o rdfs:label|skos:prefLabel|kg:title ?ol } }"
FACTS = PREFIXES + """SELECT DISTINCT ?e ?a ?s ?p ?o ?sl ?ol ?pl ?text ?docId ?doc ?sentence ?conf WHERE {
  { ?a rdf:subject ?e } UNION { ?a rdf:object ?e }
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?a kg:evidence ?sentence . OPTIONAL { ?sentence kg:text ?text }
             OPTIONAL { ?sentence kg:inDocument ?doc OPTIONAL { ?doc kg:docId ?docId } } }
  OPTIONAL { ?a kg:confidence ?conf }
  OPTIONAL { ?s rdfs:label|skos:prefLabel|kg:title ?sl } OPTIONAL { ?o rdfs:label|skos:prefLabel|kg:title ?ol }
  OPTIONAL { ?p rdfs:label ?pl }
}"""
# posts are n-ary nodes: draw a person straight to where the post is, labelled with the title
POSTS_HELD = PREFIXES + """PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?e ?title ?where ?whereLabel WHERE { ?e org:holds ?post . ?post kg:postIn ?where ; kg:title ?title .
  OPTIONAL { ?where rdfs:label ?whereLabel } }"""
POSTS_IN = PREFIXES + """PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?e ?title ?who ?whoLabel WHERE { ?who org:holds ?post . ?post kg:postIn ?e ; kg:title ?title .
  OPTIONAL { ?who rdfs:label ?whoLabel } }"""
NEIGHBOURHOOD = "CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE { { ?e ?p ?o } UNION { ?s ?q ?e } }"


def best_type(types: list[str]) -> str:
    names = [t[len(KG):] for t in types if t.startswith(KG)]
    for c in CLASS_ORDER:
        if c in names:
            return c
    return names[0] if names else (short(types[0]) if types else "")


def _value(binding: dict, key: str) -> str | None:
    term = binding.get(key)
    return term["value"] if term else None


class Explorer:
    """The explorer's handlers over an :class:`kg.server.Endpoint` (its sandbox and limits)."""

    def __init__(self, endpoint):
        self.ep = endpoint

    async def select(self, query: str, **bindings: ox.NamedNode | ox.Literal) -> list[dict]:
        task = Task(query, result_format="json",
                    substitutions={ox.Variable(k): v for k, v in bindings.items()})
        answer = await run_in_threadpool(self.ep.sandbox.run, task)
        return json.loads(answer.body)["results"]["bindings"]

    # -- JSON ------------------------------------------------------------------------------------
    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        if not q:
            return JSONResponse([])
        if len(q) > 200:
            return _error(400, "the search term is longer than 200 characters")
        try:
            rows = await self.select(SEARCH, q=ox.Literal(q))
        except SandboxError as e:
            return _error(e.status, e.message)
        return JSONResponse([{"iri": r["e"]["value"], "label": _value(r, "label") or short(r["e"]["value"]),
                              "type": best_type((_value(r, "types") or "").split()),
                              "href": entity_href(r["e"]["value"])} for r in rows])

    async def saved_query(self, request: Request) -> Response:
        try:
            saved = load_saved_queries()
        except QueryError as e:
            return _error(500, str(e))
        query = saved.get(request.path_params["name"])
        if query is None:
            return _error(404, f"no saved query {request.path_params['name']!r}; GET /queries lists them")
        return JSONResponse({"name": query.name, "question": query.question, "text": query.text,
                             "params": [{"name": p.name, "required": p.required, "description": p.description}
                                        for p in query.params]})

    # -- entity ------------------------------------------------------------------------------------
    async def entity_data(self, iri: str) -> dict:
        node = ox.NamedNode(iri)
        props = await self.select(DESCRIBE, e=node)
        facts = await self.select(FACTS, e=node)
        types = sorted({r["o"]["value"] for r in props if r["p"]["value"] == RDF + "type"})
        labels = list(OrderedDict.fromkeys(r["o"]["value"] for r in props
                                           if r["p"]["value"] in (RDFS + "label", SKOS + "prefLabel")))
        alt = list(OrderedDict.fromkeys(r["o"]["value"] for r in props
                                        if r["p"]["value"] in (SKOS + "altLabel", KG + "shortName")))
        shown = {RDF + "type", RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", KG + "shortName"}
        stated = {(r["p"]["value"], r["o"]["value"]) for r in facts if r["s"]["value"] == iri}
        other: dict[tuple[str, str], dict] = {}
        for r in props:
            if r["p"]["value"] not in shown and (r["p"]["value"], r["o"]["value"]) not in stated:
                other.setdefault((r["p"]["value"], r["o"]["value"]),
                                 {"p": r["p"]["value"], "o": r["o"]["value"], "kind": r["o"]["type"],
                                  "label": _value(r, "ol")})
        by_assertion: dict[str, dict] = {}
        for r in facts:
            a = r["a"]["value"]
            if a in by_assertion:
                continue
            doc_id = _value(r, "docId")
            if not doc_id and _value(r, "doc"):
                doc_id = _value(r, "doc").rsplit("/", 1)[-1]
            by_assertion[a] = {
                "assertion": a, "s": r["s"]["value"], "p": r["p"]["value"], "o": r["o"]["value"],
                "o_kind": r["o"]["type"], "s_label": _value(r, "sl"), "o_label": _value(r, "ol"),
                "p_label": _value(r, "pl"), "text": _value(r, "text"), "doc": doc_id,
                "confidence": _value(r, "conf")}
        groups: dict[str, list[dict]] = {}
        for f in sorted(by_assertion.values(), key=lambda f: (f["p"] != RDF + "type", f["p"], f["doc"] or "")):
            incoming = f["o"] == iri and f["s"] != iri
            f["incoming"] = incoming
            name = (f["p_label"] or short(f["p"])) + (" (incoming)" if incoming else "")
            groups.setdefault(name, []).append(f)
        # the network: the entity, the other end of each fact (classes left out), labelled edges
        nodes = {iri: {"id": iri, "label": (labels or [short(iri)])[0], "type": best_type(types), "root": True}}
        edges: dict[tuple[str, str, str], dict] = {}
        for f in by_assertion.values():
            if f["p"] == RDF + "type" or f["o_kind"] != "uri":
                continue
            other_end, other_label = (f["s"], f["s_label"]) if f["incoming"] else (f["o"], f["o_label"])
            nodes.setdefault(other_end, {"id": other_end, "label": other_label or short(other_end), "type": "",
                                         "root": False})
            key = (f["s"], f["p"], f["o"])
            edges.setdefault(key, {"id": "e%d" % len(edges), "source": f["s"], "target": f["o"],
                                   "label": f["p_label"] or short(f["p"]).split(":", 1)[-1]})
        for f in other.values():
            if f["kind"] == "uri" and f["o"].startswith(KGR):
                nodes.setdefault(f["o"], {"id": f["o"], "label": f["label"] or short(f["o"]), "type": "",
                                          "root": False})
                key = (iri, f["p"], f["o"])
                edges.setdefault(key, {"id": "e%d" % len(edges), "source": iri, "target": f["o"],
                                       "label": short(f["p"]).split(":", 1)[-1]})
        for r in await self.select(POSTS_HELD, e=node) + await self.select(POSTS_IN, e=node):
            far = r.get("where") or r.get("who")
            if far is None:
                continue
            far_iri, label = far["value"], _value(r, "whereLabel") or _value(r, "whoLabel")
            nodes.setdefault(far_iri, {"id": far_iri, "label": label or short(far_iri), "type": "", "root": False})
            source, target = (iri, far_iri) if "where" in r else (far_iri, iri)
            edges.setdefault((source, r["title"]["value"], target),
                             {"id": "e%d" % len(edges), "source": source, "target": target,
                              "label": r["title"]["value"]})
        return {"iri": iri, "types": types, "type": best_type(types), "labels": labels, "altLabels": alt,
                "groups": groups, "properties": list(other.values()),
                "network": {"nodes": list(nodes.values()), "edges": list(edges.values())},
                "found": bool(props or facts)}

    async def entity(self, request: Request) -> Response:
        iri = request.query_params.get("iri", "").strip()
        if not iri:
            return _error(400, "give the entity as iri=...")
        return await self._entity_page(iri)

    async def _entity_page(self, iri: str) -> Response:
        try:
            data = await self.entity_data(iri)
        except (SandboxError, ValueError) as e:
            return _error(getattr(e, "status", 400), getattr(e, "message", str(e)))
        return HTMLResponse(render_entity(data), status_code=200 if data["found"] else 404)

    async def entity_json(self, request: Request) -> Response:
        iri = request.query_params.get("iri", "").strip()
        if not iri:
            return _error(400, "give the entity as iri=...")
        try:
            return JSONResponse(await self.entity_data(iri))
        except (SandboxError, ValueError) as e:
            return _error(getattr(e, "status", 400), getattr(e, "message", str(e)))

    async def dereference(self, request: Request) -> Response:
        """``/id/{path}``: HTML for browsers, Turtle / JSON-LD / N-Triples / RDF/XML for machines."""
        iri = KGR + request.path_params["path"]
        accept = request.headers.get("accept") or ""
        if _prefers_html(accept):
            return await self._entity_page(iri)
        fmt = negotiate(accept, True)
        if fmt is None:
            return _error(406, f"cannot give {iri} as {accept}; acceptable: text/html, text/turtle, "
                               "application/ld+json, application/n-triples, application/rdf+xml")
        task = Task(NEIGHBOURHOOD, graph_format=fmt, substitutions={ox.Variable("e"): ox.NamedNode(iri)})
        try:
            answer = await run_in_threadpool(self.ep.sandbox.run, task)
        except SandboxError as e:
            return _error(e.status, e.message)
        if answer.rows == 0 and not answer.body.strip(b" \n{}[]"):
            return _error(404, f"nothing is known about {iri}")
        return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})

    async def index(self, request: Request) -> Response:
        return HTMLResponse(INDEX)


def _prefers_html(accept: str) -> bool:
    """True when text/html (or application/xhtml+xml) ranks at least as high as every RDF type."""
    best_html, best_rdf = -1.0, -1.0
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    pass
        media = media.lower()
        if media in ("text/html", "application/xhtml+xml"):
            best_html = max(best_html, q)
        elif negotiate(media, True) is not None and media not in ("*/*", "text/*", "application/*"):
            best_rdf = max(best_rdf, q)
    return best_html > 0 and best_html >= best_rdf


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def routes(endpoint) -> list:
    """The explorer's routes over the endpoint ``endpoint`` (a :class:`kg.server.Endpoint`)."""
    ex = Explorer(endpoint)
    return [Route("/", ex.index, methods=["GET"]), Route("/explorer", ex.index, methods=["GET"]),
            Route("/api/search", ex.search, methods=["GET"]),
            Route("/api/queries/{name}", ex.saved_query, methods=["GET"]),
            Route("/api/entity", ex.entity_json, methods=["GET"]),
            Route("/entity", ex.entity, methods=["GET"]),
            Route("/id/{path:path}", ex.dereference, methods=["GET"]),
            Mount("/static", app=StaticFiles(directory=STATIC), name="static")]

