"""Limits on the per-document steps that could run away on hostile input: validation and
inference each get a time limit, inference a limit on the triples it produces. A step over
its limit raises BudgetExceeded, which the build turns into a skipped document (nothing of
it is written, so the store keeps what it had).

The time limit uses SIGALRM, which only the main thread of a process receives: it applies in
a build's own process and in its worker processes (each runs tasks in its main thread); called
from another thread (a web server's, Dask's), a step runs without a time limit.

>>> with time_limit(0.05, "inference"):
...     sum(range(10))
45
>>> import time
>>> with time_limit(0.05, "inference"):
...     time.sleep(1)
Traceback (most recent call last):
kg.budget.BudgetExceeded: inference stopped at its time limit of 0.05 s (--step-time-limit)
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import KGError


class BudgetExceeded(KGError):
    """A per-document step went over one of its limits (says which)."""


@dataclass(frozen=True)
class Budget:
    """The limits of one document's validation and inference (None: no limit).

    >>> Budget().step_seconds, Budget().inferred_triples
    (60.0, 100000)
    """
    step_seconds: float | None = 60.0
    inferred_triples: int | None = 100_000


def _can_alarm() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


@contextmanager
def time_limit(seconds: float | None, step: str) -> Iterator[None]:
    """Run the block under a time limit: BudgetExceeded naming the step when it is reached.
    Nested or not in the main thread: the block runs without one."""
    if not seconds or not _can_alarm() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return

    def stop(signum, frame):
        raise BudgetExceeded(f"{step} stopped at its time limit of {seconds:g} s (--step-time-limit)")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_triples(count: int, limit: int | None, step: str) -> None:
    """BudgetExceeded when a step produced more triples than its limit.

    >>> check_triples(5, 10, "inference")
    >>> check_triples(11, 10, "inference")
    Traceback (most recent call last):
    kg.budget.BudgetExceeded: inference stopped: over its limit of 10 triples (--max-inferred)
    """
    if limit is not None and count > limit:
        raise BudgetExceeded(f"{step} stopped: over its limit of {limit:,} triples (--max-inferred)")
