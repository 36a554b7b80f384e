"""Queries that must not take the endpoint down: runaway queries are stopped within their time
limit while other queries are answered, nothing is fetched, deep nesting and big bodies are refused."""
from __future__ import annotations

import socket
import threading
import time

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from kg.sandbox import Sandbox, SandboxError, Task
from kg.server import create_app

LIMIT = 2.0
EX = "http://example.org/"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """A ring of 400 nodes linked by ex:p, with a label each: 800 triples in one named graph."""
    path = tmp_path_factory.mktemp("sandbox") / "store"
    store = ox.Store(str(path))
    g = ox.NamedNode(EX + "graph")
    for i in range(400):
        node = ox.NamedNode(f"{EX}n{i}")
        store.add(ox.Quad(node, ox.NamedNode(EX + "p"), ox.NamedNode(f"{EX}n{(i + 1) % 400}"), g))
        store.add(ox.Quad(node, ox.NamedNode(EX + "label"), ox.Literal("a" * 30 + str(i)), g))
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path, workers=2, timeout=LIMIT)) as c:
        yield c


RUNAWAY = {
    "cartesian": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "ring-path": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a (<{EX}p>|!<{EX}p>)* ?b . ?c (<{EX}p>|!<{EX}p>)* ?d . "
                 f"?e (<{EX}p>|!<{EX}p>)* ?f }}",
    "regex": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{EX}label> ?x . ?b <{EX}label> ?y . ?c <{EX}label> ?z . "
             f"FILTER (REGEX(CONCAT(?x, ?y, ?z, \"b\"), \"^(a|aa|a?a)+(a|aa)+$\")) }}",
}


@pytest.mark.parametrize("name", sorted(RUNAWAY))
def test_runaway_query_is_stopped_while_others_answer(client, name):
    outcome: dict = {}

    def heavy():
        start = time.monotonic()
        outcome["response"] = client.get("/sparql", params={"query": RUNAWAY[name]})
        outcome["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=heavy)
    thread.start()
    time.sleep(0.3)  # let the runaway query reach its worker
    start = time.monotonic()
    ask = client.get("/sparql", params={"query": "ASK {}"})
    ask_seconds = time.monotonic() - start
    thread.join(LIMIT + 30)
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    assert ask_seconds < 1.0, f"ASK {{}} took {ask_seconds:.2f} s while a runaway query ran"
    r = outcome["response"]
    assert r.status_code == 503, r.text
    assert "time limit" in r.json()["error"]["message"]
    assert outcome["seconds"] < LIMIT + 2, f"stopped after {outcome['seconds']:.2f} s"
    # the killed worker is replaced: the pool answers again
    for _ in range(3):
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


@pytest.fixture
def listener():
    """A socket on 127.0.0.1 that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    seen: list = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, addr = sock.accept()
            except (TimeoutError, OSError):
                continue
            seen.append(addr)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", seen
    stop.set()
    thread.join(2)
    sock.close()


def test_nothing_is_fetched(client, listener):
    url, seen = listener
    refused = {
        f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}": 400,
        f"SELECT * WHERE {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}": 400,
        f"PREFIX l: <{url}> SELECT * WHERE {{ ?s ?p ?o SERVICE l:q {{ ?s ?p ?o }} }}": 400,
        f"SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}": 400,
        f"SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}": 400,
        f"BASE <{url}> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}": 400,
        f"LOAD <{url}data.ttl>": 403,
        "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }": 400,
        "SELECT * WHERE { SERVICE <file:///etc/hostname> { ?s ?p ?o } }": 400,
        "LOAD <file:///etc/hostname>": 403,
    }
    for query, status in refused.items():
        for response in (client.get("/sparql", params={"query": query}),
                         client.post("/sparql", content=query.encode(),
                                     headers={"content-type": "application/sparql-query"})):
            assert response.status_code == status, (query, response.text)
    r = client.post("/sparql", data={"update": f"LOAD <{url}data.ttl>"})
    assert r.status_code == 403
    r = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": f"{url}data.ttl",
                                      "named-graph-uri": f"{url}other.ttl"})
    assert r.status_code == 200  # graphs not in the store are empty, never fetched
    time.sleep(0.5)
    assert seen == []


@pytest.mark.parametrize("opening, closing", [("{", "}"), ("(", ")"), ("{ OPTIONAL {", "}}")])
def test_deep_nesting_is_refused_before_parsing(client, opening, closing):
    if opening == "(":
        query = "SELECT ?x WHERE { BIND (" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) }"
    else:
        query = "SELECT * WHERE " + opening * 5000 + " ?s ?p ?o " + closing * 5000
    r = client.post("/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"})
    assert r.status_code == 400 and "nests" in r.json()["error"]["message"]


def test_nesting_at_the_limit_still_runs(client):
    query = "SELECT * WHERE " + "{" * 150 + " ?s ?p ?o " + "}" * 150 + " LIMIT 1"
    assert client.get("/sparql", params={"query": query}).status_code == 200


def test_oversized_body(client):
    big = "ASK {} #" + "x" * 1_000_001
    r = client.post("/sparql", content=big.encode(), headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413 and r.json()["error"]["status"] == 413
    r = client.post("/sparql", data={"query": big})
    assert r.status_code == 413


def test_sandbox_directly(store_path):
    with Sandbox(store_path, workers=1, timeout=LIMIT) as sandbox:
        assert sandbox.graph_names == {EX + "graph"}
        answer = sandbox.run(Task(f"SELECT (COUNT(*) AS ?n) {{ ?s <{EX}p> ?o }}", result_format="csv"))
        assert answer.kind == "select" and answer.body == b"n\r\n400\r\n"
        with pytest.raises(SandboxError) as e:
            sandbox.run(Task(RUNAWAY["cartesian"]), timeout=1)
        assert e.value.status == 503
        answer = sandbox.run(Task("ASK {}"))  # waits for the replacement worker
        assert answer.body == b'{"head":{},"boolean":true}'
        with pytest.raises(SandboxError) as e:
            sandbox.run(Task("ASK {"))
        assert e.value.status == 400
