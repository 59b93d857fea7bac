"""Correcting the analysis from the window: an actor's type and a merge from the Actors tab
(they teach the user's gazetteer, and every article is analysed again in the background), a
speaker or claimant from a quotation's or a claim's card (kept for that article)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from reader.ui.messages import Messages
from reader.ui.reading_panel import ReadingPanel
from reader.ui.side_panel import SidePanel
from reader.ui.workers import JobContext, JobRunner
from reader.wording import count
from reader.workspace import Progress, Workspace

NOT_SAID = "(the text does not say)"


class CorrectionController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        runner: JobRunner,
        messages: Messages,
        reading: ReadingPanel,
        side: SidePanel,
        refresh: Callable[[], None],
        progress: Callable[[Progress], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.runner, self.messages = workspace, runner, messages
        self.reading, self.refresh, self.progress, self.window = reading, refresh, progress, window
        side.actors.typeCorrected.connect(self.correct_type)
        side.actors.mergeRequested.connect(self.merge)
        side.quotes.whoRequested.connect(self.ask_who)
        side.claims.whoRequested.connect(self.ask_who)
        #: answers the "who" question (a seam for tests; the real one asks the reader)
        self.ask: Callable[[str, list[str], str], str | None] = self._ask

    def correct_type(self, name: str, kind: str) -> None:
        ws = self.workspace
        self.messages.info(f"{name} is a {kind} now — analysing the library again…")

        def job(ctx: JobContext) -> int:
            return ws.correct_type(name, kind, ctx.progress, ctx.cancelled)

        self.runner.start(job, self._reanalysed, self.messages.fail, self.progress)

    def merge(self, alias: str, into: str, kind: str) -> None:
        ws = self.workspace
        self.messages.info(f"{alias} is {into} now — analysing the library again…")

        def job(ctx: JobContext) -> int:
            return ws.merge_actors(alias, into, kind, ctx.progress, ctx.cancelled)

        self.runner.start(job, self._reanalysed, self.messages.fail, self.progress)

    def _reanalysed(self, done: int) -> None:
        self.messages.info(f"Corrected: {count(done, 'article')} analysed again.")
        self.refresh()

    def ask_who(self, kind: str, start: int, end: int, current: str) -> None:
        article = self.reading.view.article
        if article is None:
            return
        # people first, then bodies and countries (a government speaks: "China said")
        cast = self.reading.view.analysis.cast()
        names = [a.name for a in cast if a.type == "person"] + [
            a.name for a in cast if a.type in ("organisation", "country")
        ]
        title = "Set Speaker" if kind == "quote" else "Set Claimant"
        answer = self.ask(title, [*names, NOT_SAID], current)
        if answer is None:
            return
        who = None if answer == NOT_SAID else answer.strip() or None
        ws = self.workspace

        def done(_spans: object) -> None:
            self.messages.info(
                f"{'Speaker' if kind == 'quote' else 'Claimant'} set: {who or 'not said'}."
            )
            self.refresh()

        self.runner.start(
            lambda _ctx: ws.correct_who(article, kind, start, end, who), done, self.messages.fail
        )

    def _ask(self, title: str, names: list[str], current: str) -> str | None:
        choices = [current, *[n for n in names if n != current]] if current else names
        answer, ok = QInputDialog.getItem(
            self.window, title, "Who? (choose, or type a name)", choices, 0, True
        )
        return answer if ok and answer else None
