"""One channel for everything the window tells the user: a status line, a warning, an error.

Parts of the window (and their jobs' callbacks) post here; the main window shows them — in the
status bar, or in a dialog for what needs an answer or must not be missed. Errors a bug causes
keep their traceback for the log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("reader.ui")


class Messages(QObject):
    #: a passing note for the status bar
    status = Signal(str)
    #: something the user must read (a dialog): title, text
    warning = Signal(str, str)
    #: a failure: what to tell the user, and the traceback for the log
    error = Signal(str, str)

    def info(self, text: str) -> None:
        self.status.emit(text)

    def warn(self, text: str, title: str = "Corpus Reader") -> None:
        self.warning.emit(title, text)

    def fail(self, text: str, trace: str = "") -> None:
        if trace:
            log.error("%s\n%s", text, trace)
        self.error.emit(text, trace)
