"""The CLI, the endpoint and the Python API give the same answers for the same saved query."""
from __future__ import annotations

import csv
import io

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from kg import KnowledgeGraph
from kg.cli import app
from kg.server import create_app

DOCS = [("a", "Zhang Weiguo, Party secretary of Zhengzhou, said Luoyang Bearing Group Co., Ltd. is based in Luoyang.",
         {"date": "2024-03-05"}),
        ("b", "Li Hongmei, general manager of Henan Zhongyuan Copper Group, spoke. Wang Fang, mayor of Kaifeng, listened.")]
CASES = [("officials", {}), ("officials", {"place": "Zhengzhou"}), ("in-place", {"place": "Henan"}),
         ("entity-facts", {"entity": "Zhang Weiguo"})]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("same") / "store"
    with KnowledgeGraph(path) as graph:
        graph.add(DOCS)
    return path


def as_strings(rows) -> list[tuple[str, ...]]:
    return [tuple("" if v is None else str(v) for v in row) for row in rows]


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p in CASES])
def test_cli_endpoint_and_api_agree(store, name, params):
    with KnowledgeGraph(store, create=False) as graph:
        result = graph.query(name, params)
        api = as_strings(result.rows)
        columns = result.variables
    assert api, f"{name} {params} has no rows: the comparison would prove nothing"

    args = ["query", name, "--store", str(store), "--format", "csv"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    cli_rows = list(csv.reader(io.StringIO(out.stdout)))
    assert cli_rows[0] == columns
    assert [tuple(r) for r in cli_rows[1:]] == api

    with TestClient(create_app(store, workers=1)) as client:
        r = client.get(f"/queries/{name}", params=params, headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, r.text
        body = r.json()
    http = [tuple(b.get(v, {}).get("value", "") for v in columns) for b in body["results"]["bindings"]]
    assert http == api
