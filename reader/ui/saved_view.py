"""Saved searches and collections in the left pane, each with its count; a click runs it.
Library ▸ Save Search names the query on screen; Add to Collection puts the open article (or
every result) in a named set, searched with ``in:"…"``. Counts are made off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from reader.json_files import JsonFileError
from reader.saved import SavedError, split_in
from reader.search import IndexBusy, QueryError
from reader.ui.messages import Messages
from reader.ui.workers import JobContext, JobRunner
from reader.wording import count
from reader.workspace import Workspace

KIND = Qt.ItemDataRole.UserRole + 1  # "search" or "collection"
NAME = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Counted:
    kind: str  # "search" or "collection"
    name: str
    query: str
    count: int | None  # None: the query cannot be run now


class SavedPane(QTreeWidget):
    #: run this query (a saved search's, or in:"…" for a collection)
    queryChosen = Signal(str)
    renameRequested = Signal(str, str)  # kind, name
    deleteRequested = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Saved searches and collections")
        self.setToolTip("Click to run; right-click to rename or delete")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setMaximumHeight(150)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self.items: list[Counted] = []
        self.hide()

    def show_saved(self, items: list[Counted]) -> None:
        self.items = items
        self.clear()
        for kind, title in (("search", "Saved searches"), ("collection", "Collections")):
            mine = [i for i in items if i.kind == kind]
            if not mine:
                continue
            top = QTreeWidgetItem([title, ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.addTopLevelItem(top)
            for i in mine:
                shown = "?" if i.count is None else f"{i.count:,}"
                item = QTreeWidgetItem([i.name, shown])
                item.setData(0, Qt.ItemDataRole.UserRole, i.query)
                item.setData(0, KIND, i.kind)
                item.setData(0, NAME, i.name)
                item.setToolTip(0, i.query)
                item.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                top.addChild(item)
            top.setExpanded(True)
        self.setVisible(bool(items))

    def _chosen(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        query = item.data(0, Qt.ItemDataRole.UserRole)
        if query:
            self.queryChosen.emit(str(query))

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None or not item.data(0, KIND):
            return
        kind, name = str(item.data(0, KIND)), str(item.data(0, NAME))
        menu = QMenu(self)
        menu.addAction("Rename…").triggered.connect(lambda: self.renameRequested.emit(kind, name))
        label = "Delete Search" if kind == "search" else "Delete Collection (Its Articles Stay)"
        menu.addAction(label).triggered.connect(lambda: self.deleteRequested.emit(kind, name))
        menu.exec(self.viewport().mapToGlobal(pos))


class SavedController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        runner: JobRunner,
        messages: Messages,
        pane: SavedPane,
        query: Callable[[], str],
        set_query: Callable[[str], None],
        current_article: Callable[[], int | None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.runner, self.messages, self.pane = workspace, runner, messages, pane
        self.query, self.set_query, self.current_article = query, set_query, current_article
        self.window = window
        #: asks the reader for a name (title, label, choices, default) -> name; a test seam
        self.ask: Callable[[str, str, list[str], str], str | None] = self._ask
        pane.queryChosen.connect(set_query)
        pane.renameRequested.connect(self.rename)
        pane.deleteRequested.connect(self.delete)
        self._generation = 0

    def _ask(self, title: str, label: str, choices: list[str], default: str) -> str | None:
        if choices:
            items = [default, *[c for c in choices if c != default]] if default else choices
            text, ok = QInputDialog.getItem(self.window, title, label, items, 0, True)
        else:
            text, ok = QInputDialog.getText(self.window, title, label, text=default)
        return text.strip() if ok and text.strip() else None

    def _saving(self, change: Callable[[], str]) -> None:
        """Make a change to the saved file; say what was done, or why it could not be."""
        try:
            said = change()
        except (SavedError, JsonFileError) as exc:
            self.messages.fail(str(exc), "")
            return
        self.messages.info(said)
        self.refresh()

    # -- counts -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Count every saved search and collection again, in the background."""
        ws = self.workspace
        self._generation += 1
        generation = self._generation

        def job(_ctx: JobContext) -> list[Counted]:
            saved = ws.saved
            try:
                searches, collections = saved.searches(), saved.collections()
            except JsonFileError:
                return []
            out = []
            wanted = [("search", s.name, s.query) for s in searches]
            wanted += [("collection", c.name, c.query) for c in collections]
            for kind, name, query in wanted:
                try:
                    n: int | None = ws.search(query, 1, 0, with_facets=False).total
                except (QueryError, IndexBusy):
                    n = None
                out.append(Counted(kind, name, query, n))
            return out

        def done(items: list[Counted]) -> None:
            if generation == self._generation:
                self.pane.show_saved(items)

        self.runner.start(job, done, self.messages.fail)

    # -- saved searches ---------------------------------------------------------------------------
    def save_search(self) -> None:
        """Library ▸ Save Search: name the query on screen."""
        query = self.query()
        if not query:
            self.messages.info("Type a search first: it is what is saved.")
            return
        name = self.ask("Save Search", f"A name for “{query}”:", [], query[:40])
        if name is not None:
            self._saving(lambda: f"Saved “{self.workspace.saved.save_search(name, query).name}”.")

    # -- collections ------------------------------------------------------------------------------
    def _collection_names(self) -> list[str]:
        try:
            return [c.name for c in self.workspace.saved.collections()]
        except JsonFileError:
            return []

    def add_article(self) -> None:
        """Library ▸ Add Article to Collection: the open article."""
        article_id = self.current_article()
        article = self.workspace.library().get(article_id) if article_id is not None else None
        if article is None:
            self.messages.info("Open an article first: it is the one added.")
            return
        self._add("Add Article to Collection", [article.uri], "the article")

    def add_results(self) -> None:
        """Library ▸ Add Results to Collection: every article the search on screen lists."""
        query = self.query()
        found = self.workspace.search(query, None, 0, with_facets=False)
        ids = list(dict.fromkeys(h.article_id for h in found.hits))
        if not ids:
            self.messages.info("There are no results to add.")
            return
        uris = [m["uri"] for m in self.workspace.library().summaries(ids).values()]
        self._add("Add Results to Collection", uris, count(len(uris), "article"))

    def _add(self, title: str, uris: list[str], what: str) -> None:
        names = self._collection_names()
        in_query = split_in(self.query())[0]
        default = in_query[0] if in_query else (names[0] if names else "")
        name = self.ask(
            title, f"Add {what} to the collection (a new name makes one):", names, default
        )
        if name is None:
            return

        def change() -> str:
            coll, new = self.workspace.saved.add_to(name, uris)
            if not new:
                return f"Already in “{coll.name}”."
            return f"{count(new, 'article')} added to “{coll.name}” ({len(coll.uris)} in all)."

        self._saving(change)

    def remove_article(self) -> None:
        """Library ▸ Remove Article from Collection: the collection searched for, or one the
        article is in."""
        article_id = self.current_article()
        article = self.workspace.library().get(article_id) if article_id is not None else None
        if article is None:
            self.messages.info("Open an article first: it is the one taken out.")
            return
        try:
            holding = self.workspace.saved.containing(article.uri)
        except JsonFileError as exc:
            self.messages.fail(str(exc), "")
            return
        if not holding:
            self.messages.info("The article is in no collection.")
            return
        asked = [n for n in split_in(self.query())[0] if n.casefold() in map(str.casefold, holding)]
        name = (
            asked[0]
            if asked
            else self.ask("Remove Article from Collection", "Take it out of:", holding, holding[0])
        )
        if name is None:
            return
        chosen, uri = name, article.uri

        def change() -> str:
            if self.workspace.saved.remove_from(chosen, [uri]):
                return f"Taken out of “{chosen}”."
            return f"It was not in “{chosen}”."

        self._saving(change)
        if asked:
            self.set_query(self.query())  # the list follows

    # -- renaming and deleting --------------------------------------------------------------------
    def rename(self, kind: str, name: str) -> None:
        new = self.ask("Rename", f"A new name for “{name}”:", [], name)
        if new is None or new == name:
            return
        saved = self.workspace.saved

        def change() -> str:
            if kind == "search":
                saved.rename_search(name, new)
            else:
                saved.rename_collection(name, new)  # saved searches naming it follow
            return f"Renamed “{new}”."

        self._saving(change)

    def delete(self, kind: str, name: str) -> None:
        saved = self.workspace.saved

        def change() -> str:
            if kind == "search":
                saved.delete_search(name)
                return f"Deleted the search “{name}”."
            saved.delete_collection(name)
            return f"Deleted the collection “{name}”; its articles stay in the library."

        self._saving(change)
