"""The explorer (kg/explorer.py) in process: the page, search, entity pages, /id/ dereferencing."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from rdflib import Graph, URIRef
from starlette.testclient import TestClient

from kg.api import KnowledgeGraph
from kg.documents import parse_text
from kg.server import create_app

DOCS = {
    "ex-1": "---\ntitle: Explorer one\ndate: 2024-03-05\nsource: test\n---\n"
            "Zhang Weiguo, Party secretary of Zhengzhou, said the city will grow.\n",
    "ex-2": "Li Hongmei, general manager of Henan Zhongyuan Copper Group, said the firm is based in Xinxiang.\n",
}
KGR = "https://w3id.org/cnpolicy-kg/id/"
ZHANG = KGR + "person/zhang-weiguo"
COPPER = KGR + "org/henan-zhongyuan-copper-group"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "store"
    kg = KnowledgeGraph(path)
    kg.add_documents([parse_text(doc_id, text) for doc_id, text in DOCS.items()])
    kg.close()
    del kg
    with TestClient(create_app(path, workers=1, timeout=10)) as c:
        yield c


def test_the_page_loads_with_editor_search_and_no_remote_assets(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for part in ('id="query"', 'id="saved"', 'id="search-box"', "/sparql", "/queries"):
        assert part in r.text
    assert "http://" not in r.text.replace("http://www.w3.org", "") and "https://cdn" not in r.text
    js = client.get("/static/cytoscape.min.js")
    assert js.status_code == 200 and b"cytoscape" in js.content[:2000].lower()


def test_saved_query_text_for_the_editor(client):
    names = [q["name"] for q in client.get("/queries").json()]
    assert "entity-facts" in names
    q = client.get("/api/queries/entity-facts").json()
    assert "SELECT" in q["text"].upper() and [p["name"] for p in q["params"]] == ["entity"]
    assert client.get("/api/queries/nope").status_code == 404


def test_search_finds_entities_case_insensitively(client):
    hits = client.get("/api/search", params={"q": "zhongyuan COPPER"}).json()
    assert hits and hits[0]["iri"] == COPPER and hits[0]["type"] == "Enterprise"
    assert hits[0]["href"] == "/entity?iri=" + quote(COPPER, safe="")
    hits = client.get("/api/search", params={"q": "weiguo"}).json()
    assert [h["iri"] for h in hits] == [ZHANG] and hits[0]["label"] == "Zhang Weiguo"
    assert len(client.get("/api/search", params={"q": "an"}).json()) == 20  # the gazetteer has many
    assert client.get("/api/search", params={"q": ""}).json() == []


def test_search_term_is_bound_not_pasted(client):
    r = client.get("/api/search", params={"q": '") } SELECT * WHERE { ?s ?p ?o } #'})
    assert r.status_code == 200 and r.json() == []


def test_entity_page_shows_facts_with_evidence_and_document(client):
    r = client.get("/entity", params={"iri": COPPER})
    assert r.status_code == 200
    assert "Henan Zhongyuan Copper Group" in r.text and "Enterprise" in r.text
    assert "Li Hongmei, general manager of Henan Zhongyuan Copper Group, said the firm is based in Xinxiang." in r.text
    assert "ex-2" in r.text
    assert 'id="cy"' in r.text and "/static/cytoscape.min.js" in r.text
    data = client.get("/api/entity", params={"iri": ZHANG}).json()
    assert data["type"] == "Person" and data["labels"] == ["Zhang Weiguo"]
    holds = data["groups"]["org:holds"]
    assert holds[0]["doc"] == "ex-1" and holds[0]["text"].startswith("Zhang Weiguo, Party secretary of Zhengzhou")
    post = holds[0]["o"]
    assert {n["id"] for n in data["network"]["nodes"]} >= {ZHANG, post}
    assert any(x["source"] == ZHANG and x["target"] == post for x in data["network"]["edges"])
    page = client.get("/entity", params={"iri": ZHANG}).text
    assert "org:holds" in page and 'href="/entity?iri=' + quote(post, safe="") + '"' in page
    post_page = client.get("/entity", params={"iri": post})
    assert post_page.status_code == 200 and "Zhang Weiguo" in post_page.text  # the fact seen from the other end

def test_unknown_entity_is_404(client):
    assert client.get("/entity", params={"iri": KGR + "person/nobody-here"}).status_code == 404
    assert client.get("/entity").status_code == 400


def test_id_negotiates_html_and_rdf(client):
    html = client.get("/id/person/zhang-weiguo", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Zhang Weiguo, Party secretary of Zhengzhou, said the city will grow." in html.text
    ttl = client.get("/id/person/zhang-weiguo", headers={"Accept": "text/turtle"})
    assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=ttl.text, format="turtle")
    assert (URIRef(ZHANG), None, None) in g
    jsonld = client.get("/id/person/zhang-weiguo", headers={"Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and jsonld.headers["content-type"].startswith("application/ld+json")
    assert ZHANG in jsonld.text
    assert client.get("/id/person/zhang-weiguo", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/id/person/nobody-here", headers={"Accept": "text/turtle"}).status_code == 404


def test_network_draws_a_person_to_the_place_of_the_post_and_back(client):
    person = client.get("/api/entity", params={"iri": ZHANG}).json()["network"]
    place = next(n["id"] for n in person["nodes"] if n["label"] == "Zhengzhou")
    assert {"source": ZHANG, "target": place, "label": "Party secretary"} in \
        [{k: e[k] for k in ("source", "target", "label")} for e in person["edges"]]
    city = client.get("/api/entity", params={"iri": place}).json()["network"]
    assert any(e["source"] == ZHANG and e["target"] == place and e["label"] == "Party secretary" for e in city["edges"])
