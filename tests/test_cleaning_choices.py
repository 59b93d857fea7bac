"""The reader's own decisions on how an article was cleaned: a removed block brought back as
article text, a kept one sent out as furniture — kept over re-imports of the file, a changed
file, a rebuilt library; the article analysed, indexed and its annotations placed anew."""

from __future__ import annotations

import os
from pathlib import Path

from reader.annotations import AnnotationStore
from reader.paths import LibraryPaths
from reader.workspace import Workspace

PAGE = """Home | News | Sport | Weather

Ministers agree new flood plan 🌊

By Jo Bloggs, Environment correspondent

Ministers on Tuesday agreed a £2bn plan to protect 300,000 homes from floods, officials said.

“We will build the defences people were promised,” the environment secretary told MPs.

Subscribe to our newsletter for the latest updates

Critics said the money would take a decade to arrive and came too late for many towns.

Read more: Storm season, explained

Cookie settings | Privacy | Terms
"""

NEWSLETTER = "Subscribe to our newsletter for the latest updates"
CRITICS = "Critics said the money would take a decade to arrive"


def _import(ws: Workspace, folder: Path) -> int:
    ws.import_paths([str(folder)])
    (row,) = ws.library().browse()
    return int(row["id"])


def test_a_choice_brings_a_block_back_and_survives_every_re_import(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "floods.txt"
    page.write_text(PAGE, encoding="utf-8")
    where = LibraryPaths(tmp_path / "lib", tmp_path / "lib" / "cache").ensure()
    with Workspace(where) as ws:
        aid = _import(ws, folder)
        article = ws.library().get(aid)
        assert article is not None and NEWSLETTER not in article.text
        blocks = {d.text: d for d in ws.block_decisions(article)}
        removed = blocks[NEWSLETTER]
        assert not removed.kept and removed.why and not removed.chosen
        critics = next(d for t, d in blocks.items() if t.startswith(CRITICS))
        assert critics.kept
        # an annotation on words after the block that comes back: it must follow them
        start = article.text.index(CRITICS)
        with AnnotationStore(where.annotations_db) as store:
            note = store.create(aid, article.uri, article.text, start, start + len(CRITICS))
        updated = ws.choose_blocks(article, {removed.key: True, critics.key: False})
        assert NEWSLETTER in updated.text and CRITICS not in updated.text
        assert updated.content_hash != article.content_hash  # a changed article, re-indexed
        hits = ws.search('"newsletter for the latest"').hits
        assert [h.article_id for h in hits] == [aid]
        with AnnotationStore(where.annotations_db) as store:
            got = store.get(note.id)
        assert got is not None and got.anchor_state == "orphaned"  # its words are gone now
        again = {d.text: d for d in ws.block_decisions(updated)}
        assert again[NEWSLETTER].kept and again[NEWSLETTER].chosen
        # the file edited and imported again: the choices still hold
        page.write_text(PAGE.replace("£2bn", "£2.5bn"), encoding="utf-8")
        os.utime(page, ns=(10**9, 10**9))
        ws.import_paths([str(folder)])
        edited = ws.library().get(aid)
        assert edited is not None and "£2.5bn" in edited.text
        assert NEWSLETTER in edited.text and CRITICS not in edited.text
        # back to the rules for one block
        ws.choose_blocks(edited, {critics.key: None})
        restored = ws.library().get(aid)
        assert restored is not None and CRITICS in restored.text and NEWSLETTER in restored.text
    # a library made again from the files: the reader's choices are not in it, but beside it
    for f in where.root.glob("library.sqlite3*"):
        f.unlink()
    with Workspace(where) as ws:
        aid = _import(ws, folder)
        article = ws.library().get(aid)
        assert article is not None and NEWSLETTER in article.text
    assert where.choices_file.is_file()
