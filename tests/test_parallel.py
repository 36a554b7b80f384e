"""Parallel and distributed builds: the same corpus gives the same store with one worker,
four workers and a Dask cluster; work is streamed (a bounded number of documents in
flight); an unchanged rebuild extracts nothing; errors name what went wrong."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.api import KnowledgeGraph
from kg.documents import parse_text
from kg.errors import KGError
from kg.parallel import run_local
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
KG = [sys.executable, "-m", "kg.cli"]


def build_nquads(path: Path, **options) -> tuple[str, list[str]]:
    with KnowledgeGraph(path) as kg:
        report = kg.build([CORPUS], **options)
        return kg.store.nquads(), report.documents


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> str:
    nquads, docs = build_nquads(tmp_path_factory.mktemp("serial") / "store", jobs=1)
    assert len(docs) == len(list(CORPUS.glob("*.txt")))
    return nquads


def test_four_workers_give_the_same_store_as_one(serial, tmp_path):
    nquads, _ = build_nquads(tmp_path / "store", jobs=4)
    assert nquads == serial


def test_dask_cluster_gives_the_same_store_and_leaves_no_shards(serial, tmp_path):
    import distributed  # in the dev extra: a missing Dask fails the test rather than skipping it
    shards = tmp_path / "shards"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        nquads, docs = build_nquads(tmp_path / "store", executor="dask", scheduler=cluster.scheduler_address,
                                    shards=shards)
    assert sorted(docs) == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert nquads == serial
    assert shards.is_dir() and not any(shards.iterdir()), "shards are deleted once loaded"


def test_unchanged_rebuild_with_workers_extracts_nothing(tmp_path, monkeypatch):
    store = tmp_path / "store"
    with KnowledgeGraph(store) as kg:
        kg.build([CORPUS], jobs=2)
    import kg.build as build_module

    def refuse(*args, **kwargs):
        raise AssertionError("an unchanged document was sent to the pipeline")
    monkeypatch.setattr(build_module, "run_local", lambda docs, jobs, **_: (refuse() for _ in docs))
    with KnowledgeGraph(store) as kg:
        report = kg.build([CORPUS], jobs=2)
    assert report.documents == [] and len(report.unchanged) == len(list(CORPUS.glob("*.txt")))


def test_run_local_streams_with_a_bounded_window():
    consumed = []

    def docs():
        for i in range(40):
            consumed.append(i)
            yield parse_text(f"d{i}", f"Wang Lei{i % 3}, mayor of Datong, spoke on day {i}.")
    results = run_local(docs(), jobs=2, window=4)
    first = next(results)
    assert first.doc_id == "d0"
    assert len(consumed) <= 5, "no more than the window is read ahead"
    rest = [r.doc_id for r in results]
    assert rest == [f"d{i}" for i in range(1, 40)], "results come back in input order"


def test_results_do_not_depend_on_the_number_of_workers():
    docs = [parse_text(f"d{i}", f"Li Na, party secretary of Jinzhong, visited Taiyuan Steel Group on day {i}.")
            for i in range(6)]
    one = [(r.doc_id, r.nquads) for r in run_local(iter(docs), jobs=1)]
    three = [(r.doc_id, r.nquads) for r in run_local(iter(docs), jobs=3)]
    assert one == three


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    from kg.distributed import run_dask
    with pytest.raises(KGError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(run_dask(iter([parse_text("a", "Text.")]), "tcp://127.0.0.1:9", tmp_path, timeout="2s"))


def test_cli_dask_without_scheduler_exits_2(tmp_path):
    r = subprocess.run([*KG, "build", str(CORPUS), "--store", str(tmp_path / "s"), "--executor", "dask"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "--scheduler" in r.stderr


def test_cli_jobs_build_matches(serial, tmp_path):
    store = tmp_path / "s"
    r = subprocess.run([*KG, "build", str(CORPUS), "--store", str(store), "--jobs", "2"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    s = GraphStore(store, create=False)
    try:
        assert s.nquads() == serial
    finally:
        s.close()
