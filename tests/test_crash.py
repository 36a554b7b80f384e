"""Crash safety of `kg build`: a build killed with SIGKILL at any moment leaves every document it
acknowledged (its progress callback ran) complete, no document partial, no stray quad, and
the names index right for what the store holds; a build resumed on that store ends with the
same store, byte for byte, as one that was never interrupted.

The build runs in tests/crash_child.py, which prints ``committed <id>`` from the progress
callback. The child runs from a copy of kg/ and ontology/ taken when the test starts, so that
edits to the working tree during the test do not change the pipeline's fingerprint (which would
make the resumed builds rebuild documents with other code than the reference's).
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.api import KnowledgeGraph
from kg.iris import document_graph, inferred_graph
from kg.namekeys import INDEX_VERSION, NAME_PROPERTIES, NAMES_GRAPH, index_entries

ROOT = Path(__file__).resolve().parent.parent
CHILD = ROOT / "tests" / "crash_child.py"
DOCS = 150          # documents in the corpus (3 paragraphs each: about 140 words, 25 quads, 30 ms to build)
ROUNDS = 20         # builds killed
SEED = 20261124     # of the kill schedule
DOC_PREFIX = str(document_graph("x"))[:-1]
INF_PREFIX = str(inferred_graph("x"))[:-1]
NAMES = str(NAMES_GRAPH)
_NAME_IRIS = {f"<{p}>" for p in NAME_PROPERTIES}
_MARK = f"<{NAMES}> <http://www.w3.org/2002/07/owl#versionInfo> {ox.Literal(INDEX_VERSION)}"


def write_short_corpus(folder: Path, n: int, seed: int = 7) -> list[str]:
    """n synthetic articles cut to their first three paragraphs (several facts each); their ids."""
    from bench.synth import generate
    folder.mkdir(parents=True)
    ids = []
    for a in generate(n, seed):
        text = "\n\n".join(a.text.split("\n\n")[:3])
        (folder / f"{a.id}.txt").write_text(
            f"---\ntitle: {a.title}\ndate: {a.date}\nsource: Synthetic Daily\n---\n{text}\n", encoding="utf-8")
        ids.append(a.id)
    return ids


def snapshot_code(dest: Path) -> Path:
    """A copy of the code and data that decide the graphs (what kg.pipeline.fingerprint reads)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("kg", "ontology", "queries"):
        shutil.copytree(ROOT / part, dest / part, ignore=ignore)
    return dest


