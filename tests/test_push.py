"""`kg.push` against a real Oxigraph server (the `oxigraph` binary from the PyPI package of
that name, in the dev extra) started on a free loopback port with a data folder of its own,
and against small http.server stand-ins for the failures a real server rarely gives."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.api import KnowledgeGraph
from process_helpers import free_port, stop
from kg.errors import KGError, PushError
from kg.push import DEFAULT_GRAPH, PushReport, graph_url, push
from kg.queries import SavedQuery, prepare, resolve_query
from kg.store import GraphStore
from kg.terms import to_rdflib

DOCS = [
    ("push-1", "Wang Lei, party secretary of Datong, visited Taiyuan Heavy Machinery Group.", {"date": "2024-05-01"}),
    ("push-2", "Li Ming, mayor of Taiyuan, said Taiyuan Heavy Machinery Group will build a new plant in Datong.",
     {"date": "2024-06-12", "title": "A new plant"}),
    ("push-3", "Zhao Hua, general manager of Shanxi Coking Coal Group, said the firm is based in Taiyuan.", {}),
]
DOC1 = "https://w3id.org/cnpolicy-kg/graph/doc/push-1"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
NAMED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def oxigraph_exe() -> str:
    """The Oxigraph server binary installed in this environment; the test fails without it."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        exe = Path(folder) / "oxigraph"
        if exe.is_file() and os.access(exe, os.X_OK):
            return str(exe)
    found = shutil.which("oxigraph")
    if found:
        return found
    pytest.fail("the Oxigraph server binary `oxigraph` is not installed: it comes from the PyPI package "
                "'oxigraph' in the dev extra of pyproject.toml; run scripts/setup (pip install -e '.[dev]')")


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    """A small local store built from three sentences written for this test."""
    with KnowledgeGraph(tmp_path_factory.mktemp("push") / "store") as graph:
        graph.add(DOCS)
        yield graph


@pytest.fixture
def oxigraph(tmp_path):
    """An empty Oxigraph server: its base URL (the Graph Store endpoint is base + '/store')."""
    exe = oxigraph_exe()
    log_path = tmp_path / "oxigraph.log"
    for _attempt in range(3):  # a free port can be taken by someone else before the server binds it
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / f"data-{port}"),
                                     "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        if proc.poll() is None and time.monotonic() < deadline:
            break
        proc.kill()
        proc.wait()
    else:
        pytest.fail(f"oxigraph serve did not start:\n{log_path.read_text(errors='replace')}")
    try:
        yield base
    finally:
        stop(proc)


