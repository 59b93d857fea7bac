"""Light and dark palettes and the colours of the article's layers.

The layer colours come from the Okabe–Ito palette so they stay distinct for colour-blind readers;
light mode uses pale tints as backgrounds, dark mode deeper ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class Colours:
    dark: bool
    text: QColor
    muted: QColor
    page: QColor
    hit: QColor
    current_hit: QColor
    hit_text: QColor
    # analysis layers (Okabe–Ito hues): actor tints by type, quote text, claim underline
    person: QColor
    organisation: QColor
    place: QColor
    quote: QColor
    claim: QColor
    flash: QColor


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else None
    if scheme is not None and scheme != Qt.ColorScheme.Unknown:
        return bool(scheme == Qt.ColorScheme.Dark)
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        roles = {
            QPalette.ColorRole.Window: "#202124",
            QPalette.ColorRole.WindowText: "#e8e6e3",
            QPalette.ColorRole.Base: "#17181a",
            QPalette.ColorRole.AlternateBase: "#25272a",
            QPalette.ColorRole.Text: "#e8e6e3",
            QPalette.ColorRole.Button: "#2b2d30",
            QPalette.ColorRole.ButtonText: "#e8e6e3",
            QPalette.ColorRole.Highlight: "#3d6fb4",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#2b2d30",
            QPalette.ColorRole.ToolTipText: "#e8e6e3",
            QPalette.ColorRole.PlaceholderText: "#8b8d91",
            QPalette.ColorRole.Link: "#8ab4f8",
            QPalette.ColorRole.Mid: "#3c3f43",
        }
    else:
        roles = {
            QPalette.ColorRole.Window: "#f3f2ef",
            QPalette.ColorRole.WindowText: "#1f1f1f",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#f6f5f2",
            QPalette.ColorRole.Text: "#1f1f1f",
            QPalette.ColorRole.Button: "#ecebe8",
            QPalette.ColorRole.ButtonText: "#1f1f1f",
            QPalette.ColorRole.Highlight: "#2f6fca",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#ffffe8",
            QPalette.ColorRole.ToolTipText: "#1f1f1f",
            QPalette.ColorRole.PlaceholderText: "#80807c",
            QPalette.ColorRole.Link: "#1a5fb4",
            QPalette.ColorRole.Mid: "#c9c7c2",
        }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    disabled = QColor("#6f7174" if dark else "#a3a29e")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def colours(dark: bool) -> Colours:
    if dark:
        return Colours(
            dark=True,
            text=QColor("#e8e6e3"),
            muted=QColor("#9a9da1"),
            page=QColor("#17181a"),
            hit=QColor("#8a6d00"),
            current_hit=QColor("#d55e00"),
            hit_text=QColor("#ffffff"),
            person=QColor("#5a4208"),
            organisation=QColor("#1d4a66"),
            place=QColor("#0d4a3a"),
            quote=QColor("#8fc8f0"),
            claim=QColor("#f27ac6"),
            flash=QColor("#7a5cc0"),
        )
    return Colours(
        dark=False,
        text=QColor("#1f1f1f"),
        muted=QColor("#6b6a66"),
        page=QColor("#ffffff"),
        hit=QColor("#ffe066"),
        current_hit=QColor("#f0a030"),
        hit_text=QColor("#000000"),
        person=QColor("#fbe2b0"),
        organisation=QColor("#cfe8f8"),
        place=QColor("#c4eadc"),
        quote=QColor("#005a8f"),
        claim=QColor("#b0127d"),
        flash=QColor("#c9b8f0"),
    )


class CompactTabs(QProxyStyle):
    """Fusion, with tabs padded less: the side pane's five tabs fit a 1024-pixel window. Set on
    that tab bar alone: as the application's style, every widget's every metric query was a
    call into Python, each waiting for Python's lock while a search ran on another thread."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return 14
        return super().pixelMetric(metric, option, widget)


def apply(theme: str) -> Colours:
    """Apply ``theme`` ("system", "light" or "dark") to the application; return its colours."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dark = system_is_dark() if theme == "system" else theme == "dark"
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(_palette(dark))
    return colours(dark)
