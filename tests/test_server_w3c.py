"""The W3C SPARQL 1.1 test suites against the endpoint: the protocol suite
(../shared/w3c-sparql11/protocol/manifest.ttl, 34 tests) and the result-format suites json-res (4)
and csv-tsv-res (6). Data files are loaded locally into stores built by the test; nothing is fetched.

How protocol tests are counted (checked by test_protocol_tally):
- "pass": every request of the test gets the status class, result format and boolean the manifest
  expects (the query tests, and the bad_* tests, which expect a 4xx);
- "read-only": an update test that expects 2xx (update_*); the endpoint is read-only, so its first
  request must get 403 with the documented message; its follow-up ASK, which checks the update's
  effect, is not sent.
Result-format tests compare result sets, not bytes: the same variables, and the same multiset of
rows up to blank node labels and, for numbers, up to their value: Oxigraph stores literals of the
XSD numeric types by value, so "1.0E6"^^xsd:double comes back as "1000000"^^xsd:double and
"-3"^^xsd:negativeInteger as "-3"^^xsd:integer (csv03 and tsv03 differ from the expected files only
there; the other 8 match term for term).
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS
from starlette.testclient import TestClient

from kg.server import READ_ONLY, create_app

W3C = Path(__file__).resolve().parent.parent.parent / "shared" / "w3c-sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

assert W3C.is_dir(), f"the W3C test suites are expected in {W3C} (../shared beside the project)"


def _manifest(suite: str) -> tuple[Graph, list[URIRef]]:
    g = Graph().parse(W3C / suite / "manifest.ttl", format="turtle", publicID=(W3C / suite).as_uri() + "/manifest.ttl")
    entries = g.value(next(g.subjects(MF.entries, None)), MF.entries)
    return g, list(Collection(g, entries))


def _protocol_tests() -> list[dict]:
    if not W3C.is_dir():
        return []
    g, entries = _manifest("protocol")
    tests = []
    for entry in entries:
        requests = []
        for req in Collection(g, g.value(g.value(entry, MF.action), HT.requests)):
            body = g.value(req, HT.body)
            resp = g.value(req, HT.resp)
            headers = {}
            if g.value(req, HT.headers) is not None:
                for h in Collection(g, g.value(req, HT.headers)):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            requests.append({
                "method": str(g.value(req, HT.methodName)), "path": str(g.value(req, HT.absolutePath)),
                "body": None if body is None else str(g.value(body, CNT.chars)).encode(
                    str(g.value(body, CNT.characterEncoding) or "UTF-8")),
                "headers": headers,
                "status": {str(s).rsplit("#StatusCode", 1)[-1][0] for s in g.objects(resp, MF.expectedStatus)},
                "format": None if g.value(resp, MF.expectedFormat) is None else str(g.value(resp, MF.expectedFormat)),
                "boolean": None if g.value(resp, MF.expectedBoolean) is None else g.value(resp, MF.expectedBoolean).toPython(),
            })
        first = requests[0]
        is_update = (first["headers"].get("content-type", "").startswith("application/sparql-update")
                     or (first["body"] or b"").startswith(b"update=") or "update=" in first["path"]
                     or "using-" in first["path"])
        tests.append({"name": str(entry).rsplit("#", 1)[-1], "requests": requests,
                      "counted": "read-only" if is_update and "2" in first["status"] else "pass"})
    return tests


PROTOCOL = _protocol_tests()
TALLY: Counter = Counter()


@pytest.fixture(scope="module")
def protocol_client(tmp_path_factory):
    g, entries = _manifest("protocol")
    path = tmp_path_factory.mktemp("w3c") / "protocol-store"
    store = ox.Store(str(path))
    for data in g.subjects(RDFS.label, None):
        file, name = g.value(data, UT.graph), g.value(data, RDFS.label)
        if file is None:
            continue
        local = W3C / "protocol" / str(file).rsplit("/", 1)[-1]
        store.load(local.read_bytes(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(name)))
    store.flush()
    del store
    with TestClient(create_app(path, workers=2, timeout=10), base_url="http://www.example") as c:
        yield c


def _boolean(response) -> bool:
    ctype = response.headers["content-type"]
    if "xml" in ctype:
        return "<boolean>true</boolean>" in response.text
    return response.json()["boolean"]


FORMATS = {"boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
           "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                       "text/tab-separated-values"),
           "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples")}


@pytest.mark.parametrize("test", PROTOCOL, ids=[t["name"] for t in PROTOCOL])
def test_protocol(protocol_client, test):
    for n, req in enumerate(test["requests"]):
        r = protocol_client.request(req["method"], req["path"], content=req["body"], headers=req["headers"])
        if test["counted"] == "read-only":
            assert r.status_code == 403, r.text
            assert r.json() == {"error": {"status": 403, "message": READ_ONLY}}
            break  # the follow-up request checks the update's effect
        assert str(r.status_code)[0] in req["status"], (req, r.status_code, r.text)
        if str(r.status_code)[0] != "2":
            assert r.json()["error"]["status"] == r.status_code
        if req["format"]:
            assert r.headers["content-type"].split(";")[0] in FORMATS[req["format"]], r.headers["content-type"]
        if req["boolean"] is not None:
            assert _boolean(r) is req["boolean"]
    TALLY[test["counted"]] += 1


def test_protocol_tally():
    """Runs after the protocol tests (file order): 34 tests; 27 pass as the manifest says (20 query
    tests, 7 bad_update_* tests expecting a 4xx); the 7 update tests that expect success get the
    read-only answer."""
    expected = Counter(t["counted"] for t in PROTOCOL)
    assert len(PROTOCOL) == 34
    assert expected == {"pass": 27, "read-only": 7}
    if sum(TALLY.values()) == len(PROTOCOL):  # not when run with -k on a subset
        assert TALLY == expected


# -- result formats --------------------------------------------------------------------------
def _result_tests(suite: str) -> list[tuple[str, str, str, str]]:
    if not W3C.is_dir():
        return []
    g, entries = _manifest(suite)
    out = []
    for entry in entries:
        action = g.value(entry, MF.action)
        out.append((str(entry).rsplit("#", 1)[-1], str(g.value(action, QT.query)).rsplit("/", 1)[-1],
                    str(g.value(action, QT.data)).rsplit("/", 1)[-1], str(g.value(entry, MF.result)).rsplit("/", 1)[-1]))
    return out


@pytest.fixture(scope="module")
def result_clients(tmp_path_factory):
    """A client per (suite, data file), the data in a named graph of its own store."""
    clients, stack = {}, []
    for suite in ("json-res", "csv-tsv-res"):
        for data in sorted({t[2] for t in _result_tests(suite)}):
            path = tmp_path_factory.mktemp("w3c") / f"{suite}-{data}"
            store = ox.Store(str(path))
            store.load((W3C / suite / data).read_bytes(), format=ox.RdfFormat.TURTLE,
                       base_iri="http://example.org/", to_graph=ox.NamedNode("http://example.org/data"))
            store.flush()
            del store
            client = TestClient(create_app(path, workers=1))
            stack.append(client.__enter__())
            clients[(suite, data)] = client
    yield clients
    for client in stack:
        client.__exit__(None, None, None)


NUMERIC = {"double", "float", "decimal", "integer", "negativeInteger", "nonNegativeInteger", "positiveInteger",
           "nonPositiveInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort",
           "unsignedByte"}


def _csv_value(value: str) -> tuple:
    if value.startswith("_:"):
        return ("bnode",)
    try:
        return ("number", float(value))
    except ValueError:
        return ("text", value)


def _norm(term) -> tuple:
    if term is None:
        return ("unbound",)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    if isinstance(term, ox.Literal) and term.datatype.value.rsplit("#", 1)[-1] in NUMERIC:
        return ("number", float(term.value))
    return (type(term).__name__, str(term))


def _rows(results) -> tuple[list[str], Counter]:
    variables = [v.value for v in results.variables]
    return sorted(variables), Counter(tuple(sorted((v, _norm(row[v])) for v in variables)) for row in results)


@pytest.mark.parametrize("name, query, data, result", _result_tests("json-res"))
def test_json_results(result_clients, name, query, data, result):
    text = (W3C / "json-res" / query).read_text(encoding="utf-8")
    r = result_clients[("json-res", data)].get("/sparql", params={"query": text},
                                               headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sparql-results+json")
    expected = json.loads((W3C / "json-res" / result).read_text(encoding="utf-8"))
    actual = r.json()
    if "boolean" in expected:
        assert actual["boolean"] is expected["boolean"]
        return
    parse = lambda b: ox.parse_query_results(b, format=ox.QueryResultsFormat.JSON)  # noqa: E731
    assert _rows(parse(r.content)) == _rows(parse((W3C / "json-res" / result).read_bytes()))


def _csv_rows(text: str) -> tuple[list[str], Counter]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    return sorted(header), Counter(tuple(sorted((h, _csv_value(v)) for h, v in zip(header, row)))
                                   for row in rows[1:])


@pytest.mark.parametrize("name, query, data, result", _result_tests("csv-tsv-res"))
def test_csv_tsv_results(result_clients, name, query, data, result):
    text = (W3C / "csv-tsv-res" / query).read_text(encoding="utf-8")
    media = "text/csv" if result.endswith(".csv") else "text/tab-separated-values"
    r = result_clients[("csv-tsv-res", data)].get("/sparql", params={"query": text}, headers={"accept": media})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    expected = (W3C / "csv-tsv-res" / result).read_bytes()
    if media == "text/csv":
        assert r.text.endswith("\r\n") and "\r\n" in r.text.split("\r\n", 1)[0] + "\r\n"
        assert _csv_rows(r.content.decode("utf-8")) == _csv_rows(expected.decode("utf-8"))
    else:
        parse = lambda b: ox.parse_query_results(b, format=ox.QueryResultsFormat.TSV)  # noqa: E731
        assert _rows(parse(r.content)) == _rows(parse(expected))