class Build:
    """A build in a child process of its own process group (so that a kill reaches its worker
    processes too), its stdout read as it comes, each line with the time it arrived."""

    def __init__(self, corpus: Path, store: Path, code: Path, stderr: Path, jobs: int = 1):
        env = {**os.environ, "KG_CRASH_CODE": str(code), "PYTHONDONTWRITEBYTECODE": "1"}
        self.started = time.perf_counter()
        with stderr.open("w") as err:
            self.proc = subprocess.Popen(
                [sys.executable, str(CHILD.relative_to(ROOT)), str(corpus), str(store), str(jobs)],
                stdout=subprocess.PIPE, stderr=err, cwd=ROOT, env=env, text=True, start_new_session=True)
        self.stderr = stderr
        self.lines: list[tuple[float, str]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append((time.perf_counter() - self.started, line))

    def wait_for(self, test, timeout: float = 120) -> float | None:
        """Seconds from the start to the first line that passes test; None if the child ends first."""
        end = time.perf_counter() + timeout
        seen = 0
        while time.perf_counter() < end:
            while seen < len(self.lines):
                t, line = self.lines[seen]
                seen += 1
                if test(line):
                    return t
            if self.proc.poll() is not None and not self.reader.is_alive():
                return None
            time.sleep(0.002)
        raise AssertionError(f"the build printed nothing that was waited for in {timeout} s")

    def kill_at(self, t: float) -> bool:
        """SIGKILL the process group at t seconds from the start unless it ended; whether it was killed."""
        time.sleep(max(0.0, self.started + t - time.perf_counter()))
        if self.proc.poll() is not None:
            return False
        os.killpg(self.proc.pid, signal.SIGKILL)
        return True

    def finish(self, timeout: float = 60) -> tuple[int, str, str]:
        """Wait for the end: the exit status, stdout and stderr."""
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            raise AssertionError(f"the build did not end within {timeout} s")
        self.reader.join(timeout)
        return code, "".join(line for _, line in self.lines), self.stderr.read_text()


def acknowledged(stdout: str) -> tuple[list[str], bool]:
    """The ids of the complete ``committed`` lines (a line cut by the kill is no acknowledgement)
    and whether the child got to ``done``."""
    lines = stdout.split("\n")[:-1]  # the last piece has no newline: cut short, or empty
    return [x.split(" ", 1)[1] for x in lines if x.startswith("committed ")], "done" in lines


def parse_store(nquads: str, what: str) -> tuple[dict[str, set[str]], set[str]]:
    """The quads by graph IRI, each as its N-Quads line without the graph (there are no blank
    nodes, and no triples in the default graph), and the names index that the other graphs
    call for (kg.namekeys; without the version mark)."""
    by_graph: dict[str, set[str]] = defaultdict(set)
    names = []
    for line in nquads.splitlines():
        spo, graph, dot = line.rsplit(" ", 2)
        assert graph.startswith("<") and dot == ".", f"{what}: not a quad in a named graph: {line}"
        by_graph[graph[1:-1]].add(spo)
        if graph != f"<{NAMES}>" and spo.split(" ", 2)[1] in _NAME_IRIS:
            names.append(line)
    quads = ox.parse("\n".join(names).encode(), format=ox.RdfFormat.N_QUADS)
    return dict(by_graph), {f"{q.subject} {q.predicate} {q.object}" for q in index_entries(quads)}


def read_store(store: Path, what: str) -> str:
    """Open the store in this process (after the child's SIGKILL: its lock must be free), dump
    it as sorted N-Quads and close it again."""
    try:
        kg = KnowledgeGraph(store)  # as the next build would: created if the kill came before the store was
    except Exception as e:  # a lock left behind, or a store RocksDB cannot recover: both are bugs
        pytest.fail(f"{what}: cannot reopen the store after the kill: {e!r}")
    try:
        return kg.store.nquads()
    finally:
        kg.close()


def check_store(nquads: str, ref: dict[str, set[str]], ref_ids: set[str], acked: set[str], what: str) -> set[str]:
    """Everything the test requires of a store a killed build left; the ids of its documents."""
    got, want_index = parse_store(nquads, what)
    docs = {g[len(DOC_PREFIX):] for g in got if g.startswith(DOC_PREFIX)}
    inferred = {g[len(INF_PREFIX):] for g in got if g.startswith(INF_PREFIX)}
    assert docs <= ref_ids, f"{what}: documents not in the corpus: {sorted(docs - ref_ids)}"
    missing = sorted(acked - docs)
    assert not missing, f"{what}: acknowledged documents missing from the store: {missing}"
    orphans = sorted(i for i in inferred - docs)
    assert not orphans, f"{what}: inferred graphs without their document graph: {orphans}"
    for doc_id in sorted(docs):
        for name in (str(document_graph(doc_id)), str(inferred_graph(doc_id))):
            have, want = got.get(name, set()), ref.get(name, set())
            status = "acknowledged" if doc_id in acked else "not acknowledged"
            assert have == want, (
                f"{what}: document {doc_id} ({status}) is partial or wrong in graph <{name}>: "
                f"{len(want - have)} of {len(want)} quads missing, {len(have - want)} extra, "
                f"e.g. missing {sorted(want - have)[:2]}, extra {sorted(have - want)[:2]}")
    for name, have in got.items():
        if name.startswith((DOC_PREFIX, INF_PREFIX)):
            continue
        stray = sorted(have - ref.get(name, set()))
        assert not stray, f"{what}: {len(stray)} quads in <{name}> that the reference store lacks, e.g. {stray[:3]}"
        if name != NAMES:  # the ontology, industries and gazetteer graphs: all or nothing
            assert have == ref[name], f"{what}: reference graph <{name}> is partial ({len(have)} of {len(ref[name])} quads)"
    index = got.get(NAMES, set())
    if got:
        assert _MARK in index, f"{what}: the store holds quads but its names index has no version mark"
    have_index = index - {_MARK}
    assert have_index == want_index, (
        f"{what}: names index does not match the graphs in the store ({len(docs)} documents): "
        f"{len(want_index - have_index)} entries missing, e.g. {sorted(want_index - have_index)[:3]}; "
        f"{len(have_index - want_index)} extra, e.g. {sorted(have_index - want_index)[:3]}")
    return docs


def test_sigkill_during_build_loses_nothing_acknowledged_and_resumes_to_the_same_store(tmp_path: Path) -> None:
    corpus, code = tmp_path / "corpus", snapshot_code(tmp_path / "code")
    ids = write_short_corpus(corpus, DOCS)
    stderr = tmp_path / "stderr.txt"

    # the reference: an uninterrupted build, timed line by line to place the kills
    ref_store = tmp_path / "reference"
    build = Build(corpus, ref_store, code, stderr)
    status, out, err = build.finish(300)
    log = [f"reference build: {time.perf_counter() - build.started:.1f} s"]
    assert status == 0, f"reference build failed:\n{err}"
    committed = [(t, x.split()[1]) for t, x in build.lines if x.startswith("committed ")]
    assert [i for _, i in committed] == ids and out.endswith("done\n"), "reference build did not report every document"
    first_write = {1: committed[0][0], 2: committed[0][0] + 1.0}  # start-up to the first write, by jobs
    per_doc = (committed[-1][0] - committed[0][0]) / (len(ids) - 1)
    ref_text = read_store(ref_store, "reference")
    ref, ref_index = parse_store(ref_text, "reference")
    for doc_id in ids:
        assert str(document_graph(doc_id)) in ref, f"reference: document {doc_id} has no graph"
    assert ref[NAMES] - {_MARK} == ref_index, "reference: the names index does not match its graphs"

    # kill builds on one store, each resuming the last, at random moments
    rng = random.Random(SEED)
    store = tmp_path / "crashed"
    acked: set[str] = set()
    stored: set[str] = set()
    mid_write = 0  # rounds killed after writing some documents and before the end
    for round_no in range(1, ROUNDS + 1):
        jobs = 2 if round_no % 5 == 4 else 1  # with 2 workers the writer spends more of its time writing
        early = rng.random() < 0.25
        delay = rng.random()
        before = stored
        build = Build(corpus, store, code, stderr, jobs)
        if early:  # during start-up: imports, opening the store, the reference graphs, the scan, the first document
            phase, at = "start-up", 0.02 + delay * first_write[jobs]
        else:      # while documents are written: after the first new one, about an even share of those left
            share = (len(ids) - len(before)) / max(1.0, 0.75 * (ROUNDS - round_no + 1))
            t = build.wait_for(lambda line: line.startswith("committed ") and line.split()[1] not in before)
            phase, at = "writing", (t or 0.0) + delay * 2 * per_doc / jobs * share
            if t is not None:
                first_write[jobs] = t
        killed = build.kill_at(at)
        status, out, err = build.finish()
        t_check = time.perf_counter()
        what = f"round {round_no} ({phase}, jobs={jobs}, kill at {at:.2f} s)"
        ack, done = acknowledged(out)
        assert status in (0, -signal.SIGKILL), f"{what}: the build failed (exit {status}):\n{err}"
        assert done or killed, f"{what}: the build ended without saying done:\n{err}"
        lock = "LOCK file left" if (store / "LOCK").exists() else "no LOCK file"  # reopened below all the same
        new_acks = set(ack) - acked
        acked |= set(ack)
        stored = check_store(read_store(store, what), ref, set(ids), acked, what)
        lost = sorted(before - stored)
        assert not lost, f"{what}: documents stored after an earlier round are gone: {lost}"
        mid_write += killed and len(stored) > len(before) and len(stored) < len(ids)
        log.append(f"{what}: {len(new_acks)} newly acknowledged, {len(stored)} stored "
                   f"({len(stored - acked)} of them not acknowledged), {lock}, "
                   f"child {t_check - build.started:.1f} s, check {time.perf_counter() - t_check:.1f} s"
                   f"{' (finished before the kill)' if done else ''}")
    print("\n".join(log))
    assert mid_write >= ROUNDS // 3, f"only {mid_write} kills landed while documents were written:\n" + "\n".join(log)

    # resume to the end: the same store as the uninterrupted build, byte for byte
    build = Build(corpus, store, code, stderr)
    status, out, err = build.finish(300)
    assert status == 0, f"final resumed build failed:\n{err}"
    ack, done = acknowledged(out)
    assert done and sorted(ack) == sorted(ids), "final resumed build did not report every document"
    final = read_store(store, "final")
    if final != ref_text:
        got, _ = parse_store(final, "final")
        diff = sorted(g for g in set(got) | set(ref) if got.get(g) != ref.get(g))
        pytest.fail(f"resumed store differs from the reference in {len(diff)} graphs, e.g. {diff[:5]}")
