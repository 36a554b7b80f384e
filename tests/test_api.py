"""The Python API: `from kg import KnowledgeGraph`, its methods, typed and with one error hierarchy."""
from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg import KGError, KnowledgeGraph
from kg.errors import InputError, StoreError
from kg.protocol import Refused
from kg.queries import QueryError
from kg.sandbox import SandboxError

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Zhang Wei, Party secretary of Luoyang, said Luoyang Bearing Group Co., Ltd. is based in Luoyang."


def test_all_is_complete_and_importable():
    for name in kg.__all__:
        assert hasattr(kg, name), name
    namespace: dict[str, object] = {}
    exec("from kg import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(kg.__all__)
    # every class a public method of KnowledgeGraph returns is exported too
    returned = {str(inspect.signature(m).return_annotation) for _, m in inspect.getmembers(KnowledgeGraph, inspect.isfunction)
                if not _.startswith("_")}
    for cls in ("BuildReport", "Stats", "QueryResult", "SavedQuery", "ValidationReport"):
        assert any(cls in r for r in returned) and cls in kg.__all__, cls


def test_one_error_hierarchy():
    for cls in (InputError, StoreError, QueryError, SandboxError, Refused):
        assert issubclass(cls, KGError), cls


def test_add_paths_documents_and_tuples_with_metadata(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    with KnowledgeGraph(None) as graph:
        report = graph.add([f, ("b", "Li Na, mayor of Kaifeng, spoke.", {"date": "2024-05-01", "title": "T"})])
        assert report.documents == ["a", "b"]
        rows = graph.query("""PREFIX kg: <https://w3id.org/cnpolicy-kg/ontology#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?id ?date WHERE { ?d kg:docId ?id . OPTIONAL { ?d dcterms:date ?date } } ORDER BY ?id""").records()
        assert [(r["id"], str(r["date"])) for r in rows] == [("a", "None"), ("b", "2024-05-01")]


def test_bad_item_raises_input_error_and_writes_nothing(tmp_path):
    with KnowledgeGraph(None) as graph:
        with pytest.raises(InputError):
            graph.add([("ok", TEXT), tmp_path / "missing.txt"])
        assert graph.entities() == []


def test_entities_by_type_and_facts_with_evidence():
    with KnowledgeGraph(None) as graph:
        graph.add([("a", TEXT)])
        assert [e["name"] for e in graph.entities("Person")] == ["Zhang Wei"]
        assert {e["type"] for e in graph.entities()} >= {"Person", "Enterprise", "PrefectureCity"}
        held = [f for f in graph.facts() if f["kind"] == "holds_position"]
        assert held[0]["evidence"] == TEXT


def test_records_give_python_values_and_dataframe():
    with KnowledgeGraph(None) as graph:
        graph.add([("a", TEXT)])
        result = graph.query("officials")
        records = result.records()
        assert records[0]["name"] == "Zhang Wei" and isinstance(records[0]["name"], str)
        frame = result.to_dataframe()
        assert list(frame.columns) == result.variables and len(frame) == len(records)


def test_dataframe_without_pandas_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with KnowledgeGraph(None) as graph:
        with pytest.raises(QueryError, match="needs pandas"):
            graph.query("chains").to_dataframe()


def test_infer_recomputes_the_inferred_graphs():
    with KnowledgeGraph(None) as graph:
        graph.add([("a", TEXT)])
        before = graph.store.nquads()
        assert graph.infer() > 0
        assert graph.store.nquads() == before  # the same ontology gives the same closure


def test_public_api_is_mypy_strict_clean():
    out = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent",
                          "--ignore-missing-imports", "kg/__init__.py", "kg/api.py"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_readme_tutorial_runs(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Python", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(block.replace('"kg-store"', repr(str(tmp_path / "store"))), {})
    ranked = capsys.readouterr().out.splitlines()
    assert len(ranked) == 5 and all(line.rstrip()[-5:].replace(".", "").isdigit() for line in ranked)
