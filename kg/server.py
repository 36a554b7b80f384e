"""A read-only SPARQL 1.1 Protocol endpoint over the store (Starlette; `kg serve` runs it with uvicorn).

Routes: ``/sparql`` (GET ``query=``, POST form, POST ``application/sparql-query``; a SPARQL 1.1
Service Description in Turtle on GET without a query), ``/queries`` (the saved queries),
``/queries/{name}`` (one saved query with its parameters bound by the engine), ``/openapi.json``.

What keeps it safe to leave running:
- queries run in :mod:`kg.sandbox` worker processes that hold the store read-only, under a time
  limit (the worker is killed and replaced past it) and a result cap in rows and bytes;
- updates (``update=``, ``application/sparql-update``) and Graph Store writes get 403
  (:data:`READ_ONLY`); nothing is ever fetched: SERVICE, and FROM / FROM NAMED naming a graph
  not in the store, are refused before the query runs;
- a request body over ``max_body`` bytes gets 413, a query nested deeper than ``max_depth``
  brackets 400, both before any parsing;
- every error is ``{"error": {"status": N, "message": "..."}}``; CORS is off unless asked for.

Queries are classified by :func:`kg.protocol.scan` (a linear lexer, not a parser) before they
reach a worker; pyoxigraph parses them there.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path
from urllib.parse import parse_qsl

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .explorer import routes as explorer_routes
from .openapi import OPENAPI
from .protocol import (FORMAT_NAMES, GRAPH_TYPES, NO_FETCH, RDF_UPLOADS, READ_ONLY, RESULT_TYPES, Refused, Scan,
                       negotiate, scan)
from .queries import QueryError, load_saved_queries, prepare
from .sandbox import Sandbox, SandboxError, Task

def error(status: int, message: str) -> JSONResponse:
    """The one error shape."""
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


class Endpoint:
    """The handlers, with their limits and the sandbox."""

    def __init__(self, store: str | Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 100_000,
                 max_bytes: int = 50_000_000, max_body: int = 1_000_000, max_depth: int = 200):
        self.store, self.workers, self.timeout = Path(store), workers, timeout
        self.max_rows, self.max_bytes, self.max_body, self.max_depth = max_rows, max_bytes, max_body, max_depth
        self.sandbox: Sandbox | None = None

    @contextlib.asynccontextmanager
    async def lifespan(self, app):
        self.sandbox = await run_in_threadpool(Sandbox, self.store, self.workers, self.timeout,
                                               self.max_rows, self.max_bytes)
        try:
            yield
        finally:
            self.sandbox.close()

    async def body(self, request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body:
            raise Refused(413, f"the request body is larger than {self.max_body} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body:
                raise Refused(413, f"the request body is larger than {self.max_body} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    async def sparql(self, request: Request) -> Response:
        try:
            return await self._sparql(request)
        except (Refused, SandboxError) as e:
            return error(e.status, e.message)

    async def _sparql(self, request: Request) -> Response:
        if request.method in ("PUT", "DELETE", "PATCH"):
            raise Refused(403, READ_ONLY)
        params = list(request.query_params.multi_items())
        if request.method == "POST":
            ctype, _, rest = (request.headers.get("content-type") or "").partition(";")
            ctype = ctype.strip().lower()
            charset = re.search(r"charset\s*=\s*\"?([\w-]+)", rest, re.I)
            if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
                raise Refused(415, f"the request body must be UTF-8, not {charset.group(1)}")
            body = await self.body(request)
            if ctype == "application/sparql-update" or any(k == "update" for k, _ in params):
                raise Refused(403, READ_ONLY)
            if ctype == "application/x-www-form-urlencoded":
                try:
                    params += parse_qsl(body.decode("ascii"), keep_blank_values=True, strict_parsing=bool(body),
                                        encoding="utf-8", errors="strict")
                except (UnicodeDecodeError, ValueError) as e:
                    raise Refused(400, f"the form body is not valid UTF-8 URL-encoded data: {e}") from None
            elif ctype == "application/sparql-query":
                try:
                    params.append(("query", body.decode("utf-8")))
                except UnicodeDecodeError as e:
                    raise Refused(400, f"the query is not valid UTF-8: {e}") from None
            elif ctype in RDF_UPLOADS or any(k in ("graph", "default") for k, _ in params):
                raise Refused(403, READ_ONLY)
            else:
                raise Refused(415, "POST a query as application/x-www-form-urlencoded (query=...) or as "
                                   f"application/sparql-query, not {ctype or 'a body without a content type'}")
        keys = [k for k, _ in params]
        if "update" in keys or any(k.startswith("using-") for k in keys):
            raise Refused(403, READ_ONLY)
        queries = [v for k, v in params if k == "query"]
        if not queries:
            if request.method == "GET" and not keys:
                return self.service_description(request)
            raise Refused(400, "no query: give one query as query=... (or POST application/sparql-query)")
        if len(queries) > 1:
            raise Refused(400, "more than one query in the request; send one")
        text = queries[0]
        if len(text.encode("utf-8")) > self.max_body:
            raise Refused(413, f"the query is larger than {self.max_body} bytes")
        base = str(request.url.replace(query="", fragment=""))
        found = scan(text, base, self.max_depth)
        task = self.task(request, found, base, dict(params).get("format"))
        task.query = text
        task.default_graph, task.named_graphs = self.dataset(params, found)
        if task.default_graph is None and task.named_graphs is None and (found.from_default or found.from_named):
            task.union = False  # the query's own dataset (FROM / FROM NAMED) applies
        return await self.answer(task)

    def task(self, request: Request, found: Scan, base: str, fmt: str | None) -> Task:
        """The formats for the query form, from format=... or the Accept header."""
        accept = request.headers.get("accept")
        if fmt:
            if fmt.lower() not in FORMAT_NAMES:
                raise Refused(400, f"unknown format {fmt!r}; use one of {', '.join(FORMAT_NAMES)}")
            family, name = FORMAT_NAMES[fmt.lower()]
            results, graph = (name, "turtle") if family == "results" else ("json", name)
        else:
            results, graph = negotiate(accept, False), negotiate(accept, True)
        graph_form = found.form in ("construct", "describe")
        if (graph if graph_form else results) is None:
            offered = [k for k, v in (GRAPH_TYPES if graph_form else RESULT_TYPES).items()]
            raise Refused(406, f"cannot answer this {found.form or 'query'} as {accept}; "
                               f"acceptable: {', '.join(offered)}")
        return Task("", result_format=results or "json", graph_format=graph or "turtle", base_iri=base)

    def dataset(self, params: list[tuple[str, str]], found: Scan):
        """default-graph-uri / named-graph-uri, restricted to the store's graphs (others are empty)."""
        assert self.sandbox is not None
        known = self.sandbox.graph_names
        for iri in found.from_default + found.from_named:
            if iri not in known:
                raise Refused(400, f"FROM <{iri}> names a graph that is not in the store; {NO_FETCH}")
        default = [v for k, v in params if k == "default-graph-uri"]
        named = [v for k, v in params if k == "named-graph-uri"]
        if not default and not named:
            return None, None
        keep = lambda iris: [ox.NamedNode(i) for i in dict.fromkeys(iris) if i in known]  # noqa: E731
        return keep(default), keep(named)

    async def answer(self, task: Task) -> Response:
        assert self.sandbox is not None
        result = await run_in_threadpool(self.sandbox.run, task)
        return Response(result.body, media_type=result.media_type)

    def service_description(self, request: Request) -> Response:
        sd, fmt = Namespace("http://www.w3.org/ns/sparql-service-description#"), Namespace("http://www.w3.org/ns/formats/")
        g = Graph()
        g.bind("sd", sd)
        g.bind("formats", fmt)
        service, dataset, default = BNode(), BNode(), BNode()
        g.add((service, RDF.type, sd.Service))
        g.add((service, sd.endpoint, URIRef(str(request.url.replace(query="", fragment="")))))
        g.add((service, sd.supportedLanguage, sd.SPARQL11Query))
        g.add((service, sd.feature, sd.UnionDefaultGraph))
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                     "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
            g.add((service, sd.resultFormat, fmt[name]))
        g.add((service, RDFS.comment, Literal(
            f"Read-only. Queries run over the union of the store's graphs unless default-graph-uri / "
            f"named-graph-uri or FROM name graphs of the store; SERVICE is refused. Limits: "
            f"{self.timeout:g} s per query, {self.max_rows} rows, {self.max_bytes} bytes of results, "
            f"{self.max_body} bytes of request.")))
        g.add((service, sd.defaultDataset, dataset))
        g.add((dataset, RDF.type, sd.Dataset))
        g.add((dataset, sd.defaultGraph, default))
        g.add((default, RDF.type, sd.Graph))
        for name in sorted(self.sandbox.graph_names if self.sandbox else ()):
            node = BNode()
            g.add((dataset, sd.namedGraph, node))
            g.add((node, RDF.type, sd.NamedGraph))
            g.add((node, sd.name, URIRef(name)))
        return Response(g.serialize(format="turtle"), media_type="text/turtle; charset=utf-8")

    async def list_queries(self, request: Request) -> Response:
        try:
            saved = load_saved_queries()
        except QueryError as e:
            return error(500, str(e))
        return JSONResponse([{"name": q.name, "question": q.question,
                              "params": [{"name": p.name, "required": p.required, "description": p.description}
                                         for p in q.params]} for q in saved.values()])

    async def run_query(self, request: Request) -> Response:
        name = request.path_params["name"]
        try:
            saved = load_saved_queries()
            if name not in saved:
                raise Refused(404, f"no saved query {name!r}; GET /queries lists them")
            query = saved[name]
            given = {k: v for k, v in request.query_params.items() if k != "format"}
            text, substitutions = prepare(query, given)
            found = scan(text, "", self.max_depth)
            task = self.task(request, found, str(request.url.replace(query="", fragment="")),
                             request.query_params.get("format"))
            task.query, task.substitutions = text, substitutions
            return await self.answer(task)
        except QueryError as e:
            return error(400, str(e))
        except (Refused, SandboxError) as e:
            return error(e.status, e.message)

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(OPENAPI)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    return error(exc.status_code, exc.detail or "error")


