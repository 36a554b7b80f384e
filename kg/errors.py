"""The error hierarchy: every failure a user can meet is a KGError with a clear message."""
from __future__ import annotations


class KGError(Exception):
    """Base class of the toolkit's errors; its message is meant for the user."""


class InputError(KGError):
    """A file or folder given to ingest cannot be read as text (says which and why)."""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(KGError):
    """The store cannot be opened, read or written."""


class ValidationFailed(KGError):
    """A document's graph does not conform to the SHACL shapes."""


class PushError(KGError):
    """Pushing the graph to a remote Graph Store endpoint failed (names the endpoint and the graph)."""
