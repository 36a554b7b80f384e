"""`kg build` on what a scraper leaves behind: each file is ingested or skipped with its
reason, a summary ends the run, --strict refuses before any write, the graph does not depend
on the order of the inputs or the number of workers, per-document limits skip a document
without touching the store, and Ctrl-C or SIGTERM stops a build cleanly."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.api import KnowledgeGraph
from kg.budget import Budget
from kg.build import NothingIngested
from kg.cli import app
from kg.errors import InputError
from kg.iris import document_graph

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

GOOD = "Zhang Wei, mayor of Datong, said the city will build a coal chemical park by 2027.\n"
CAFE = "Li Hua, director of the Taiyuan \u201cinnovation\u201d office \u2013 a caf\u00e9 owner once \u2013 spoke.\n"
CHINESE = "Chen Jun, mayor of Luoyang, met investors. \u6d1b\u9633\u5e02\u957f\u9648\u519b\u4f1a\u89c1\u6295\u8d44\u8005\u3002\n"
PAGE = ("<!DOCTYPE html><html><head><title>Page title</title><script>var tracking = 1;</script>"
        "<meta property='article:published_time' content='2024-05-06T08:00:00+08:00'></head>"
        "<body><nav>Home | About | Contact</nav><article><h1>Park opens</h1>"
        "<p>Wang Fang, mayor of Jincheng, opened a hydrogen industrial park on Monday.</p>"
        "<p>The park will host 20 enterprises by 2026, the city government said.</p></article>"
        "<footer>All rights reserved</footer></body></html>")

# file name -> (bytes, None if ingested else a part of the skip reason)
INPUTS: dict[str, tuple[bytes, str | None]] = {
    "plain.txt": (GOOD.encode("utf-8"), None),
    "bom.txt": (b"\xef\xbb\xbf" + GOOD.replace("Datong", "Changzhi").encode("utf-8"), None),
    "utf16.txt": (GOOD.replace("Datong", "Yangquan").encode("utf-16"), None),
    "gb.txt": (CHINESE.encode("gb18030"), None),
    "western.md": (CAFE.encode("cp1252"), None),
    "page.html": (PAGE.encode("utf-8"), None),
    "controls.txt": (GOOD.replace("mayor", "ma\x00yor\x07").replace("Datong", "Shuozhou").encode("utf-8"), None),
    "tiny.txt": (b"Hi.", None),
    "noext": (GOOD.replace("Datong", "Xinzhou").encode("utf-8"), None),
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"  \n\t\n", "empty file"),
    "binary.txt": (random.Random(7).randbytes(4000), "binary file"),
    "huge.txt": ((GOOD * 400).encode("utf-8"), "too large"),
    "picture.png": (b"\x89PNG\r\n\x1a\n", "unsupported file type .png"),
    "batch.jsonl": ((json.dumps({"id": "rec-1", "text": GOOD.replace("Datong", "Linfen")}) + "\n"
                     + '{"id": "rec-2", "text": "unfinished\n'
                     + json.dumps({"id": "rec-3", "text": PAGE}) + "\n").encode("utf-8"), None),
}


@pytest.fixture
def scraped(tmp_path: Path) -> Path:
    """A folder of the inputs above, plus links and a FIFO."""
    folder = tmp_path / "scraped"
    folder.mkdir()
    for name, (data, _) in INPUTS.items():
        (folder / name).write_bytes(data)
    os.symlink(folder / "plain.txt", folder / "linked.txt")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def _reasons(report) -> dict[str, str]:
    return {Path(s.path.split(":")[0]).name + (":" + s.path.split(":")[1] if ":" in s.path else ""): s.reason
            for s in report.skipped}


def test_each_input_is_ingested_or_skipped_with_its_reason(scraped, tmp_path):
    with KnowledgeGraph(tmp_path / "s") as kg:
        report = kg.build([scraped], max_bytes=20_000)
        reasons = _reasons(report)
        for name, (_, expected) in INPUTS.items():
            if expected is not None:
                assert expected in reasons.get(name, ""), (name, reasons)
        assert "broken symbolic link" in reasons["dangling.txt"]
        assert "not a regular file" in reasons["pipe.txt"]
        assert "not valid JSON" in reasons["batch.jsonl:2"]
        ingested = {"plain", "bom", "utf16", "gb", "western", "page", "controls", "tiny", "noext", "linked",
                    "rec-1", "rec-3"}
        assert set(report.documents) == ingested
        texts = {d: kg.store.graph(document_graph(d)) for d in ("western", "page", "controls")}
        facts = {(f["doc"], f["subject"]) for f in kg.facts()}
    assert ("bom", "Zhang Wei") in facts and ("utf16", "Zhang Wei") in facts and ("gb", "Chen Jun") in facts
    assert ("page", "Wang Fang") in facts and ("rec-3", "Wang Fang") in facts
    assert all(len(g) > 0 for g in texts.values())


def test_decoded_text_keeps_its_characters_and_pages_their_metadata(scraped, tmp_path):
    with KnowledgeGraph(tmp_path / "s") as kg:
        kg.build([scraped], max_bytes=20_000)
        nq = kg.store.nquads()
    assert "caf\u00e9 owner" in nq and "\u201cinnovation\u201d" in nq  # cp1252 read as cp1252
    assert "\x00" not in nq and "\\u0000" not in nq and "ma\x07yor" not in nq
    assert "var tracking" not in nq and "All rights reserved" not in nq
    assert '"Page title"' in nq and '"2024-05-06"' in nq


def test_the_cli_lists_skips_and_a_summary_and_succeeds(scraped, tmp_path):
    r = runner.invoke(app, ["build", str(scraped), "--store", str(tmp_path / "s"), "--max-size", "20KB"])
    assert r.exit_code == 0, r.output
    assert "built 12 documents" in r.output
    assert f"skipped {scraped / 'empty.txt'}: empty file" in r.output
    summary = [line for line in r.output.splitlines() if "inputs skipped" in line]
    assert summary and summary[0].startswith("12 documents ingested; 8 inputs skipped: ")
    assert "2 empty file" in summary[0]


def test_strict_refuses_before_any_write(scraped, tmp_path):
    store = tmp_path / "s"
    r = runner.invoke(app, ["build", str(scraped), "--store", str(store), "--strict"])
    assert r.exit_code == 2 and "--strict" in r.output
    with KnowledgeGraph(store) as kg:
        assert kg.store.document_ids() == {}


def test_nothing_to_ingest_exits_2_with_the_reasons(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(bytes(range(256)) * 8)
    with KnowledgeGraph(tmp_path / "s") as kg, pytest.raises(NothingIngested) as e:
        kg.build([folder])
    assert [s.kind for s in e.value.skipped] == ["empty file", "binary file, not text"]
    r = runner.invoke(app, ["build", str(folder), "--store", str(tmp_path / "s2")])
    assert r.exit_code == 2 and "nothing to ingest" in r.output and "a.txt: empty file" in r.output


def test_a_duplicate_id_keeps_the_first_file_in_path_order(tmp_path):
    for sub, city in (("b", "Datong"), ("a", "Jinzhong")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(GOOD.replace("Datong", city), encoding="utf-8")
    for order in ([tmp_path / "b", tmp_path / "a"], [tmp_path / "a", tmp_path / "b"]):
        with KnowledgeGraph(None) as kg:
            report = kg.build(order)
            assert report.documents == ["same"] and "also used by" in report.skipped[0].reason
            assert {f["object"] for f in kg.facts() if f["kind"] == "holds_position"} == {"Jinzhong"}


def test_the_graph_is_the_same_whatever_the_order_of_inputs_or_workers(scraped, tmp_path):
    files = sorted(p for p in scraped.iterdir() if p.suffix in (".txt", ".html", ".jsonl", ".md")
                   and p.name not in ("pipe.txt", "dangling.txt"))
    dumps = []
    for i, (paths, jobs) in enumerate([(files, 1), (files[::-1], 2), ([scraped], 2)]):
        with KnowledgeGraph(tmp_path / f"s{i}") as kg:
            kg.build(paths, jobs=jobs, max_bytes=20_000)
            dumps.append(kg.store.nquads())
    assert dumps[0] == dumps[1]
    assert len(dumps[2]) > len(dumps[0])  # the folder adds noext


def test_a_document_over_its_budget_is_skipped_and_the_store_keeps_its_old_graph(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "d.txt").write_text(GOOD, encoding="utf-8")
    with KnowledgeGraph(tmp_path / "s") as kg:
        kg.build([folder])
        before = kg.store.nquads()
        (folder / "d.txt").write_text(GOOD.replace("Datong", "Jinzhong"), encoding="utf-8")
        report = kg.build([folder], budget=Budget(inferred_triples=1))
        assert report.documents == [] and "inference stopped: over its limit of 1 triples" in report.skipped[0].reason
        report = kg.build([folder], budget=Budget(step_seconds=1e-4))
        assert report.documents == [] and "stopped at its time limit of 0.0001 s" in report.skipped[0].reason
        assert kg.store.nquads() == before
        assert kg.build([folder]).documents == ["d"]


def _corpus(folder: Path, n: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.synth import write_corpus
    write_corpus(folder, n, seed=3)
    return folder


@pytest.mark.parametrize("signum, jobs", [(signal.SIGINT, 1), (signal.SIGTERM, 1), (signal.SIGINT, 2)])
def test_ctrl_c_or_sigterm_stops_after_a_document_and_a_rerun_finishes(tmp_path, signum, jobs):
    corpus, store = _corpus(tmp_path / "c", 40), tmp_path / "s"
    kg_cmd = [sys.executable, "-m", "kg.cli", "-v", "build", str(corpus), "--store", str(store), "--jobs", str(jobs)]
    child = subprocess.Popen(kg_cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    built = 0
    for line in child.stderr:  # the log says "built <id>" after each document is written
        built += " built syn-" in line
        if built == 3:  # to the whole process group, as a terminal sends Ctrl-C (workers included)
            os.killpg(child.pid, signum)
            break
    out, rest = child.communicate(timeout=120)
    assert child.returncode == 130, rest
    assert "stopped:" in rest and "run the same build again" in rest and "Traceback" not in rest
    for _ in range(50):  # no worker process outlives the build
        try:
            os.killpg(child.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("worker processes still running after the build stopped")
    with KnowledgeGraph(store) as kg:
        written = len(kg.store.document_ids())
    assert 3 <= written < 40
    again = subprocess.run(kg_cmd[:3] + kg_cmd[4:], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"built {40 - written} documents" in again.stdout and f"{written} unchanged" in again.stdout


def test_a_jsonl_batch_over_the_size_limit_is_streamed_and_only_a_huge_line_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    cities = ["Datong", "Jinzhong", "Linfen", "Yuncheng", "Changzhi", "Jincheng"]
    lines = [json.dumps({"id": f"r{i}", "text": GOOD.replace("Datong", c)}) for i, c in enumerate(cities)]
    lines.insert(3, json.dumps({"id": "big", "text": GOOD * 40}))
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    limit = 2_000  # the file is about 5 KB: over the limit as a whole, each record under it but "big"
    assert (folder / "batch.jsonl").stat().st_size > limit
    with KnowledgeGraph(None) as kg:
        report = kg.build([folder], max_bytes=limit)
    assert report.documents == [f"r{i}" for i in range(6)]
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [
        ("batch.jsonl:4", f"line too large: over the limit of {limit} bytes (--max-size)")]


def test_a_jsonl_line_in_a_legacy_encoding_is_decoded(tmp_path):
    f = tmp_path / "legacy.jsonl"
    f.write_bytes(json.dumps({"id": "w", "text": CAFE}, ensure_ascii=False).encode("cp1252") + b"\n"
                  + json.dumps({"id": "c", "text": CHINESE}, ensure_ascii=False).encode("gb18030") + b"\n")
    with KnowledgeGraph(None) as kg:
        report = kg.build([f])
        nq = kg.store.nquads()
    assert report.documents == ["w", "c"]
    assert "caf\u00e9 owner" in nq and "\u6d1b\u9633" in nq
