"""The SPARQL endpoint (kg/server.py) in process, over a small store built by the test."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from rdflib import Graph
from starlette.testclient import TestClient

from kg.api import KnowledgeGraph
from process_helpers import free_port, stop
from kg.documents import parse_text
from kg.server import READ_ONLY, create_app

DOCS = {
    "hn-1": "---\ntitle: Test one\ndate: 2024-03-05\nsource: test\n---\n"
            "Zhang Weiguo, Party secretary of Zhengzhou, said the city will grow.\n",
    "hn-2": "Li Hongmei, general manager of Henan Zhongyuan Copper Group, said the firm is based in Xinxiang.\n",
}
KGG = "https://w3id.org/cnpolicy-kg/graph/"
PEOPLE = ("PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
          "SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    kg = KnowledgeGraph(path)
    kg.add_documents([parse_text(doc_id, text) for doc_id, text in DOCS.items()])
    kg.close()
    del kg
    return path


@pytest.fixture(scope="module")
def client(store_path):
    with TestClient(create_app(store_path, workers=2, timeout=10, max_rows=1000)) as c:
        yield c


def names(response) -> list[str]:
    return [b["name"]["value"] for b in response.json()["results"]["bindings"]]


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


def test_get_select_json_by_default(client):
    r = client.get("/sparql", params={"query": PEOPLE})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert names(r) == ["Li Hongmei", "Zhang Weiguo"]


def test_post_form_and_direct(client):
    form = client.post("/sparql", data={"query": PEOPLE})
    direct = client.post("/sparql", content=PEOPLE.encode(), headers={"content-type": "application/sparql-query"})
    assert names(form) == names(direct) == ["Li Hongmei", "Zhang Weiguo"]


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_formats(client, accept, media):
    r = client.get("/sparql", params={"query": PEOPLE}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    if media == "text/csv":  # lossy: pyoxigraph does not parse it back
        assert r.text.split("\r\n") == ["name", "Li Hongmei", "Zhang Weiguo", ""]
        return
    parsed = ox.parse_query_results(r.content, format={
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV}.get(media, ox.QueryResultsFormat.JSON))
    assert sorted(row["name"].value for row in parsed) == ["Li Hongmei", "Zhang Weiguo"]


def test_csv_rows(client):
    r = client.get("/sparql", params={"query": PEOPLE, "format": "csv"})
    assert list(csv.reader(io.StringIO(r.text))) == [["name"], ["Li Hongmei"], ["Zhang Weiguo"]]


def test_ask(client):
    r = client.get("/sparql", params={"query": "ASK { ?s a <https://w3id.org/cnpolicy-kg/ontology#Person> }"})
    assert r.json()["boolean"] is True
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in r.text


@pytest.mark.parametrize("accept, fmt, media", [
    (None, "turtle", "text/turtle"), ("application/n-triples", "nt", "application/n-triples"),
    ("application/rdf+xml", "xml", "application/rdf+xml"), ("application/ld+json", "json-ld", "application/ld+json"),
])
def test_construct_formats(client, accept, fmt, media):
    q = "CONSTRUCT { ?p a <urn:x:Person> } WHERE { ?p a <https://w3id.org/cnpolicy-kg/ontology#Person> }"
    r = client.get("/sparql", params={"query": q}, headers={"accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert len(Graph().parse(data=r.content, format=fmt)) == 2


def test_describe_is_rdf(client):
    r = client.post("/sparql", content=b"DESCRIBE <http://example.org/>",
                    headers={"content-type": "application/sparql-query"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")


def test_unacceptable_format(client):
    assert_error(client.get("/sparql", params={"query": PEOPLE}, headers={"accept": "image/png"}), 406)


def test_service_description(client):
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert list(g.query(f"ASK {{ ?s a <{sd}Service> ; <{sd}supportedLanguage> <{sd}SPARQL11Query> ; "
                        f"<{sd}endpoint> ?e ; <{sd}defaultDataset>/<{sd}namedGraph>/<{sd}name> ?g }}"))[0]


@pytest.mark.parametrize("request_kwargs", [
    {"method": "GET", "url": "/sparql", "params": {"update": "CLEAR ALL"}},
    {"method": "POST", "url": "/sparql", "data": {"update": "CLEAR ALL"}},
    {"method": "POST", "url": "/sparql", "content": b"DROP ALL", "headers": {"content-type": "application/sparql-update"}},
    {"method": "PUT", "url": "/sparql?default", "content": b"<urn:a> <urn:b> <urn:c> .",
     "headers": {"content-type": "application/n-triples"}},
    {"method": "POST", "url": "/sparql?graph=urn:g", "content": b"<urn:a> <urn:b> <urn:c> .",
     "headers": {"content-type": "text/turtle"}},
    {"method": "DELETE", "url": "/sparql?graph=urn:g"},
    {"method": "GET", "url": "/sparql", "params": {"query": "CLEAR ALL"}},
])
def test_read_only(client, request_kwargs):
    assert assert_error(client.request(**request_kwargs), 403)["message"] == READ_ONLY
    assert names(client.get("/sparql", params={"query": PEOPLE})) == ["Li Hongmei", "Zhang Weiguo"]


def test_dataset_from_protocol(client):
    g1 = KGG + "doc/hn-1"
    r = client.get("/sparql", params={"query": PEOPLE, "default-graph-uri": g1})
    assert names(r) == ["Zhang Weiguo"]
    r = client.get("/sparql", params={"query": PEOPLE, "default-graph-uri": "http://example.org/absent"})
    assert names(r) == []
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q, "named-graph-uri": [g1, "http://example.org/absent"]})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [g1]


def test_from_a_graph_of_the_store(client):
    q = PEOPLE.replace("WHERE", f"FROM <{KGG}doc/hn-2> WHERE")
    assert names(client.get("/sparql", params={"query": q})) == ["Li Hongmei"]


@pytest.mark.parametrize("query", [
    "SELECT * FROM <http://example.org/elsewhere> WHERE { ?s ?p ?o }",
    "PREFIX e: <http://example.org/> SELECT * FROM NAMED e:elsewhere WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_refused_before_running(client, query):
    assert_error(client.get("/sparql", params={"query": query}), 400)


def test_words_in_strings_and_comments_are_not_keywords(client):
    q = 'SELECT ?x WHERE { BIND ("SERVICE <http://e.org/> FROM" AS ?x) } # LOAD <http://e.org/>'
    r = client.get("/sparql", params={"query": q})
    assert r.json()["results"]["bindings"][0]["x"]["value"].startswith("SERVICE")


def test_protocol_errors(client):
    assert_error(client.get("/sparql", params={"query": "ASK {"}), 400)
    assert_error(client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D"), 400)
    assert_error(client.post("/sparql", content=b"ASK {}", headers={"content-type": "text/plain"}), 415)
    assert_error(client.post("/sparql", content="ASK {}".encode("utf-16"),
                             headers={"content-type": "application/sparql-query; charset=UTF-16"}), 415)
    assert_error(client.post("/sparql", content=b"ASK { \xff }", headers={"content-type": "application/sparql-query"}),
                 400)
    assert_error(client.get("/nowhere"), 404)
    assert_error(client.get("/sparql", params={"query": PEOPLE, "format": "docx"}), 400)


def test_result_row_cap(client):
    q = "SELECT ?i WHERE { VALUES ?a { 1 2 3 4 5 6 7 8 9 10 11 12 } VALUES ?b { 1 2 3 4 5 6 7 8 9 10 11 12 } " \
        "VALUES ?c { 1 2 3 4 5 6 7 8 9 10 } BIND (?a * 1000 + ?b * 10 + ?c AS ?i) }"  # 1,440 rows > 1,000
    for fmt in ("json", "xml", "csv", "tsv"):
        assert "1000 rows" in assert_error(client.get("/sparql", params={"query": q, "format": fmt}), 413)["message"]
    small = q.replace("11 12 } VALUES ?c", "} VALUES ?c").replace("11 12 }", "}")  # 10*10*10 = 1,000 rows
    assert len(client.get("/sparql", params={"query": small}).json()["results"]["bindings"]) == 1000


def test_saved_queries_listed(client):
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert "leaders-of-place" in listed and listed["leaders-of-place"]["question"]
    assert listed["leaders-of-place"]["params"][0] == {
        "name": "place", "required": True, "description": listed["leaders-of-place"]["params"][0]["description"]}


def test_saved_query_with_params(client):
    r = client.get("/queries/leaders-of-place", params={"place": "Zhengzhou"})
    assert r.status_code == 200, r.text
    assert [b["name"]["value"] for b in r.json()["results"]["bindings"]] == ["Zhang Weiguo"]
    r = client.get("/queries/leaders-of-place", params={"place": "Zhengzhou City", "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and "Zhang Weiguo" in r.text
    # a value is bound as a literal by the engine, never pasted into the text
    evil = 'Zhengzhou" } } UNION { BIND("x" AS ?name) } #'
    r = client.get("/queries/leaders-of-place", params={"place": evil})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []


def test_saved_query_errors(client):
    assert_error(client.get("/queries/no-such-query"), 404)
    assert_error(client.get("/queries/leaders-of-place"), 400)  # a required parameter is missing
    assert_error(client.get("/queries/leaders-of-place", params={"place": "X", "city": "Y"}), 400)


def test_openapi(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.") and {"/sparql", "/queries", "/queries/{name}"} <= set(spec["paths"])
    json.dumps(spec)


def test_cors_off_unless_asked(client, store_path):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(store_path, workers=1, cors="http://app.example")) as other:
        r = other.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "http://app.example"})
        assert r.headers["access-control-allow-origin"] == "http://app.example"


def test_store_missing(tmp_path):
    with pytest.raises(Exception, match="no store"):
        with TestClient(create_app(tmp_path / "nothing")):
            pass


def test_quoted_names_in_url(client):
    r = client.get("/sparql?query=" + quote(PEOPLE, safe=""))
    assert names(r) == ["Li Hongmei", "Zhang Weiguo"]


def test_kg_serve_with_sparql_clients(store_path):
    """`kg serve` for real (uvicorn on a free port), asked by SPARQLWrapper, rdflib's SPARQLStore and curl."""
    import shutil
    import subprocess
    import sys
    import time

    import SPARQLWrapper
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_path), "--port", str(port),
                             "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        endpoint = SPARQLWrapper.SPARQLWrapper(f"http://127.0.0.1:{port}/sparql")
        endpoint.setReturnFormat(SPARQLWrapper.JSON)
        endpoint.setQuery(PEOPLE)
        for _ in range(300):
            try:
                result = endpoint.query().convert()
                break
            except Exception:  # noqa: BLE001 - not listening yet
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.1)
        assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["Li Hongmei", "Zhang Weiguo"]
        remote = Graph(store=SPARQLStore(f"http://127.0.0.1:{port}/sparql", returnFormat="json"))
        assert [str(row.name) for row in remote.query(PEOPLE)] == ["Li Hongmei", "Zhang Weiguo"]
        curl = shutil.which("curl")
        assert curl, "curl is needed to check the endpoint from the command line"
        out = subprocess.run([curl, "-s", "-H", "Accept: text/csv", "--data-urlencode", f"query={PEOPLE}",
                              f"http://127.0.0.1:{port}/sparql"], capture_output=True, text=True, check=True)
        assert out.stdout.splitlines()[1:] == ["Li Hongmei", "Zhang Weiguo"]
    finally:
        stop(proc)
