"""Extraction on a Dask cluster (`kg build --executor dask --scheduler ADDRESS`).

The client sends batches of documents to the cluster's workers; each worker runs the same
per-document pipeline as a local build (extract, validate, infer) and writes every
document's graphs as one N-Quads shard file into a folder that the workers and the client
share; the client then loads each shard into the store in one transaction and deletes it.
Results come back in the order the workers finish, which does not change the store: a
document's graph depends on its text alone.

Workers need this package installed (the same version: the pipeline fingerprint is part of
every document graph). Start a cluster with `dask scheduler` and `dask worker ADDRESS` on
each machine, or, on one machine, `distributed.LocalCluster`.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path

from .documents import Document
from .errors import KGError
from .parallel import DocumentResult, process_to_quads

BATCH = 8  # documents per task: enough to hide the scheduler's per-task cost (a few ms)


def shard_path(folder: str | Path, doc_id: str) -> Path:
    """Where a document's shard goes: a readable, collision-free file name.

    >>> shard_path("/tmp/s", "a/b c").name
    'a_b_c-9f597a6381e7.nq'
    """
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:80]
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:12]
    return Path(folder) / f"{safe}-{digest}.nq"


def process_batch(docs: list[Document], folder: str) -> list[DocumentResult]:
    """Run the pipeline on a batch of documents and write each one's shard (runs on a worker).
    A shard is written to a temporary name and renamed, so a reader never sees half of one."""
    out = []
    for doc in docs:
        result = process_to_quads(doc)
        if result.skipped is not None:  # over its budget: nothing to write
            out.append(result)
            continue
        path = shard_path(folder, doc.id)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(result.nquads)
        os.replace(tmp, path)
        out.append(replace(result, nquads=b"", shard=str(path)))
    return out


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while batch := list(islice(docs, size)):
        yield batch


def run_dask(docs: Iterator[Document], scheduler: str | None, shards: str | Path,
             batch: int = BATCH, window: int | None = None, timeout: str = "20s") -> Iterator[DocumentResult]:
    """Process documents on the Dask cluster at `scheduler`, at most `window` batches in
    flight (default: two per worker thread); results as workers finish them."""
    try:
        from distributed import Client, as_completed
    except ImportError as e:
        raise KGError("the dask executor needs Dask: pip install 'cnpolicy-kg[dask]'") from e
    if not scheduler:
        raise KGError("the dask executor needs the address of a Dask scheduler (--scheduler tcp://host:8786)")
    folder = Path(shards).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise KGError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    try:
        window = window or 2 * max(1, sum(client.nthreads().values()))
        batches = _batches(iter(docs), batch)
        first = [client.submit(process_batch, b, str(folder), pure=False) for b in islice(batches, window)]
        if not first:
            return
        running = as_completed(first, loop=client.loop)
        for finished in running:
            results = finished.result()
            finished.release()
            nxt = next(batches, None)
            if nxt is not None:
                running.add(client.submit(process_batch, nxt, str(folder), pure=False))
            yield from results
    finally:
        client.close()