async def _server_error(request: Request, exc: Exception) -> Response:
    return error(500, f"internal error: {type(exc).__name__}")


def create_app(store: str | Path, *, workers: int = 2, timeout: float = 10.0, max_rows: int = 100_000,
               max_bytes: int = 50_000_000, max_body: int = 1_000_000, max_depth: int = 200,
               cors: str | None = None) -> Starlette:
    """The application over the store at ``store`` (which must exist; workers start with the app)."""
    ep = Endpoint(store, workers, timeout, max_rows, max_bytes, max_body, max_depth)
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    routes = [Route("/sparql", ep.sparql, methods=methods), Route("/sparql/", ep.sparql, methods=methods),
              Route("/queries", ep.list_queries, methods=["GET"]),
              Route("/queries/{name}", ep.run_query, methods=["GET"]),
              Route("/openapi.json", ep.openapi, methods=["GET"])]
    routes += explorer_routes(ep)  # the explorer (kg/explorer.py)
    middleware = [Middleware(CORSMiddleware, allow_origins=[cors], allow_methods=["GET", "POST"],
                             allow_headers=["Accept", "Content-Type"])] if cors else []
    app = Starlette(routes=routes, middleware=middleware, lifespan=ep.lifespan,
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.endpoint = ep
    return app


def serve(store: str | Path, host: str = "127.0.0.1", port: int = 8000, **options) -> None:
    """Run the endpoint with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(store, **options), host=host, port=port, log_level="info")
