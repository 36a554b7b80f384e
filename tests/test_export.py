"""kg.network.to_networkx and the writers of kg.export (GEXF, GraphML, CSV, RDF, drawings), and `kg export`."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.errors import KGError
from kg.api import KnowledgeGraph
from kg.cli import app
from kg.documents import parse_text
from kg.export import CONTEXT_FILE, draw, write_csv, write_gexf, write_graphml, write_rdf
from kg.network import to_networkx
from kg.store import doc_graph_names

KGR = "https://w3id.org/cnpolicy-kg/id/"
ZHANG, ZHENGZHOU = KGR + "person/zhang-weiguo", KGR + "place/zhengzhou"
COPPER, CHAIN = KGR + "org/henan-zhongyuan-copper-group", KGR + "chain/copper-processing"
XINXIANG, LIHUA, HENAN = KGR + "place/xinxiang-410700", KGR + "person/li-hua", KGR + "place/henan-410000"
D1 = ("---\ndate: 2024-03-05\n---\n"
      "Zhang Weiguo, Party secretary of Zhengzhou, said the city will grow. "
      "Henan Zhongyuan Copper Group Co., Ltd., the chain owner enterprise of the copper processing industry chain, "
      "expanded output. Henan Zhongyuan Copper Group Co., Ltd. is located in Xinxiang. "
      "Vice-governor Li Hua serves as the chain chief of the copper processing industry chain. "
      "Henan will raise its grain output to 70 million tons in 2025.\n")
D2 = ("---\ndate: 2024-06-10\n---\n"
      "Zhang Weiguo, Party secretary of Zhengzhou, inspected projects. "
      "Henan Zhongyuan Copper Group Co., Ltd. is located in Xinxiang.\n")
XSD = Path("/work/shared/gexf-schema/1.3/gexf.xsd")
if not XSD.exists():
    XSD = Path(__file__).resolve().parents[2] / "shared" / "gexf-schema" / "1.3" / "gexf.xsd"
TRICKY = 'Bad\x01label \x0b"quoted" & <tag> 汉字 🚀'
TRICKY_CLEAN = 'Badlabel "quoted" & <tag> 汉字 🚀'


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "store"
    kg = KnowledgeGraph(path)
    kg.add_documents([parse_text("d1", D1), parse_text("d2", D2)])
    kg.close()
    return path


@pytest.fixture()
def kg(store_dir):
    with KnowledgeGraph(store_dir, create=False) as k:
        yield k


@pytest.fixture()
def graph(kg):
    return to_networkx(kg.store)


def edge(G, u, v):
    """The one edge u -> v (of a multigraph or not)."""
    data = G.get_edge_data(u, v)
    if G.is_multigraph():
        (data,) = data.values()
    return data


def test_nodes_have_label_type_kind_documents(graph):
    assert set(graph) == {ZHANG, ZHENGZHOU, COPPER, CHAIN, XINXIANG, LIHUA, HENAN}
    assert graph.nodes[COPPER] == {"label": "Henan Zhongyuan Copper Group Co., Ltd.", "type": "Enterprise",
                                   "kind": "Organization", "documents": 2, "targets": 0, "start": "2024-03-05",
                                   "degree": 2}
    assert graph.nodes[ZHANG]["type"] == "Person" and graph.nodes[ZHANG]["documents"] == 2
    assert graph.nodes[CHAIN]["kind"] == "IndustrialChain" and graph.nodes[CHAIN]["documents"] == 1
    assert graph.nodes[XINXIANG]["type"] == "PrefectureCity"
    assert graph.nodes[HENAN]["targets"] == 1  # a target is a count on its owner, not an edge


def test_edges_carry_kind_label_weight_and_dates(graph):
    assert graph.number_of_edges() == 4
    assert edge(graph, ZHANG, ZHENGZHOU) == {"kind": "holds_position", "label": "Party secretary", "weight": 2,
                                             "dates": ["2024-03-05", "2024-06-10"], "start": "2024-03-05"}
    assert edge(graph, COPPER, XINXIANG)["kind"] == "located_in" and edge(graph, COPPER, XINXIANG)["weight"] == 2
    assert edge(graph, COPPER, CHAIN) == {"kind": "chain_owner", "label": "chain owner of", "weight": 1,
                                          "dates": ["2024-03-05"], "start": "2024-03-05"}
    assert edge(graph, LIHUA, CHAIN)["kind"] == "chain_chief"


def test_date_filters_count_only_documents_in_range(kg):
    G = to_networkx(kg.store, since="2024-06-01")
    assert LIHUA not in G and CHAIN not in G
    assert edge(G, ZHANG, ZHENGZHOU)["weight"] == 1 and edge(G, ZHANG, ZHENGZHOU)["dates"] == ["2024-06-10"]
    G = to_networkx(kg.store, until="2024-03-31")
    assert edge(G, ZHANG, ZHENGZHOU)["dates"] == ["2024-03-05"] and G.nodes[ZHANG]["documents"] == 1
    assert to_networkx(kg.store, since="2025-01-01").number_of_nodes() == 0


def test_type_kind_and_place_filters(kg):
    G = to_networkx(kg.store, types=["Enterprise", "IndustrialChain"])
    assert set(G) == {COPPER, CHAIN} and [d["kind"] for _, _, d in G.edges(data=True)] == ["chain_owner"]
    assert {n for n in to_networkx(kg.store, types=["place"])} == {ZHENGZHOU, XINXIANG, HENAN}
    G = to_networkx(kg.store, kinds=["holds_position"])
    assert G.number_of_nodes() == 7 and [d["kind"] for _, _, d in G.edges(data=True)] == ["holds_position"]
    assert set(to_networkx(kg.store, place="xinxiang")) == {COPPER, XINXIANG}
    # through the gazetteer: Xinxiang is in Henan; matched by its altLabel too
    assert {COPPER, XINXIANG, HENAN} <= set(to_networkx(kg.store, place="Henan Province"))
    with pytest.raises(KGError):
        to_networkx(kg.store, kinds=["no_such_kind"])


def test_gexf_validates_and_reads_back(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(graph, path)
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(path))
    assert schema.validate(doc), schema.error_log
    ns = {"g": "http://gexf.net/1.3"}
    g = doc.find("g:graph", ns)
    assert (g.get("mode"), g.get("timeformat")) == ("dynamic", "date")
    node = doc.find(f"g:graph/g:nodes/g:node[@id='{COPPER}']", ns)
    assert node.find("g:color", ns).get("r") == "255" and float(node.find("g:size", ns).get("value")) > 6
    back = nx.read_gexf(path)
    assert set(back) == set(graph) and back.number_of_edges() == 4
    assert back.nodes[COPPER]["label"] == "Henan Zhongyuan Copper Group Co., Ltd."
    assert back.nodes[COPPER]["type"] == "Enterprise" and back.nodes[COPPER]["documents"] == 2
    e = edge(back, ZHANG, ZHENGZHOU)
    assert (e["weight"], e["label"], e["kind"], e["start"]) == (2, "Party secretary", "holds_position", "2024-03-05")
    assert e["dates"] == "2024-03-05; 2024-06-10"


def test_gexf_and_graphml_keep_unicode_and_drop_control_characters(graph, tmp_path):
    G = graph.copy()
    G.add_node("urn:x:tricky", label=TRICKY, type="Zone", kind="Place", documents=1, targets=0, degree=1)
    G.add_edge(ZHANG, "urn:x:tricky", key="k", kind="located_in", label=TRICKY, weight=1, dates=[], start=None)
    write_gexf(G, tmp_path / "t.gexf")
    assert etree.XMLSchema(etree.parse(str(XSD))).validate(etree.parse(str(tmp_path / "t.gexf")))
    back = nx.read_gexf(tmp_path / "t.gexf")
    assert back.nodes["urn:x:tricky"]["label"] == TRICKY_CLEAN
    write_graphml(G, tmp_path / "t.graphml")
    back = nx.read_graphml(tmp_path / "t.graphml")
    assert back.nodes["urn:x:tricky"]["label"] == TRICKY_CLEAN


def test_graphml_reads_back(graph, tmp_path):
    write_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert set(back) == set(graph) and back.number_of_edges() == 4
    e = edge(back, ZHANG, ZHENGZHOU)
    assert e["dates"] == "2024-03-05; 2024-06-10" and e["weight"] == 2
    assert back.nodes[CHAIN]["type"] == "IndustrialChain"


def test_csv_has_headers_and_rows(graph, tmp_path):
    write_csv(graph, tmp_path / "n.csv", tmp_path / "e.csv")
    nodes = list(csv.DictReader(open(tmp_path / "n.csv", encoding="utf-8")))
    edges = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert len(nodes) == 7 and {"id", "label", "type", "kind", "documents", "degree"} <= set(nodes[0])
    assert len(edges) == 4 and {"source", "target", "kind", "label", "weight", "dates"} <= set(edges[0])
    assert {"source": ZHANG, "target": ZHENGZHOU, "kind": "holds_position", "label": "Party secretary",
            "weight": "2", "dates": "2024-03-05; 2024-06-10", "start": "2024-03-05"} in edges


def _documents(kg) -> Dataset:
    ds = Dataset()
    for name in doc_graph_names(kg.store):
        g = ds.graph(name)
        for t in kg.store.graph(name):
            g.add(t)
    return ds


def test_turtle_is_the_union_of_document_graphs(kg, tmp_path):
    write_rdf(kg.store, tmp_path / "g.ttl", "turtle")
    union = Graph()
    for name in doc_graph_names(kg.store):
        union += kg.store.graph(name)
    assert isomorphic(Graph().parse(tmp_path / "g.ttl", format="turtle"), union)


def test_nquads_keep_the_graphs_and_are_sorted(kg, tmp_path):
    write_rdf(kg.store, tmp_path / "g.nq", "nquads")
    lines = (tmp_path / "g.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and lines
    back = Dataset().parse(tmp_path / "g.nq", format="nquads")
    expected = _documents(kg)
    assert {str(g.identifier) for g in back.graphs() if len(g)} == {str(n) for n in doc_graph_names(kg.store)}
    for name in doc_graph_names(kg.store):
        assert isomorphic(back.graph(name), expected.graph(name))


def test_jsonld_parses_with_the_local_context(kg, tmp_path):
    write_rdf(kg.store, tmp_path / "g.jsonld", "jsonld")
    data = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert data["@context"] == context  # embedded: nothing to fetch
    g = Graph().parse(data=json.dumps(data), format="json-ld")
    union = Graph()
    for name in doc_graph_names(kg.store):
        union += kg.store.graph(name)
    assert len(g) == len(union) and isomorphic(g, union)


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_drawings(graph, tmp_path, suffix):
    path = tmp_path / f"g.{suffix}"
    draw(graph, path)
    data = path.read_bytes()
    assert len(data) > 1000
    if suffix == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data


def test_cli_export(store_dir, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli.gexf"
    r = runner.invoke(app, ["export", "--format", "gexf", "--store", str(store_dir), "--out", str(out),
                            "--kind", "holds_position", "--since", "2024-01-01"])
    assert r.exit_code == 0, r.output
    back = nx.read_gexf(out)
    assert back.number_of_edges() == 1
    r = runner.invoke(app, ["export", "--format", "csv", "--store", str(store_dir), "--out", str(tmp_path / "n.csv"),
                            "--type", "Person", "--place", "Zhengzhou"])
    assert r.exit_code == 0 and (tmp_path / "n-edges.csv").exists()
    assert runner.invoke(app, ["export", "--format", "dot", "--store", str(store_dir)]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "gexf", "--store", str(store_dir), "--kind", "x",
                               "--out", str(tmp_path / "x.gexf")]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "gexf", "--store", str(tmp_path / "none")]).exit_code == 2


NODE_SCRIPT = """
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const g = gexf.parse(Graph, fs.readFileSync(process.argv[2], 'utf-8'), {allowUndeclaredAttributes: true});
const n = process.argv[3];
console.log(JSON.stringify({order: g.order, size: g.size, node: g.getNodeAttributes(n)}));
"""


def test_graphology_parses_the_gexf(graph, tmp_path):
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.fail("node and npm must be on PATH for the graphology-gexf check (apt-get install nodejs npm)")
    prefix = tmp_path / "js"
    r = subprocess.run([npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(prefix),
                        "graphology", "graphology-gexf"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    write_gexf(graph, tmp_path / "g.gexf")
    (prefix / "check.js").write_text(NODE_SCRIPT, encoding="utf-8")
    r = subprocess.run([node, str(prefix / "check.js"), str(tmp_path / "g.gexf"), COPPER],
                       capture_output=True, text=True, timeout=60, cwd=prefix)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert (got["order"], got["size"]) == (7, 4)
    assert got["node"]["label"] == "Henan Zhongyuan Copper Group Co., Ltd."
    assert got["node"]["type"] == "Enterprise" and got["node"]["documents"] == 2
