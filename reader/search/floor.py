"""Whoosh alone: the files' raw text indexed with its stock stemming analyser and two
processes, nothing read, cleaned or stored beside it. The bench measures it next to Recoll: no
import built on this engine can be searchable sooner than this on the same machine."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from whoosh import analysis, fields, index


def index_plainly(files: Iterable[Path], folder: Path, procs: int = 2) -> tuple[float, int]:
    """Seconds to index ``files`` (title and body in one field, with positions, as phrase
    search needs) into a new index in ``folder``; and how many were indexed."""
    started = time.perf_counter()
    schema = fields.Schema(
        path=fields.ID(stored=True),
        body=fields.TEXT(analyzer=analysis.StemmingAnalyzer(stoplist=None, minsize=1)),
    )
    folder.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(folder), schema)
    writer = ix.writer(procs=procs, multisegment=True, limitmb=128)
    count = 0
    try:
        for path in files:
            text = path.read_bytes().decode("utf-8", "replace")
            writer.add_document(path=str(path), body=text)
            count += 1
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    finally:
        ix.close()
    return time.perf_counter() - started, count
