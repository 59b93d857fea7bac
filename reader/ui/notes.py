"""The user's annotations in the window: the Notes tab, the editing dialog, and undoable
commands for create, edit and delete (each one store transaction, each one undo step)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.annotations import STATUSES, Annotation, AnnotationStore, Source, verdict_scale
from reader.ui.cards import Card, CardList
from reader.ui.layer_words import NOTE_COLOURS
from reader.ui.legend import swatch

IdRole = Qt.ItemDataRole.UserRole + 1


# -- undoable commands ------------------------------------------------------------------------------
class _StoreCommand(QUndoCommand):
    def __init__(self, text: str, store: AnnotationStore, changed: Callable[[], None]) -> None:
        super().__init__(text)
        self.store = store
        self.changed = changed


class CreateCommand(_StoreCommand):
    def __init__(
        self, store: AnnotationStore, changed: Callable[[], None], ann: Annotation
    ) -> None:
        super().__init__("Add annotation", store, changed)
        self.ann = ann

    def redo(self) -> None:
        self.store.put(self.ann)
        self.changed()

    def undo(self) -> None:
        self.store.delete(self.ann.id)
        self.changed()


class EditCommand(_StoreCommand):
    def __init__(
        self, store: AnnotationStore, changed: Callable[[], None], old: Annotation, new: Annotation
    ) -> None:
        super().__init__("Edit annotation", store, changed)
        self.old, self.new = old, new

    def redo(self) -> None:
        self.store.put(self.new)
        self.changed()

    def undo(self) -> None:
        self.store.put(self.old)
        self.changed()


class DeleteCommand(_StoreCommand):
    def __init__(
        self, store: AnnotationStore, changed: Callable[[], None], ann: Annotation
    ) -> None:
        super().__init__("Delete annotation", store, changed)
        self.ann = ann

    def redo(self) -> None:
        self.store.delete(self.ann.id)
        self.changed()

    def undo(self) -> None:
        self.store.put(self.ann)
        self.changed()


# -- the editing dialog -----------------------------------------------------------------------------
class AnnotationDialog(QDialog):
    """Note (Markdown), tags, colour, and for a claim its verdict, status, claimant and sources."""

    def __init__(self, ann: Annotation, quote: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Annotation")
        self.ann = ann
        words = " ".join(quote.split())
        shown = QLabel(f"“{words[:300]}{'…' if len(words) > 300 else ''}”", wordWrap=True)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QPlainTextEdit(ann.note)
        self.note.setPlaceholderText("Your note (Markdown)")
        self.tags = QLineEdit(", ".join(ann.tags))
        self.tags.setPlaceholderText("comma-separated, e.g. sanctions, un")
        self.colour = QComboBox()
        for name, hexa in NOTE_COLOURS.items():
            self.colour.addItem(swatch(QColor(hexa)), name.capitalize(), name)
        self.colour.setCurrentIndex(max(0, self.colour.findData(ann.colour or "yellow")))
        self.claim = QCheckBox("Track as a claim")
        self.claim.setChecked(ann.claim)
        self.verdict = QComboBox()
        self.verdict.addItem("(no verdict yet)", None)
        for v in verdict_scale().verdicts:
            self.verdict.addItem(v.label, v.label)
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(ann.verdict)))
        self.status = QComboBox()
        self.status.addItem("(no status)", None)
        for s in STATUSES:
            self.status.addItem(s, s)
        self.status.setCurrentIndex(max(0, self.status.findData(ann.status)))
        self.claimant = QLineEdit(ann.claimant or "")
        self.sources = QPlainTextEdit("\n".join(f"{s.url} {s.title}".strip() for s in ann.sources))
        self.sources.setPlaceholderText("one per line: URL, then a title")
        self.sources.setMaximumHeight(70)
        self.reviewer = QLineEdit(ann.reviewer or "")
        self.form = form = QFormLayout()
        form.addRow("Note", self.note)
        form.addRow("Tags", self.tags)
        form.addRow("Colour", self.colour)
        form.addRow("", self.claim)
        #: a claim's own fields, shown only for a claim (a plain note has no verdict)
        self.claim_fields = (self.verdict, self.status, self.claimant, self.sources, self.reviewer)
        for label, field in zip(
            ("Verdict", "Status", "Claimant", "Sources", "Reviewer"), self.claim_fields, strict=True
        ):
            form.addRow(label, field)
        self.claim.toggled.connect(self._show_claim_fields)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save (Ctrl+Enter)")
        # Ctrl+Enter saves from anywhere in the dialog, the note's editor included (which would
        # otherwise take the key for a new line)
        for field in (self, self.note, self.sources):
            field.installEventFilter(self)
        lay = QVBoxLayout(self)
        lay.addWidget(shown)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self._show_claim_fields(ann.claim)
        self.note.setFocus()
        self.resize(480, 520 if ann.claim else 300)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _show_claim_fields(self, on: bool) -> None:
        for field in self.claim_fields:
            self.form.setRowVisible(field, on)

    def bodies(self) -> dict[str, object]:
        """What the user entered, as store bodies."""
        sources = []
        for line in self.sources.toPlainText().splitlines():
            if line.strip():
                url, _, title = line.strip().partition(" ")
                sources.append(Source(url, title.strip()))
        verdict = self.verdict.currentData()
        return {
            "note": self.note.toPlainText().strip(),
            "tags": [t.strip() for t in self.tags.text().split(",")],
            "colour": self.colour.currentData(),
            "claim": self.claim.isChecked() or verdict is not None,
            "verdict": verdict,
            "status": self.status.currentData(),
            "claimant": self.claimant.text().strip() or None,
            "sources": sources,
            "reviewer": self.reviewer.text().strip() or None,
        }


# -- the Notes tab ----------------------------------------------------------------------------------
class NotesPane(QWidget):
    """This article's annotations in text order, as cards; orphaned and fuzzily placed ones
    flagged. Click to go to one, double-click (or Enter) to edit it, Delete to remove it."""

    noteActivated = Signal(str)  # annotation id: open it for editing
    noteSelected = Signal(int, int)  # where it is: scroll there
    deleteRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.cards = CardList()
        self.cards.setAccessibleName("Your annotations on this article")
        self.cards.cardActivated.connect(self._clicked)
        self.cards.doubleClicked.connect(
            lambda index: self.noteActivated.emit(self.cards.card(index.row()).key)
        )
        edit = QShortcut(QKeySequence(Qt.Key.Key_Return), self.cards)
        edit.activated.connect(self._edit_current)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.cards)
        delete.activated.connect(self._delete_current)
        self.hint = QLabel(
            "Select words in the article and right-click to highlight, note, tag or track a "
            "claim. Double-click a note here to edit it.",
            wordWrap=True,
        )
        self.hint.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.cards, 1)
        lay.addWidget(self.hint)
        self.notes: list[Annotation] = []

    def show_notes(self, text: str, notes: list[Annotation]) -> None:
        self.notes = list(notes)
        self.cards.set_cards([_card(n) for n in notes])
        self.hint.setVisible(not notes)

    def _note(self, annotation_id: str) -> Annotation | None:
        return next((n for n in self.notes if n.id == annotation_id), None)

    def _clicked(self, annotation_id: str) -> None:
        note = self._note(annotation_id)
        if note is not None and not note.orphaned:
            self.noteSelected.emit(note.start, note.end)

    def _edit_current(self) -> None:
        card = self.cards.current()
        if card is not None:
            self.noteActivated.emit(card.key)

    def _delete_current(self) -> None:
        card = self.cards.current()
        if card is not None:
            self.deleteRequested.emit(card.key)


def _card(n: Annotation) -> Card:
    kind = "Claim" if n.claim else "Note" if n.note else "Highlight"
    heading = kind + (f" — {n.verdict}" if n.verdict else "")
    if n.status and n.claim:
        heading += f" ({n.status})"
    facts = []
    if n.anchor_state == "orphaned":
        facts.append("⚠ its words are no longer in the article")
    elif n.anchor_state == "fuzzy":
        facts.append(f"≈ placed approximately ({n.anchor_score:.2f}): check it")
    if n.claimant:
        facts.append(f"claimant: {n.claimant}")
    if n.tags:
        facts.append(" ".join(f"#{t}" for t in n.tags))
    note = " ".join(n.note.split())
    body = f"“{' '.join(n.quote.exact.split())}”" + (f"\n{note}" if note else "")
    return Card(
        key=n.id,
        heading=heading,
        body=body,
        meta=" · ".join(facts),
        colour=NOTE_COLOURS.get(n.colour or "yellow", "#fff176"),
        tooltip=f"{n.quote.exact}\n\n{n.note}".strip(),
    )
