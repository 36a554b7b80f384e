"""What the `kg build` command needs beside the library: sizes as people write them, SIGTERM
treated as Ctrl-C, and the list of skipped inputs with its summary line."""
from __future__ import annotations

import re
import signal
from collections import Counter
from collections.abc import Sequence

import typer
from rich.console import Console
from rich.markup import escape

from .documents import Skipped


def parse_size(text: str) -> int:
    """Bytes in a size such as 20MB, 512k or 1000000 (binary multiples).

    >>> parse_size("20MB"), parse_size("512k"), parse_size("1000")
    (20971520, 524288, 1000)
    """
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text.lower())
    if not m:
        raise typer.BadParameter(f"{text!r} is not a size (e.g. 20MB, 512KB, 1000000)")
    return int(float(m[1]) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m[2]])


def stop_on_sigterm() -> None:
    """Make SIGTERM stop a build as Ctrl-C does: after the document being written."""
    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)


def print_skips(console: Console, skipped: Sequence[Skipped], ingested: int) -> None:
    """One line per skipped input, then how many documents were ingested and the skips by kind.

    >>> print_skips(Console(width=200), [Skipped("a.txt", "empty file"), Skipped("b.txt", "empty file")], 3)
    skipped a.txt: empty file
    skipped b.txt: empty file
    3 documents ingested; 2 inputs skipped: 2 empty file
    """
    for s in skipped:
        console.print(f"[yellow]skipped[/yellow] {escape(str(s))}", highlight=False)  # a name may hold [brackets]
    if skipped:
        kinds = Counter(s.kind for s in skipped).most_common()
        console.print(f"{ingested} documents ingested; {len(skipped)} inputs skipped: "
                      + ", ".join(f"{n} {kind}" for kind, n in kinds), highlight=False)