def remote_select(base: str, query: str, union: bool = False) -> tuple[list[str], list[tuple]]:
    """Run a SELECT at the server's /query endpoint: (variables, rows of rdflib terms or None)."""
    r = httpx.post(base + "/query" + ("?union-default-graph" if union else ""), content=query.encode(),
                   headers={"Content-Type": "application/sparql-query",
                            "Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    answer = ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)
    return [v.value for v in answer.variables], [tuple(map(to_rdflib, row)) for row in answer]


_CLAUSE = re.compile(r"\b(?:SELECT(?:\s+(?:DISTINCT|REDUCED)\b)?|GROUP\s+BY|ORDER\s+BY)\b", re.I)
_CLAUSE_END = re.compile(r"[{}]|\b(?:WHERE|HAVING|GROUP|ORDER|LIMIT|OFFSET|VALUES)\b", re.I)


def bound_text(query: SavedQuery, given: dict[str, str]) -> str:
    """The query text with each given parameter written in as kg.queries.prepare makes it, as pyoxigraph's substitution binds it locally: the variable becomes the term in
    patterns and expressions, and a bare mention of it in a projection, GROUP BY or ORDER BY is
    dropped (a constant is no projection or grouping; run_saved drops the echo column anyway)."""
    text, substitutions = prepare(query, given)  # names already written in as keys
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for var, term in substitutions.items():
        token = re.compile(rf"[?$]{re.escape(var.value)}\b")
        out, pos = [], 0
        for m in _CLAUSE.finditer(text):
            if m.start() < pos:
                continue
            depth, end = 0, m.end()
            while end < len(text) and not (depth == 0 and _CLAUSE_END.match(text, end)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                end += 1
            clause, kept, depth = text[m.end():end], [], 0
            i = 0
            while i < len(clause):  # drop the bare variable, keep it inside (expr AS ?x) or (expr)
                t = token.match(clause, i) if depth == 0 else None
                if t:
                    i = t.end()
                    continue
                depth += {"(": 1, ")": -1}.get(clause[i], 0)
                kept.append(clause[i])
                i += 1
            clause = "".join(kept)
            keyword = m.group(0) if clause.strip() or m.group(0).upper().startswith("SELECT") else ""
            out.append(token.sub(str(term), text[pos:m.start()]) + keyword + token.sub(str(term), clause))
            pos = end
        text = "".join(out) + token.sub(str(term), text[pos:])
    return text


def sort_key(row: tuple) -> tuple:
    return tuple("" if t is None else t.n3() for t in row)


def test_push_copies_every_graph(kg, oxigraph):
    seen = []
    report = push(kg.store, oxigraph + "/store", progress=lambda g, n, b: seen.append((g, n, b)))
    local = [str(g) for g in kg.store.graph_names()]
    assert isinstance(report, PushReport) and report.graphs == local
    assert {"https://w3id.org/cnpolicy-kg/graph/ontology", "https://w3id.org/cnpolicy-kg/graph/gazetteer",
            "https://w3id.org/cnpolicy-kg/graph/industries", DOC1,
            "https://w3id.org/cnpolicy-kg/graph/inferred/push-1"} <= set(local)
    assert report.triples == len(kg.store) and report.bytes > 0 and report.seconds > 0
    assert [g for g, _, _ in seen] == local and sum(n for _, n, _ in seen) == report.triples
    _, rows = remote_select(oxigraph, NAMED)
    assert sorted(str(r[0]) for r in rows) == local  # (a) the same named graphs
    dump = httpx.get(oxigraph + "/store", headers={"Accept": "application/n-quads"}, timeout=30)
    assert "".join(sorted(dump.text.splitlines(keepends=True))) == kg.store.nquads()  # and the same quads


@pytest.mark.parametrize("name, params", [
    ("officials", {}), ("officials", {"place": "Datong"}), ("leaders-of-place", {"place": "Taiyuan"}),
    ("entity-facts", {"entity": "https://w3id.org/cnpolicy-kg/id/person/wang-lei"}),
    ("document", {"doc": "push-2"}), ("chains", {}),
])
def test_saved_query_answers_the_same_on_the_server(kg, oxigraph, name, params):
    push(kg.store, oxigraph + "/store")
    query = resolve_query(name)
    local = kg.query(name, params)
    variables, rows = remote_select(oxigraph, bound_text(query, params), union=True)
    keep = [i for i, v in enumerate(variables) if v not in {p.name for p in query.params}]
    assert [variables[i] for i in keep] == local.variables
    remote = [tuple(row[i] for i in keep) for row in rows]
    assert sorted(remote, key=sort_key) == sorted(local.rows, key=sort_key)
    if name in ("officials", "leaders-of-place", "entity-facts", "document"):
        assert local.rows, f"{name} {params} answers nothing here: the comparison would prove little"


def test_pushing_twice_replaces_and_leaves_other_graphs(kg, oxigraph):
    gsp = oxigraph + "/store"
    stale = b'<urn:stale> <urn:p> "left from an older push" .\n'
    for graph in (DOC1, "urn:kept"):
        r = httpx.post(graph_url(gsp, graph), content=stale, headers={"Content-Type": "application/n-triples"})
        assert r.is_success, r.text
    first = push(kg.store, gsp)
    second = push(kg.store, gsp)
    assert (first.graphs, first.triples, first.bytes) == (second.graphs, second.triples, second.bytes)
    _, rows = remote_select(oxigraph, COUNT)
    assert int(rows[0][0]) == len(kg.store) + 1  # (c) no duplicates; the other graph's one triple kept
    _, rows = remote_select(oxigraph, "SELECT ?g WHERE { GRAPH ?g { <urn:stale> ?p ?o } }")
    assert [str(r[0]) for r in rows] == ["urn:kept"]  # the stale triple in the pushed graph is gone
    _, rows = remote_select(oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0][0]) == 0  # nothing in the default graph


def test_push_restricted_to_some_graphs(kg, oxigraph):
    report = push(kg.store, oxigraph + "/store?", graphs=[DOC1])
    assert report.graphs == [DOC1]
    _, rows = remote_select(oxigraph, NAMED)
    assert [str(r[0]) for r in rows] == [DOC1]
    with pytest.raises(PushError, match="nothing pushed to .*/store: not in the local store: <urn:nowhere>"):
        push(kg.store, oxigraph + "/store", graphs=[DOC1, "urn:nowhere"])


def test_default_graph_triples_are_pushed_too(oxigraph):
    store = GraphStore(None)
    a, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
    store.ox.add(ox.Quad(a, p, ox.Literal("in the default graph")))
    store.ox.add(ox.Quad(a, p, ox.Literal("in a named graph"), ox.NamedNode("urn:g")))
    assert push(store, oxigraph + "/store").graphs == [DEFAULT_GRAPH, "urn:g"]
    dump = httpx.get(oxigraph + "/store", headers={"Accept": "application/n-quads"}, timeout=30)
    assert sorted(dump.text.splitlines(keepends=True)) == sorted(store.nquads().splitlines(keepends=True))


def test_closed_port_raises_push_error(kg):
    endpoint = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there
    with pytest.raises(PushError) as e:
        push(kg.store, endpoint, graphs=[DOC1], timeout=5)
    assert endpoint in str(e.value) and DOC1 in str(e.value) and "connect" in str(e.value)
    assert isinstance(e.value, KGError)


@pytest.mark.parametrize("endpoint", ["ftp://127.0.0.1/store", "not a url", "http:///store"])
def test_bad_endpoint(kg, endpoint):
    with pytest.raises(PushError, match="URL"):
        push(kg.store, endpoint, graphs=[DOC1])


# -- stand-in servers ----------------------------------------------------------------------------
class Handler(BaseHTTPRequestHandler):
    """Reads the request body (chunked or not), then answers as the server's `answer` says."""

    def do_PUT(self):
        self.server.requests.append((self.path, self.headers.get("Authorization"), self._body()))
        status, headers, body, delay = self.server.answer(self)
        time.sleep(delay)
        try:
            self.send_response(status)
            for k, v in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (timeout test)
            pass

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))
        data = b""
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            data += self.rfile.read(size)
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        return data

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in():
    """Start a stand-in server with an answer function; its endpoint and the requests it got."""
    servers = []

    def start(answer):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.answer, server.requests = answer, []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/rdf-graph-store", server.requests

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("status", [500, 404, 400])
def test_error_status_raises_push_error(kg, stand_in, status):
    message = "the store is read-only today " + "x" * 500
    endpoint, requests = stand_in(lambda h: (status, {"Content-Type": "text/plain"}, message.encode(), 0))
    with pytest.raises(PushError) as e:
        push(kg.store, endpoint, graphs=[DOC1])
    text = str(e.value)
    assert str(status) in text and endpoint in text and DOC1 in text and "read-only today" in text
    assert "x" * 150 in text and "x" * 250 not in text  # only the start of the server's answer
    assert len(requests) == 1 and requests[0][2].count(b"\n") == len(list(
        kg.store.ox.quads_for_pattern(None, None, None, ox.NamedNode(DOC1))))


