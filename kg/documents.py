"""Reading documents: .txt and .md files (with optional front matter), .jsonl records, folders.

Every problem is an InputError that names the file (and line) and says what is wrong,
raised before anything is written, so that a bad input leaves the store as it was.

>>> doc = parse_text("a", "---\\ntitle: Hello\\ndate: 2024-03-01\\n---\\nShanxi grew.\\n")
>>> doc.title, doc.date, doc.text
('Hello', '2024-03-01', 'Shanxi grew.\\n')
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

TEXT_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".jsonl"}
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@dataclass(frozen=True)
class Document:
    """One article: its id, text and metadata (date as ISO yyyy-mm-dd, or None)."""
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    path: str | None = field(default=None, compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text and metadata: changes whenever the document does."""
        h = hashlib.sha256()
        for part in (self.id, self.title or "", self.date or "", self.source or "", self.text):
            h.update(part.encode("utf-8") + b"\x1f")
        return h.hexdigest()

    @property
    def year(self) -> int | None:
        """The year of the document's date, if it has one."""
        return int(self.date[:4]) if self.date else None


def input_files(paths: list[str | Path]) -> list[Path]:
    """The input files under the given files and folders, in a stable order.

    Raises InputError for a missing path or a folder without text files.
    """
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputError(path, "no such file or folder")
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file()
                           and f.suffix.lower() in TEXT_SUFFIXES | RECORD_SUFFIXES)
            if not found:
                raise InputError(path, "folder holds no .txt, .md or .jsonl files")
            files.extend(found)
        else:
            files.append(path)
    return files


def iter_documents(files: list[Path]) -> Iterator[Document]:
    """The documents of the files, read one file at a time (memory holds one file's text)."""
    for f in files:
        yield from load_file(f)


def check_unique(docs: Iterable[Document]) -> dict[str, str]:
    """Document id -> content hash, in input order; InputError when two documents share an id."""
    seen: dict[str, str] = {}
    where: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise InputError(d.path, f"document id {d.id!r} is also used by {where[d.id]}")
        seen[d.id] = d.content_hash
        where[d.id] = d.path or d.id
    return seen


def load_paths(paths: list[str | Path]) -> list[Document]:
    """All documents under the given files and folders, in a stable order.

    Raises InputError for a missing path, an unreadable or unsupported file,
    a folder without text files, or two documents with the same id.
    """
    docs = list(iter_documents(input_files(paths)))
    check_unique(docs)
    return docs


def load_file(path: Path) -> list[Document]:
    """The documents of one file (.txt/.md: one; .jsonl: one per line)."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
        raise InputError(path, f"unsupported file type {suffix or '(none)'}; expected .txt, .md or .jsonl")
    text = read_text(path)
    if suffix in RECORD_SUFFIXES:
        return parse_jsonl(path, text)
    return [parse_text(path.stem, text, path=str(path))]


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is dropped); InputError if it is not text."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text: invalid byte 0x{data[e.start]:02x} at offset {e.start}") from e
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(8, len(text[:8192]) // 50):
        raise InputError(path, "binary file (too many control characters), not text")
    return text


def parse_text(doc_id: str, text: str, path: str | None = None) -> Document:
    """A document from a text with optional front matter (title:, date:, source: between --- lines)."""
    meta: dict[str, str] = {}
    m = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", text, re.S)
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[m.end():]
    if not text.strip():
        raise InputError(path or doc_id, "no text after the front matter")
    date = meta.get("date")
    if date is not None:
        iso = parse_date(date)
        if iso is None:
            raise InputError(path or doc_id, f"front matter date {date!r} is not a date (use YYYY-MM-DD)")
        date = iso
    else:
        date = sniff_date(text)
    return Document(doc_id, text, meta.get("title") or None, date, meta.get("source") or None, path)


def parse_jsonl(path: Path, text: str) -> list[Document]:
    """Documents from JSON Lines: one {"id","text","title","date","source"} object per line."""
    docs = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(where, f"not valid JSON ({e.msg} at column {e.colno})") from e
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise InputError(where, 'each line must be an object with a non-empty "text"')
        doc_id = str(rec.get("id") or f"{path.stem}-{n}")
        date = rec.get("date")
        iso = parse_date(str(date)) if date else None
        if date and iso is None:
            raise InputError(where, f"date {date!r} is not a date (use YYYY-MM-DD)")
        docs.append(Document(doc_id, rec["text"], rec.get("title") or None, iso,
                             rec.get("source") or None, where))
    if not docs:
        raise InputError(path, "no records in the JSON Lines file")
    return docs


def parse_date(value: str) -> str | None:
    """An ISO date (yyyy-mm-dd) from a date string, or None.

    >>> parse_date("2023-04-04"), parse_date("April 4, 2023"), parse_date("11 05,2021")
    ('2023-04-04', '2023-04-04', '2021-11-05')
    """
    s = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", s)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"([A-Za-z]{3,})\.? (\d{1,2}),? (\d{4})", s)
    if m and m[1][:3].lower() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[1][:3].lower()], int(m[2]))
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]{3,})\.?,? (\d{4})", s)
    if m and m[2][:3].lower() in MONTHS:
        return _iso(int(m[3]), MONTHS[m[2][:3].lower()], int(m[1]))
    m = re.fullmatch(r"(\d{1,2})[ /.](\d{1,2}),\s?(\d{4})", s)  # month day,year
    if m:
        return _iso(int(m[3]), int(m[1]), int(m[2]))
    return None


def sniff_date(text: str) -> str | None:
    """The date of a scraped page's header line ("date 2023-04-04", "Time: 11 05,2021"), if any."""
    for line in text.strip().splitlines()[:6]:
        m = re.search(r"\b(?:date|time|published|posted)\s*[:：]?\s*"
                      r"(\d{4}-\d{1,2}-\d{1,2}|[A-Za-z]{3,}\.? \d{1,2},? \d{4}|\d{1,2}[ /.]\d{1,2},\s?\d{4})",
                      line, re.I)
        if m:
            iso = parse_date(m.group(1))
            if iso:
                return iso
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
