"""The reader's own decisions on how an article was cleaned: a block the cleaner removed that is
article text, or a block it kept that is page furniture. They are the reader's work, so they
live beside the annotations (``cleaning-choices.json``), not in the rebuildable library, and
apply whenever the file is imported again — changed, moved, or into a rebuilt library."""

from __future__ import annotations

import json
from pathlib import Path

from reader.ingest import Choices
from reader.json_files import write_json

FILE_NAME = "cleaning-choices.json"


class ChoiceStore:
    """Choices by article URI: ``{uri: {block key: keep}}``, with each block's opening words so
    that a person reading the file knows what was decided."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _read(self) -> dict[str, dict[str, dict[str, object]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError):
            return {}  # unreadable: the rules alone decide, as before any choice
        articles = data.get("articles") if isinstance(data, dict) else None
        return articles if isinstance(articles, dict) else {}

    def all(self) -> dict[str, Choices]:
        """Every article's choices."""
        out: dict[str, Choices] = {}
        for uri, blocks in self._read().items():
            if isinstance(blocks, dict):
                out[uri] = {
                    key: bool(v.get("keep"))
                    for key, v in blocks.items()
                    if isinstance(v, dict) and isinstance(v.get("keep"), bool)
                }
        return out

    def for_article(self, uri: str) -> Choices:
        return self.all().get(uri, {})

    def decide(self, uri: str, decisions: dict[str, tuple[bool | None, str]]) -> None:
        """Record ``{block key: (keep, its text)}`` for an article; ``keep=None`` forgets the
        choice (the rules decide again). Written whole or not at all."""
        articles = self._read()
        blocks = articles.setdefault(uri, {})
        for key, (keep, text) in decisions.items():
            if keep is None:
                blocks.pop(key, None)
            else:
                blocks[key] = {"keep": keep, "text": " ".join(text.split())[:120]}
        if not blocks:
            articles.pop(uri, None)
        self._write({"version": 1, "articles": articles})

    def _write(self, data: object) -> None:
        write_json(self.path, data)