def test_redirect_is_not_followed(kg, stand_in):
    endpoint, requests = stand_in(lambda h: (307, {"Location": "http://elsewhere.invalid/store"}, b"", 0))
    with pytest.raises(PushError, match="307.*elsewhere.invalid/store.*not followed"):
        push(kg.store, endpoint, graphs=[DOC1], timeout=5)
    assert len(requests) == 1


def test_timeout_raises_push_error(kg, stand_in):
    endpoint, _ = stand_in(lambda h: (204, {}, b"", 1.5))
    with pytest.raises(PushError, match=r"no answer within 0.3 s") as e:
        push(kg.store, endpoint, graphs=[DOC1], timeout=0.3)
    assert endpoint in str(e.value) and DOC1 in str(e.value)


def test_basic_auth(kg, stand_in):
    def answer(h):
        ok = h.headers.get("Authorization") == "Basic dXNlcjpwYXNz"  # user:pass
        return (204 if ok else 401), {}, (b"" if ok else b"who are you?"), 0

    endpoint, requests = stand_in(answer)
    assert push(kg.store, endpoint, graphs=[DOC1], auth=("user", "pass")).graphs == [DOC1]
    assert requests[0][0] == "/rdf-graph-store?graph=" + DOC1.replace(":", "%3A").replace("/", "%2F")
    with pytest.raises(PushError, match="401.*who are you"):
        push(kg.store, endpoint, graphs=[DOC1])
    in_url = endpoint.replace("http://", "http://user:pass@")
    assert push(kg.store, in_url, graphs=[DOC1]).endpoint == in_url.replace(":pass@", ":***@")
    with pytest.raises(PushError) as e:
        push(kg.store, endpoint.replace("http://", "http://user:secret@"), graphs=[DOC1])
    assert "401" in str(e.value) and "user:***@" in str(e.value) and "secret" not in str(e.value)
