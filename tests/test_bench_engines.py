"""bench/engines.py on a tiny store: the results have their keys, and a query over its limit is reported
as a timeout instead of hanging the benchmark."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from bench import engines
from kg.store import GraphStore

KG, KGR, DOC = "https://w3id.org/cnpolicy-kg/ontology#", "https://w3id.org/cnpolicy-kg/id/", engines.DOC_PREFIX
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # 200^4 rows
CASES = [{"name": "chains", "query": "chains", "params": {}}, {"name": "slow", "text": SLOW}]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict:
    """A store with three small document graphs and 200 filler triples, and its N-Quads."""
    folder = tmp_path_factory.mktemp("engines")
    lines = []
    for i in range(3):
        g, d, org = f"<{DOC}t{i}>", f"<{KGR}doc/t{i}>", f"<{KGR}org/x{i}>"
        lines += [f"{d} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Document> {g} .",
                  f'{d} <{KG}docId> "t{i}" {g} .',
                  f"{org} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KG}Enterprise> {g} .",
                  f'{org} <http://www.w3.org/2000/01/rdf-schema#label> "X{i}" {g} .']
    lines += [f'<urn:f{i}> <urn:p> "{i}" <urn:filler> .' for i in range(200)]
    store = GraphStore(folder / "store")
    store.write_quads("\n".join(lines).encode() + b"\n", [], replace=False)
    store.close()
    del store
    nq = engines.dump_store(folder / "store", folder / "all.nq", limit_s=60)
    return {"folder": folder, "store": str(folder / "store"), "nq": nq["path"], "quads": nq["quads"]}


def test_rdflib_and_oxigraph_queries(tiny):
    t = time.monotonic()
    rd = engines.rdflib_queries(tiny["nq"], CASES, limit_s=0.5, reps=2)
    ox = engines.oxigraph_queries(tiny["store"], CASES, reps=2, limit_s=0.5, compare_with=rd)
    assert time.monotonic() - t < 60
    for r in (rd, ox):
        assert {"load_s", "peak_rss_mb", "triples", "queries"} <= set(r)
        assert r["triples"] == tiny["quads"] == 212 + 9  # 3 x (label, name key, IRI key) in the names index
        assert r["queries"]["slow"]["timeout"] is True and r["queries"]["slow"]["median_ms"] is None
        chains = r["queries"]["chains"]
        assert chains["timeout"] is False and chains["rows"] == 0 and chains["median_ms"] is not None
    assert ox["row_mismatches"] == {}


def test_validation_and_inference(tiny):
    shapes = tiny["folder"] / "shapes"
    shapes.mkdir()
    for name in ("base.ttl", "person--valid.ttl", "person--invalid-no-label.ttl"):
        shutil.copy(engines.SHAPES_DATA / name, shapes / name)
    v = engines.validation(tiny["store"], None, 2, 60, shapes_dir=shapes)
    assert v["documents"] == 2 and set(v["whole"]) == {"pyshacl", "pyrudof"} and "conforms_mismatch" in v
    assert v["pyshacl"]["n"] == v["pyrudof"]["n"] == 2 and v["pyshacl"]["median_s"] > 0
    assert v["whole"]["pyrudof"]["triples"] == v["whole"]["pyshacl"]["triples"] == 12
    assert v["agreement"]["files"] == 2 and v["agreement"]["pyshacl_as_expected"] == 2
    i = engines.inference(tiny["store"], tiny["nq"], None, 60)
    assert i["compiled"]["inferred"] == i["owlrl"]["inferred"] > 0 and i["compiled"]["n"] == 3
    assert i["whole"]["OWLRL_Semantics"]["output_triples"] >= i["whole"]["RDFS_Semantics"]["input_triples"]


def test_a_child_over_its_limit_is_reported(tiny):
    t = time.monotonic()
    v = engines.validation(tiny["store"], limit_s=0.01, shapes_dir=Path(tiny["folder"]))
    assert v["whole"]["pyshacl"] == {"timeout": True, "limit_s": 0.01}
    assert v["pyrudof"] == {"timeout": True, "limit_s": 0.01, "median_s": None, "p95_s": None}
    assert time.monotonic() - t < 30
