"""Intake: the raw bytes of one file a scraper left behind, made into clean text.

Scraped files arrive in whatever state the web left them: UTF-8 or a legacy Chinese or
Western encoding, with or without a byte-order mark, plain text or a whole HTML page, and
now and then a binary file saved under a text name. This module reads such a file safely
(it never opens a FIFO, never reads past a size limit), finds its encoding and removes control
characters; an HTML page's text is then taken by kg.htmltext. Every refusal is an InputError that names the file and says what is wrong.

>>> decode("Hefei’s “plan” – café".encode("cp1252"))
('Hefei’s “plan” – café', 'cp1252')
"""
from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

DEFAULT_MAX_BYTES = 20_000_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# Longest mark first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# The legacy encodings English news about China plausibly arrives in, for charset_normalizer.
_LEGACY = ["gb18030", "big5", "cp1252", "iso8859_1", "shift_jis", "euc_jp", "euc_kr"]
_CONTROL_CODES = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0C, 0x0D)] + list(range(0x7F, 0xA0))
_CONTROLS = dict.fromkeys(_CONTROL_CODES)
_REMOVE = {**_CONTROLS, 0xFEFF: None}
_CONTROL_BYTES = bytes(c for c in _CONTROL_CODES if c < 0x80)
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SAMPLE = 8192
_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket",
          stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


def open_regular(path: Path) -> BinaryIO:
    """The file opened for reading in binary, if it is a regular file; InputError otherwise.

    It is checked with stat before it is opened, so a FIFO or device never blocks.
    """
    try:
        st = os.stat(path)
    except OSError as e:
        if isinstance(e, FileNotFoundError) and Path(path).is_symlink():
            raise InputError(path, "broken symbolic link") from e
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, f"not a regular file ({_KINDS.get(stat.S_IFMT(st.st_mode), 'a special file')})")
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, open still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from e
    f = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
        f.close()
        raise InputError(path, "not a regular file (replaced while being read)")
    return f


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular, non-empty file of at most max_bytes; InputError otherwise."""
    path = Path(path)
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise InputError(path, f"too large: {size} bytes, over the limit of {max_bytes} (--max-size)")
        try:
            data = f.read(max_bytes + 1)
        except OSError as e:
            raise InputError(path, f"cannot read: {e.strerror or e}") from e
    if len(data) > max_bytes:
        raise InputError(path, f"too large: more than {max_bytes} bytes, over the limit of {max_bytes} (--max-size)")
    if not data.strip():
        raise InputError(path, "empty file")
    return data


def decode(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """The text of the bytes and the name of the encoding used; InputError for binary data.

    In order: a byte-order mark; UTF-16 without one; strict UTF-8; then a legacy encoding.

    >>> decode(b"\\xef\\xbb\\xbfHenan"), decode("河南".encode("gb18030"))
    (('Henan', 'utf-8-sig'), ('河南', 'gb18030'))
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec = "utf-8" if name == "utf-8-sig" else name
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as e:
                if name == "utf-32-le":
                    continue  # FF FE 00 00 is also UTF-16-LE text that starts with a NUL
                raise InputError(path, f"starts with a {codec.upper()} byte-order mark but is not {codec.upper()} "
                                       f"(bad bytes at offset {e.start + len(bom)})") from e
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if _binary(controls, len(sample)):
        first = next(i for i, byte in enumerate(sample) if byte in _CONTROL_BYTES)
        raise InputError(path, f"binary file, not text ({controls} NUL or control bytes in the first "
                               f"{len(sample)}, from offset {first})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        # The scraper cut the last character short, in a text whose other high bytes are good UTF-8.
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data" and max(data[:e.start], default=0) > 0x7F:
            return data[:e.start].decode("utf-8"), "utf-8"
        bad = e.start
    return _legacy(data, path, bad)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a mark: NUL at the high byte of every ASCII character, and only there."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = sample[0:2 * pairs:2].count(0) / pairs, sample[1:2 * pairs:2].count(0) / pairs
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls >= 0.3 and others <= 0.05:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def _legacy(data: bytes, path: str | Path, bad: int) -> tuple[str, str]:
    """Not UTF-8: ask charset_normalizer, then settle its near-ties the way this corpus needs."""
    from charset_normalizer import from_bytes
    matches = list(from_bytes(data, cp_isolation=_LEGACY))
    floor = matches[0].chaos + 0.05 if matches else 0.0
    close = {m.encoding: m for m in matches if m.chaos <= floor}
    # Western text has lone high bytes (é, ’, –) between ASCII ones; CJK text has them in runs.
    # charset_normalizer tends to find nothing in a short Western line, or ties it with CJK codecs.
    runs = _HIGH_RUN.findall(data[:65536])
    if 2 * sum(len(r) == 1 for r in runs) >= sum(map(len, runs)) and (not matches or "cp1252" in close):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    gb = close.get("gb18030")
    if gb is not None and _CJK.search(str(gb)):
        return str(gb), "gb18030"
    if matches:
        return str(matches[0]), codecs.lookup(matches[0].encoding).name
    raise InputError(path, f"binary file, not text (byte 0x{data[bad]:02x} at offset {bad} is not UTF-8, "
                           "and no other text encoding fits)")


def clean_text(text: str) -> str:
    """The text without C0/C1 control characters (tab, newlines and form feed stay) and U+FEFF.

    >>> clean_text("\\ufeffZhengzhou\\x00 grew\\x85.\\r\\n")
    'Zhengzhou grew.\\r\\n'
    """
    return text.translate(_REMOVE)


def control_share(text: str) -> float:
    """The share of control characters (those clean_text removes, U+FEFF aside) in the first 8 KiB.

    >>> control_share("ab\\x00\\x01"), control_share("")
    (0.5, 0.0)
    """
    sample = text[:_SAMPLE]
    return _controls(sample) / len(sample) if sample else 0.0


def _controls(sample: str) -> int:
    return len(sample) - len(sample.translate(_CONTROLS))


def _binary(controls: int, size: int) -> bool:
    """Whether so many control characters (or bytes) in a sample make it binary, not text."""
    return controls >= 8 and controls > 0.02 * size


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """The clean text of a file and its encoding; InputError for unreadable, binary or empty files."""
    text, encoding = decode(read_bytes(path, max_bytes), path)
    sample = text[:_SAMPLE]
    controls = _controls(sample)
    if _binary(controls, len(sample)):
        raise InputError(path, f"binary file, not text ({controls} control characters in the first {len(sample)})")
    text = clean_text(text)
    if not text.strip():
        raise InputError(path, "empty file")
    return text, encoding
