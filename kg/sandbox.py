"""Killable query workers: a small pool of processes, each holding the store open read-only,
each running one query at a time under a time limit and a result-size cap, and answering with
the results already serialized (pyoxigraph's own serializers).

A query that runs past its limit has its worker killed and replaced; the caller gets a
:class:`SandboxError` with status 503. The store must have been built (and the building
process closed) before the pool opens it: a read-only handle sees the store as it was when
opened, and writing to a store while it is open read-only elsewhere is undefined behaviour in
Oxigraph, so stop the server, build, and start it again.

This module imports nothing of the project beyond the standard library and pyoxigraph, so that
a spawned worker starts fast.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError

RESULT_FORMATS = {  # name -> (pyoxigraph format, media type)
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv; charset=utf-8"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values; charset=utf-8"),
}
GRAPH_FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
}


class SandboxError(KGError):
    """A query that could not be answered: an HTTP-like status and a message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Task:
    """One query for a worker (substitutions and graphs as pyoxigraph terms, which pickle)."""
    query: str
    result_format: str = "json"          # for SELECT / ASK
    graph_format: str = "turtle"         # for CONSTRUCT / DESCRIBE
    substitutions: dict = field(default_factory=dict)
    union: bool = True                   # the union of all graphs as the default graph
    default_graph: list | None = None    # a protocol dataset (default-graph-uri): replaces union
    named_graphs: list | None = None
    base_iri: str | None = None


@dataclass
class Answer:
    kind: str          # select, ask, construct
    media_type: str
    body: bytes
    rows: int


class _Cap:
    """A binary writer that counts bytes and result rows and stops past either cap.

    Rows are counted on the serialized stream itself (pyoxigraph serializes the solution iterator
    in one call): a JSON binding object, an XML ``<result>``, a CSV/TSV line outside quotes."""

    def __init__(self, fmt: str, max_rows: int, max_bytes: int):
        self.fmt, self.max_rows, self.max_bytes = fmt, max_rows, max_bytes
        self.parts: list[bytes] = []
        self.size = self.rows = 0
        self.depth, self.in_str, self.esc, self.tail = 0, False, False, b""

    def write(self, data) -> int:
        data = bytes(data)
        self.size += len(data)
        if self.size > self.max_bytes:
            raise SandboxError(413, f"the result is larger than {self.max_bytes} bytes; "
                                    "narrow the query or add a LIMIT")
        self._count(data)
        if self.rows > self.max_rows:
            raise SandboxError(413, f"the result has more than {self.max_rows} rows; "
                                    "narrow the query or add a LIMIT")
        self.parts.append(data)
        return len(data)

    def _count(self, data: bytes) -> None:
        if self.fmt == "xml":
            chunk = self.tail + data
            self.rows += chunk.count(b"<result>") - self.tail.count(b"<result>")
            self.tail = chunk[-7:]
        elif self.fmt == "tsv":
            self.rows += data.count(b"\n")  # the header line makes one too many: harmless
        elif self.fmt == "csv":
            for byte in data:
                if byte == 0x22:
                    self.in_str = not self.in_str
                elif byte == 0x0A and not self.in_str:
                    self.rows += 1
        else:  # JSON: a '{' opened inside the bindings array (depth 3) starts a row
            for byte in data:
                if self.in_str:
                    self.esc, self.in_str = (False, True) if self.esc else (byte == 0x5C, byte != 0x22)
                elif byte == 0x22:
                    self.in_str = True
                elif byte in (0x7B, 0x5B):
                    self.rows += byte == 0x7B and self.depth == 3
                    self.depth += 1
                elif byte in (0x7D, 0x5D):
                    self.depth -= 1

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def execute(store: ox.Store, task: Task, max_rows: int, max_bytes: int) -> Answer:
    """Run one task on an open store (in the worker; callable directly in tests)."""
    kwargs: dict = {"substitutions": task.substitutions or None, "base_iri": task.base_iri}
    if task.default_graph is not None or task.named_graphs is not None:
        kwargs["default_graph"] = task.default_graph if task.default_graph is not None else []
        kwargs["named_graphs"] = task.named_graphs if task.named_graphs is not None else []
    else:
        kwargs["use_default_graph_as_union"] = task.union
    try:
        result = store.query(task.query, **kwargs)
        if isinstance(result, ox.QueryTriples):
            fmt, media = GRAPH_FORMATS[task.graph_format]
            triples = []
            for triple in result:
                triples.append(triple)
                if len(triples) > max_rows:
                    raise SandboxError(413, f"the result has more than {max_rows} triples; "
                                            "narrow the query or add a LIMIT")
            out = _Cap("rdf", max_rows, max_bytes)
            out.rows = -(10 ** 12)  # triples were counted above
            ox.serialize(triples, out, format=fmt)
            return Answer("construct", media, out.getvalue(), len(triples))
        fmt, media = RESULT_FORMATS[task.result_format]
        out = _Cap(task.result_format, max_rows, max_bytes)
        result.serialize(out, format=fmt)
        kind = "ask" if isinstance(result, ox.QueryBoolean) else "select"
        return Answer(kind, media, out.getvalue(), out.rows)
    except SandboxError:
        raise
    except SyntaxError as e:
        raise SandboxError(400, f"SPARQL syntax error: {e}") from None
    except (OSError, ValueError, RuntimeError, TypeError) as e:
        if isinstance(e.__context__, SandboxError):  # raised by _Cap inside the serializer
            raise e.__context__ from None
        raise SandboxError(400, f"the query failed: {e}") from None


