"""The process that tests/test_crash.py kills: ``python tests/crash_child.py CORPUS STORE [JOBS]``
builds CORPUS into the persistent store STORE and prints ``committed <doc_id>`` (flushed) as
soon as the build reports a document written (or found unchanged), then ``done``. A line the
parent has read is an acknowledgement: that document must survive any kill afterwards.
``ready`` is printed first, once the imports are done. JOBS (default 1) is the build's number
of worker processes."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    corpus, store = argv[0], argv[1]
    # the code to run: the repository root, or a copy of its kg/ and ontology/ named by $KG_CRASH_CODE
    sys.path.insert(0, os.environ.get("KG_CRASH_CODE") or str(Path(__file__).resolve().parent.parent))
    jobs = int(argv[2]) if len(argv) > 2 else 1
    from kg.api import KnowledgeGraph

    out = sys.stdout

    def committed(doc_id: str) -> None:
        out.write(f"committed {doc_id}\n")
        out.flush()

    out.write("ready\n")
    out.flush()
    kg = KnowledgeGraph(store)
    try:
        kg.build([corpus], progress=committed, jobs=jobs)
    finally:
        kg.close()
    out.write("done\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
