"""The timeline under the results (View ▸ Timeline): the matching articles per year or month as
bars, or an actor's mentions over time (the Actors tab's menu). Clicking a bar narrows the
search to that year or month. Drawn with pyqtgraph; counted off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from reader.timeline import Timeline
from reader.ui.theme import Colours
from reader.ui.workers import JobContext, JobRunner
from reader.wording import count
from reader.workspace import Workspace

#: At most this many period labels under the bars (the others are left out, not squeezed).
LABELS = 8


class TimelinePane(QWidget):
    #: a bar was clicked: its period ("2023" or "2023-03")
    periodChosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QLabel(wordWrap=True)  # the results pane is narrow: never cut it
        self.note.setEnabled(False)
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 4, 0, 0)
        self.lay.setSpacing(2)
        self.lay.addWidget(self.title)
        self.lay.addWidget(self.note)
        self.setMaximumHeight(170)
        self.timeline: Timeline | None = None
        self.colours: Colours | None = None
        self._plot: Any = None  # made when first shown: pyqtgraph and numpy load then

    @property
    def plot(self) -> Any:
        if self._plot is None:
            import pyqtgraph as pg

            plot = pg.PlotWidget()
            plot.setAccessibleName("Timeline")
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setMinimumHeight(90)
            plot.getPlotItem().getAxis("left").setWidth(28)
            self.bars = pg.BarGraphItem(x=[], height=[], width=0.8)
            plot.addItem(self.bars)
            plot.scene().sigMouseClicked.connect(self._clicked)
            plot.scene().sigMouseMoved.connect(self._hovered)
            self.lay.insertWidget(1, plot, 1)
            self._plot = plot
            if self.colours is not None:
                self.set_colours(self.colours)
        return self._plot

    @property
    def bar_colour(self) -> str:
        return self.colours.quote.name() if self.colours is not None else "#005a8f"

    def set_colours(self, colours: Colours) -> None:
        self.colours = colours
        if self._plot is None:
            return
        self.plot.setBackground(colours.page)
        for side in ("left", "bottom"):
            axis = self.plot.getPlotItem().getAxis(side)
            axis.setTextPen(colours.muted)
            axis.setPen(colours.muted)
        if self.timeline is not None:
            self.show_timeline(self.timeline, self.title.text())

    def show_timeline(self, t: Timeline, title: str) -> None:
        self.timeline = t
        self.title.setText(title)
        plot = self.plot
        heights = [n for _p, n in t.periods]
        xs = list(range(len(heights)))
        self.bars.setOpts(x=xs, height=heights, width=0.8, brush=self.bar_colour, pen=None)
        step = max(1, -(-len(xs) // LABELS))
        ticks = [(i, p) for i, (p, _n) in enumerate(t.periods) if i % step == 0]
        plot.getPlotItem().getAxis("bottom").setTicks([ticks])
        if xs:
            plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
            top = max(heights) or 1
            plot.setYRange(0, top, padding=0.05)
            # whole articles: ticks at whole numbers (pyqtgraph chose 0.2 for a top of 2)
            step = max(1, -(-top // 4))
            plot.getPlotItem().getAxis("left").setTickSpacing(step, step)
        unit = "year" if t.unit == "year" else "month"
        parts = [f"{count(t.dated, t.what[:-1])} over {count(len(t.periods), unit)}"]
        if t.undated:
            parts.append(f"{count(t.undated, t.what[:-1])} undated, not shown")
        if not t.periods:
            parts = [f"No {t.what} here give a date."]
        self.note.setText(" · ".join(parts) + (" — click a bar to narrow" if t.periods else ""))

    def _index_at(self, scene_pos: QPointF) -> int | None:
        if self.timeline is None or not self.timeline.periods:
            return None
        box = self.plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        x = box.mapSceneToView(scene_pos).x()
        i = round(x)
        if 0 <= i < len(self.timeline.periods) and abs(x - i) <= 0.45:
            return i
        return None

    def _clicked(self, event: Any) -> None:
        i = self._index_at(event.scenePos())
        if i is not None and self.timeline is not None and self.timeline.periods[i][1]:
            self.periodChosen.emit(self.timeline.periods[i][0])

    def _hovered(self, scene_pos: QPointF) -> None:
        i = self._index_at(scene_pos)
        if i is None or self.timeline is None:
            QToolTip.hideText()
            return
        period, n = self.timeline.periods[i]
        where = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
        QToolTip.showText(where, f"{period}: {count(n, self.timeline.what[:-1])}", self.plot)


class TimelineController(QObject):
    """Keeps the timeline in step with the search on screen (while it is shown), or with one
    actor's mentions when the Actors tab asks; a bar's click narrows the search."""

    def __init__(
        self,
        workspace: Workspace,
        runner: JobRunner,
        pane: TimelinePane,
        set_query: Any,
        current_query: Any,
    ) -> None:
        super().__init__(pane)
        self.workspace, self.runner, self.pane = workspace, runner, pane
        self.set_query, self.current_query = set_query, current_query
        self.actor: str | None = None  # showing this actor's mentions
        self._generation = 0
        pane.periodChosen.connect(self._narrow)

    def follow(self, _result: object = None) -> None:
        """After a search: count its articles over time (when the timeline is shown)."""
        if not self.pane.isVisible():
            return
        self.actor = None
        query = self.current_query()
        ws = self.workspace
        self._generation += 1
        generation = self._generation

        def job(_ctx: JobContext) -> Timeline | None:
            try:
                return ws.timeline(query)
            except Exception:  # a query the search refused: its message is shown already
                return None

        def done(t: Timeline | None) -> None:
            if generation == self._generation and t is not None:
                title = f"Over time: {query}" if query else "Over time: the whole library"
                self.pane.show_timeline(t, title)

        self.runner.start(job, done)

    def mentions(self, name: str) -> None:
        """An actor's mentions over time (the Actors tab's menu)."""
        self.pane.show()
        self.actor = name
        ws = self.workspace
        self._generation += 1
        generation = self._generation

        def done(t: Timeline) -> None:
            if generation == self._generation:
                self.pane.show_timeline(t, f"Mentions of {name} over time")

        self.runner.start(lambda _ctx: ws.mentions_over_time(name), done)

    def _narrow(self, period: str) -> None:
        if self.actor is not None:
            self.set_query(f'actor:"{self.actor}" date:{period}')
            return
        query = " ".join(
            w for w in self.current_query().split() if not w.lower().startswith("date:")
        )
        self.set_query(f"{query} date:{period}".strip())