def _worker_main(path: str, conn, max_rows: int, max_bytes: int) -> None:  # pragma: no cover (child)
    try:
        store = ox.Store.read_only(path)
        conn.send(("ready", [g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)]))
    except Exception as e:  # noqa: BLE001 - reported to the parent
        conn.send(("failed", f"cannot open the store at {path} read-only: {e}"))
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            answer = execute(store, task, max_rows, max_bytes)
            conn.send(("ok", answer))
        except SandboxError as e:
            conn.send(("error", e.status, e.message))
        except Exception as e:  # noqa: BLE001 - never let a query end the worker
            conn.send(("error", 500, f"internal error: {type(e).__name__}: {e}"))


class _Worker:
    def __init__(self, ctx, path: str, max_rows: int, max_bytes: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(path, child, max_rows, max_bytes),
                                daemon=True, name="kg-sparql-worker")
        self.proc.start()
        child.close()

    def wait_ready(self, timeout: float) -> list[str]:
        if not self.conn.poll(timeout):
            self.kill()
            raise SandboxError(500, f"a query worker did not start within {timeout:.0f} s")
        try:
            message = self.conn.recv()
        except EOFError:
            self.kill()
            raise SandboxError(500, "a query worker died while starting") from None
        if message[0] != "ready":
            self.kill()
            raise SandboxError(500, message[1])
        return message[1]

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class Sandbox:
    """A pool of read-only query worker processes over the store at ``path``.

    ``run(task)`` blocks (call it from a thread) until the answer, a query error, or the time
    limit; it is safe to call from several threads at once (one query per worker)."""

    def __init__(self, path: str | Path, workers: int = 2, timeout: float = 10.0,
                 max_rows: int = 100_000, max_bytes: int = 50_000_000, start_timeout: float = 60.0):
        path = Path(path)
        if not (path / "CURRENT").exists():
            raise SandboxError(500, f"{path}: no store here (build one with `kg build`)")
        self.path, self.timeout = str(path), float(timeout)
        self.max_rows, self.max_bytes, self.start_timeout = max_rows, max_bytes, start_timeout
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        started = [self._spawn() for _ in range(max(1, workers))]
        try:
            graphs = [w.wait_ready(start_timeout) for w in started]
        except SandboxError:
            self.close()
            raise
        self.graph_names: frozenset[str] = frozenset(graphs[0])
        for w in started:
            self._idle.put(w)

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.path, self.max_rows, self.max_bytes)
        with self._lock:
            self._all.add(w)
        return w

    def _retire(self, w: _Worker) -> None:
        """Kill a worker and start its replacement (in the background)."""
        with self._lock:
            self._all.discard(w)
        w.kill()
        if self._closed:
            return

        def replace() -> None:
            new = self._spawn()
            try:
                new.wait_ready(self.start_timeout)
            except SandboxError:
                with self._lock:
                    self._all.discard(new)
                return
            if self._closed:
                new.kill()
            else:
                self._idle.put(new)
        threading.Thread(target=replace, daemon=True, name="kg-sparql-respawn").start()

    def run(self, task: Task, timeout: float | None = None) -> Answer:
        """Answer one task within ``timeout`` seconds (default: the pool's limit)."""
        limit = self.timeout if timeout is None else timeout
        if self._closed:
            raise SandboxError(503, "the query service is shutting down")
        try:
            w = self._idle.get(timeout=limit)
        except queue.Empty:
            raise SandboxError(503, f"every query worker stayed busy for {limit:g} s; try again later") from None
        try:
            w.conn.send(task)
            if not w.conn.poll(limit):
                self._retire(w)
                raise SandboxError(503, f"the query was stopped after the time limit of {limit:g} s")
            message = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._retire(w)
            raise SandboxError(500, "the query worker died while running the query") from None
        except SandboxError:
            raise
        except BaseException:
            self._retire(w)
            raise
        self._idle.put(w)
        if message[0] == "ok":
            return message[1]
        raise SandboxError(message[1], message[2])

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            w.kill()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
