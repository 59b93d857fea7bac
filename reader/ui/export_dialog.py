"""File → Export Annotations…: what to export (this article, everything, or a tag or verdict),
in which format, and where. Each format asks only for what it uses: a report (Markdown, HTML)
its title and author (the reviewer's name, remembered), ClaimReview the organisation and the
address its reviews are published at (asked once and kept)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.annotations import Filters, verdict_scale
from reader.wording import count

FORMATS = {
    "md": ("Markdown report", "Markdown (*.md)"),
    "html": ("HTML report", "HTML (*.html)"),
    "csv": ("CSV table", "CSV (*.csv)"),
    "w3c": ("W3C Web Annotation (JSON-LD)", "JSON-LD (*.jsonld *.json)"),
    "claimreview": ("schema.org ClaimReview (JSON-LD)", "JSON-LD (*.jsonld *.json)"),
}


class ExportDialog(QDialog):
    def __init__(
        self,
        settings: QSettings,
        article_uri: str | None,
        parent: QWidget | None = None,
        ids: tuple[str, ...] = (),
    ):
        super().__init__(parent)
        self.setWindowTitle("Export Annotations")
        self.settings = settings
        self.article_uri = article_uri
        self.format = QComboBox()
        for key, (label, _) in FORMATS.items():
            self.format.addItem(label, key)
        self.format.setCurrentIndex(
            max(0, self.format.findData(settings.value("export/format", "md")))
        )
        self.ids = ids
        self.scope = QComboBox()
        if ids:
            self.scope.addItem(f"The {count(len(ids), 'annotation')} listed", "ids")
        if article_uri is not None:
            self.scope.addItem("This article's annotations", "article")
        self.scope.addItem("All annotations", "all")
        self.tag = QLineEdit()
        self.tag.setPlaceholderText("only with this tag (optional)")
        self.verdict = QComboBox()
        self.verdict.addItem("any verdict", None)
        for v in verdict_scale().verdicts:
            self.verdict.addItem(v.label, v.label)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Annotations")
        self.author = QLineEdit(str(settings.value("export/author", "")))
        self.author.setPlaceholderText("your name, as the report's reviewer")
        self.org = QLineEdit(str(settings.value("export/org", "")))
        self.org.setPlaceholderText("your organisation, named as the reviews' author")
        self.base_url = QLineEdit(str(settings.value("export/base_url", "")))
        self.base_url.setPlaceholderText("https://… where your reviews are published")
        self.form = form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("Annotations", self.scope)
        form.addRow("Tag", self.tag)
        form.addRow("Verdict", self.verdict)
        form.addRow("Report title", self.title)
        form.addRow("Author", self.author)
        form.addRow("Organisation", self.org)
        form.addRow("Base address", self.base_url)
        #: the fields each format asks for (the others are hidden)
        self.fields_of = {
            "md": (self.title, self.author),
            "html": (self.title, self.author),
            "claimreview": (self.org, self.base_url),
        }
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        wanted = self.fields_of.get(str(self.format.currentData()), ())
        for field in (self.title, self.author, self.org, self.base_url):
            self.form.setRowVisible(field, field in wanted)
        self.adjustSize()

    def chosen(self) -> tuple[str, Filters, dict[str, str]]:
        fmt = str(self.format.currentData())
        self.settings.setValue("export/format", fmt)
        # only what this format asked for; the author, organisation and address are kept
        # for the next export (a title belongs to one report)
        wanted = self.fields_of.get(fmt, ())
        options = {}
        for key, edit in (
            ("title", self.title),
            ("author", self.author),
            ("org", self.org),
            ("base_url", self.base_url),
        ):
            options[key] = " ".join(edit.text().split()) if edit in wanted else ""
            if edit in wanted and key != "title":
                self.settings.setValue(f"export/{key}", options[key])
        filters = Filters(
            article_uri=self.article_uri if self.scope.currentData() == "article" else None,
            tag=self.tag.text().strip() or None,
            verdict=self.verdict.currentData(),
            ids=self.ids if self.scope.currentData() == "ids" else (),
        )
        return fmt, filters, options
