"""Reading documents from what a scraper leaves behind: .txt and .md files (with optional
front matter), HTML pages, .jsonl records, folders of them (bytes to text: kg.intake;
JSON Lines: kg.records).

Each file (or JSON line) gives documents or is skipped with a one-line reason (a Skipped,
made from the InputError that names the file, or file:line, and says what is wrong); a
build decides what to do with the skips before anything is written.

>>> doc = parse_text("a", "---\\ntitle: Hello\\ndate: 2024-03-01\\n---\\nShanxi grew.\\n")
>>> doc.title, doc.date, doc.text
('Hello', '2024-03-01', 'Shanxi grew.\\n')
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import htmltext, intake
from .errors import InputError
from .intake import DEFAULT_MAX_BYTES

log = logging.getLogger("kg.documents")

TEXT_SUFFIXES = {".txt", ".md"}
RECORD_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | RECORD_SUFFIXES | intake.HTML_SUFFIXES
NO_INPUT_FILES = "no .txt, .md, .html or .jsonl files"
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


@dataclass(frozen=True)
class Skipped:
    """An input left out of a build, and why (one line).

    >>> Skipped("in/a.bin", "binary file, not text (412 control characters)").kind
    'binary file, not text'
    """
    path: str
    reason: str

    @property
    def kind(self) -> str:
        """The reason without its particulars, to count skips by kind."""
        return re.split(r"[:(]", self.reason, maxsplit=1)[0].strip()

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Scan:
    """What the inputs hold: the files to read, each document id's content hash and where it
    is read from (the first file, in path order, that uses the id), and what was skipped."""
    files: list[Path]
    index: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


def _is_input(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in SUFFIXES or suffix == ""


def _unsupported(path: Path) -> Skipped:
    return Skipped(str(path), f"unsupported file type {path.suffix}; expected {', '.join(sorted(SUFFIXES))} "
                              "or no suffix")


def input_files(paths: list[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The files under the given files and folders, sorted by path (so that the order the paths
    are given in does not matter), and the paths left out with their reason. A folder is walked
    without following links to folders (a link can make a loop); hidden files are ignored.

    >>> input_files(["no/such/place"])
    ([], [Skipped(path='no/such/place', reason='no such file or folder')])
    """
    files: set[Path] = set()
    skipped: list[Skipped] = []
    for p in paths:
        path = Path(p)
        if not path.exists() and not path.is_symlink():
            skipped.append(Skipped(str(path), "no such file or folder"))
        elif path.is_dir():
            for root, dirs, names in os.walk(path, followlinks=False):
                for d in dirs:
                    if os.path.islink(os.path.join(root, d)) and not d.startswith("."):
                        skipped.append(Skipped(os.path.join(root, d), "link to a folder, not followed"))
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    f = Path(root, name)
                    if name.startswith("."):
                        continue
                    if _is_input(f):
                        files.add(f)
                    else:
                        skipped.append(_unsupported(f))
        elif _is_input(path):
            files.add(path)
        else:
            skipped.append(_unsupported(path))
    return sorted(files, key=str), sorted(skipped, key=lambda s: s.path)


def scan(paths: list[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Scan:
    """Read every input once: the files, the documents' ids and hashes, and each skip's reason.
    A document id used twice is read from its first file (in path order); the others are skipped."""
    files, skipped = input_files(paths)
    found = Scan(files, skipped=skipped)
    for f in files:
        for d in read_items(f, max_bytes):
            if isinstance(d, Skipped):
                found.skipped.append(d)
                continue
            where = d.path or d.id
            if d.id in found.index:
                found.skipped.append(Skipped(where, f"document id {d.id!r} is also used by {found.where[d.id]}"))
                continue
            found.index[d.id] = d.content_hash
            found.where[d.id] = where
    return found


def iter_documents(found: Scan, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """The scanned documents, read again one file (or JSON line) at a time: memory holds one."""
    for f in found.files:
        for d in read_items(f, max_bytes):
            if isinstance(d, Document) and found.where.get(d.id) == (d.path or d.id):
                yield d


def load_paths(paths: list[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """All documents under the given files and folders, in path order; InputError at the first
    input that would be skipped (a missing path, an unreadable or unsupported file, a bad
    record, a document id used twice).

    >>> load_paths(["no/such/place"])
    Traceback (most recent call last):
    kg.errors.InputError: no/such/place: no such file or folder
    """
    found = scan(paths, max_bytes)
    if found.skipped:
        first = found.skipped[0]
        raise InputError(first.path, first.reason)
    if not found.files:
        raise InputError(", ".join(map(str, paths)), NO_INPUT_FILES)
    return list(iter_documents(found, max_bytes))


def read_items(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Skipped]:
    """The documents of one file (.txt/.md/no suffix: one, read as HTML when it is a page;
    .html: one; .jsonl: one per good line, streamed) and what was skipped, with the reason."""
    if path.suffix.lower() in RECORD_SUFFIXES:
        from .records import iter_records  # (records builds on this module)
        yield from iter_records(path, max_bytes)
        return
    try:
        text, encoding = intake.read_text(path, max_bytes)
        if encoding not in ("utf-8", "ascii"):
            log.info("read %s as %s", path, encoding)
        if path.suffix.lower() in intake.HTML_SUFFIXES or htmltext.looks_like_html(text):
            page = htmltext.html_page(text, path)
            yield Document(path.stem, page.text, page.title, page.date or sniff_date(page.text), None, str(path))
        else:
            yield parse_text(path.stem, text, path=str(path))
    except InputError as e:
        yield Skipped(e.path, e.reason)


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
