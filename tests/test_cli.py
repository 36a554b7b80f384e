"""The command line, end to end on a small corpus: exit codes and outputs."""
from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_build_validate_query_facts_stats(small_corpus, tmp_path):
    store = tmp_path / "store"
    r = run("build", small_corpus, "--store", store)
    assert r.exit_code == 0, r.output
    assert "built 2 documents" in r.output and "entities: Person" in r.output
    assert run("validate", "--store", store).exit_code == 0
    r = run("query", "officials", "--store", store, "--param", "place=Zhengzhou", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [(x["name"], x["title"]) for x in rows] == [("Zhang Weiguo", "Party secretary")]
    out = tmp_path / "facts.jsonl"
    assert run("facts", "--store", store, "--out", out).exit_code == 0
    facts = [json.loads(line) for line in out.read_text().splitlines()]
    assert {"doc", "kind", "subject", "object", "qualifiers", "evidence"} <= set(facts[0])
    assert ("henan-a", "located_in", "Luoyang Bearing Group Co., Ltd.", "Luoyang") in \
        {(f["doc"], f["kind"], f["subject"], f["object"]) for f in facts}
    r = run("stats", "--store", store)
    assert r.exit_code == 0 and "documents" in r.output


def test_queries_lists_every_saved_query_with_its_question():
    r = run("queries")
    assert r.exit_code == 0
    for name in ("officials", "chains", "targets", "in-place", "entity-facts"):
        assert name in r.output


def test_bad_input_exits_2_and_names_the_file(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    r = run("build", bad, "--store", tmp_path / "s")
    assert r.exit_code == 2
    assert "empty.txt: empty file" in r.output


def test_missing_store_and_unknown_query_or_parameter_exit_2(small_corpus, tmp_path):
    assert run("validate", "--store", tmp_path / "none").exit_code == 2
    store = tmp_path / "store"
    assert run("build", small_corpus, "--store", store).exit_code == 0
    r = run("query", "no-such-query", "--store", store)
    assert r.exit_code == 2
    r = run("query", "officials", "--store", store, "--param", "city=Zhengzhou")
    assert r.exit_code == 2 and "unknown parameter 'city'" in r.output
    assert run("query", "officials", "--store", store, "--format", "xml").exit_code == 2


def test_unchanged_rebuild_is_reported_and_remove_works(small_corpus, tmp_path):
    store = tmp_path / "store"
    assert run("build", small_corpus, "--store", store).exit_code == 0
    r = run("build", small_corpus, "--store", store)
    assert r.exit_code == 0 and "built 0 documents" in r.output and "2 unchanged, skipped" in r.output
    assert run("remove", "henan-a", "--store", store).exit_code == 0
    r = run("remove", "henan-a", "--store", store)
    assert r.exit_code == 2 and "no such document in the store: henan-a" in r.output
