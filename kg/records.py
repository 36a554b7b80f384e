"""JSON Lines batches: one {"id","text","title","date","source"} object per line, read line by
line so that a batch of any size is streamed (memory holds one record) and the size limit
applies to each record, not to the file. A bad line is skipped, named file:line.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     f = Path(d, "b.jsonl")
...     _ = f.write_text('{"id": "a", "text": "Shanxi grew."}\\n{"id": \\n', encoding="utf-8")
...     items = [x.id if isinstance(x, Document) else x.reason for x in iter_records(f)]
>>> items
['a', 'not valid JSON (Expecting value at column 8)']
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

from . import htmltext, intake
from .documents import Document, Skipped, parse_date
from .errors import InputError

log = logging.getLogger("kg.records")
NOT_A_RECORD = 'not a record: each line must be an object with a non-empty "text"'


def iter_records(path: Path, max_bytes: int = intake.DEFAULT_MAX_BYTES) -> Iterator[Document | Skipped]:
    """The documents of a JSON Lines file and the lines skipped, in file order. A file that
    cannot be opened, or holds no record, gives one Skipped."""
    try:
        f = intake.open_regular(path)
    except InputError as e:
        yield Skipped(e.path, e.reason)
        return
    seen = False
    with f:
        for n, raw in enumerate(iter(lambda: f.readline(max_bytes + 1), b""), 1):
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                yield Skipped(f"{path}:{n}", f"line too large: over the limit of {max_bytes} bytes (--max-size)")
                while raw and not raw.endswith(b"\n"):  # the rest of that line
                    raw = f.readline(max_bytes + 1)
                continue
            if not raw.strip():
                continue
            seen = True
            try:
                yield record(path, n, raw)
            except InputError as e:
                yield Skipped(e.path, e.reason)
    if not seen:
        yield Skipped(str(path), "no records in the JSON Lines file")


def record(path: Path, n: int, raw: bytes) -> Document:
    """The document of line n (a "text" that is an HTML page is read as one); InputError
    naming file:line and what is wrong."""
    where = f"{path}:{n}"
    line = raw.rstrip(b"\r\n")
    try:
        line_text = line.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError:  # JSON Lines are UTF-8, but a scraper may have written GB18030 or cp1252
        line_text, encoding = intake.decode(line, where)
        log.info("read %s as %s", where, encoding)
    try:
        rec = json.loads(line_text)
    except (json.JSONDecodeError, RecursionError) as e:
        detail = f"{e.msg} at column {e.colno}" if isinstance(e, json.JSONDecodeError) else "nested too deeply"
        raise InputError(where, f"not valid JSON ({detail})") from e
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        raise InputError(where, NOT_A_RECORD)
    text, title = intake.clean_text(rec["text"]), rec.get("title")
    date = rec.get("date")
    iso = parse_date(str(date)) if date else None
    if date and iso is None:
        raise InputError(where, f"date {date!r} is not a date (use YYYY-MM-DD)")
    if htmltext.looks_like_html(text):
        page = htmltext.html_page(text, where)
        text, title, iso = page.text, title or page.title, iso or page.date
    if not text.strip():
        raise InputError(where, NOT_A_RECORD)
    doc_id = str(rec.get("id") or f"{path.stem}-{n}")
    return Document(doc_id, text, str(title) if title else None, iso,
                    str(rec["source"]) if rec.get("source") else None, where)
