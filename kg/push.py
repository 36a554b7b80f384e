"""Push the local graph to a remote store through the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the local store (the document graphs, their inferred graphs and the
reference graphs: ontology, gazetteer, industries) is sent as N-Triples in one streamed
``PUT {endpoint}?graph={IRI}`` (indirect graph identification), which replaces the server's
copy of that graph: pushing twice leaves the server as pushing once did. Graphs the server
holds that are not pushed are left alone. Each PUT is its own transaction on the server, so
a push that fails half way leaves the graphs before the failing one replaced and the others
as they were; pushing again completes it.

Any Graph Store Protocol endpoint will do; for an Oxigraph server it is ``http://HOST:PORT/store``.

>>> report = PushReport("http://127.0.0.1:7878/store", ["https://w3id.org/cnpolicy-kg/graph/doc/d1"], 68, 9000, 1.23)
>>> report.summary()
'pushed 1 graph, 68 triples (9.0 kB) to http://127.0.0.1:7878/store in 1.2 s'
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import httpx
import pyoxigraph as ox

from .errors import PushError
from .store import GraphStore

DEFAULT_GRAPH = "DEFAULT"  # stands for the default graph in PushReport.graphs and progress calls
BATCH = 5000  # triples serialized per chunk of the streamed request body

Progress = Callable[[str, int, int], None]  # (graph IRI, triples, bytes), after each graph is pushed


@dataclass
class PushReport:
    """What a push did: the endpoint, the graphs replaced there (in order), and totals."""
    endpoint: str
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    bytes: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for people: graphs, triples, size, endpoint and time."""
        n = len(self.graphs)
        return (f"pushed {n} graph{'' if n == 1 else 's'}, {self.triples} triples "
                f"({self.bytes / 1000:.1f} kB) to {self.endpoint} in {self.seconds:.1f} s")


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of a graph at an endpoint (indirect identification):
    ``?graph=`` with the IRI percent-encoded, or ``?default`` for :data:`DEFAULT_GRAPH`.

    >>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/cnpolicy-kg/graph/doc/d1")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fcnpolicy-kg%2Fgraph%2Fdoc%2Fd1'
    >>> graph_url("https://example.org/rdf-graph-store?db=kg", DEFAULT_GRAPH)
    'https://example.org/rdf-graph-store?db=kg&default'
    """
    sep = "&" if "?" in endpoint else "?"
    if graph == DEFAULT_GRAPH:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def _check_endpoint(endpoint: str) -> str:
    """The endpoint as messages show it (a password in it masked); PushError if it is no http(s) URL."""
    try:
        url = httpx.URL(endpoint)
    except (httpx.InvalidURL, TypeError) as e:
        raise PushError(f"{endpoint!r} is not a URL: {e}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise PushError(f"{endpoint!r} is not an http:// or https:// URL of a Graph Store Protocol endpoint")
    if url.fragment:
        raise PushError(f"{endpoint!r}: a Graph Store Protocol endpoint has no #fragment")
    return str(url.copy_with(username=url.username, password="***")) if url.password else endpoint


def _graphs_to_push(store: GraphStore, graphs: list[str] | None, endpoint: str) -> list[str]:
    local = [str(g) for g in store.graph_names()]
    if graphs is None:
        has_default = next(iter(store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
        return ([DEFAULT_GRAPH] if has_default is not None else []) + local
    missing = [g for g in graphs if str(g) not in local]
    if missing:
        listed = ", ".join(f"<{g}>" for g in missing)
        raise PushError(f"nothing pushed to {endpoint}: not in the local store: {listed}")
    return list(dict.fromkeys(str(g) for g in graphs))  # in the order given, once each


class _Body:
    """A graph's triples as N-Triples, serialized in batches while the request is sent."""

    def __init__(self, store: GraphStore, graph: str):
        self.store, self.graph = store, graph
        self.triples = self.bytes = 0

    def __iter__(self) -> Iterator[bytes]:
        name = ox.DefaultGraph() if self.graph == DEFAULT_GRAPH else ox.NamedNode(self.graph)
        batch: list[ox.Triple] = []
        for quad in self.store.ox.quads_for_pattern(None, None, None, name):
            batch.append(quad.triple)
            if len(batch) >= BATCH:
                yield self._chunk(batch)
                batch = []
        if batch:
            yield self._chunk(batch)

    def _chunk(self, batch: list[ox.Triple]) -> bytes:
        data = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""  # bytes when no output is given
        self.triples += len(batch)
        self.bytes += len(data)
        return data


def _error_body(response: httpx.Response, limit: int = 200) -> str:
    """The start of the server's answer, on one line (the body is read no further)."""
    data = b""
    try:
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) >= 4 * limit:
                break
    except httpx.HTTPError:
        pass
    text = " ".join(data.decode("utf-8", errors="replace").split())
    return text[:limit] + ("..." if len(text) > limit else "")


def _put(client: httpx.Client, endpoint: str, shown: str, graph: str, body: _Body, timeout: float) -> None:
    what = "the default graph" if graph == DEFAULT_GRAPH else f"graph <{graph}>"
    try:
        with client.stream("PUT", graph_url(endpoint, graph), content=iter(body),
                           headers={"Content-Type": "application/n-triples"}) as response:
            if response.is_success:
                return
            status = f"{response.status_code} {response.reason_phrase}".strip()
            if response.is_redirect:
                detail = f"a redirect to {response.headers.get('location', '?')} (redirects are not followed)"
            else:
                detail = _error_body(response) or "no message"
    except httpx.TimeoutException as e:
        raise PushError(f"pushing {what} to {shown}: no answer within {timeout:g} s "
                        f"({type(e).__name__})") from e
    except httpx.ConnectError as e:
        raise PushError(f"pushing {what} to {shown}: cannot connect ({e})") from e
    except httpx.HTTPError as e:
        raise PushError(f"pushing {what} to {shown} failed: {type(e).__name__}: {e}") from e
    raise PushError(f"pushing {what} to {shown}: the server answered {status}: {detail}")


def push(store: GraphStore, endpoint: str, *, graphs: list[str] | None = None, timeout: float = 60,
         auth: tuple[str, str] | None = None, progress: Progress | None = None) -> PushReport:
    """Replace each named graph of ``store`` at a Graph Store Protocol ``endpoint`` by the
    local copy (HTTP PUT of N-Triples, streamed), one graph after another, sorted by IRI.

    ``graphs`` restricts the push to those graph IRIs (each must be in the store; PushError
    before anything is sent otherwise). Triples in the default graph, if any, are pushed
    to ``?default`` when ``graphs`` is None. ``timeout`` (seconds) bounds connecting and each
    read or write; ``auth`` is (user, password) for HTTP Basic authentication; ``progress``
    is called with (graph IRI, triples, bytes) after each graph. Redirects are not followed.
    Any failure (no connection, a timeout, an answer other than 2xx) raises PushError naming
    the endpoint and the graph; graphs pushed before it stay replaced.
    """
    shown = _check_endpoint(endpoint)
    todo = _graphs_to_push(store, graphs, shown)
    report = PushReport(shown)
    start = time.perf_counter()
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                      auth=httpx.BasicAuth(*auth) if auth else None) as client:
        for graph in todo:
            body = _Body(store, graph)
            _put(client, endpoint, shown, graph, body, timeout)
            report.graphs.append(graph)
            report.triples += body.triples
            report.bytes += body.bytes
            if progress is not None:
                progress(graph, body.triples, body.bytes)
    report.seconds = time.perf_counter() - start
    return report
