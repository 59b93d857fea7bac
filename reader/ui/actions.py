"""Every command of the window, declared once: its name, words, shortcuts and menu.

The menus are built from this table and the parts of the window connect to actions by name, so
a command is reachable by menu and keyboard as soon as it is listed here, its shortcut shown in
the menu (as Picard's ``ui/mainwindow/actions.py`` does it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

Key = str | QKeySequence.StandardKey
K = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    menu: str  # "file", "view/theme" (a submenu) …
    keys: tuple[Key, ...] = ()
    checkable: bool = False
    tip: str = ""
    group: str | None = None  # an exclusive choice (the themes)


def _sep(menu: str) -> Spec:
    return Spec("-", "", menu)


MENUS = {
    "file": "&File",
    "file/recent": "Open &Recent Library",
    "edit": "&Edit",
    "annotate": "&Annotate",
    "view": "&View",
    "view/theme": "&Theme",
    "library": "&Library",
    "help": "&Help",
}

SPECS: tuple[Spec, ...] = (
    Spec("add_files", "&Add Files…", "file", (K.Open,)),
    Spec("add_folder", "Add &Folder…", "file", ("Ctrl+Shift+O",)),
    _sep("file"),
    Spec("open_library", "Open &Library…", "file", ("Ctrl+Shift+L",)),
    Spec("-", "", "file/recent"),  # filled from the list of recent libraries when it opens
    _sep("file"),
    Spec("export", "&Export Annotations…", "file", ("Ctrl+E",)),
    Spec("print_article", "&Print Article…", "file", (K.Print,)),
    Spec("article_pdf", "Save Article as P&DF…", "file", ("Ctrl+Shift+P",)),
    Spec("report_pdf", "Save Annotation &Report as PDF…", "file"),
    _sep("file"),
    Spec("quit", "&Quit", "file", (K.Quit,)),
    Spec("find", "&Search", "edit", (K.Find,)),
    Spec("next_hit", "&Next Hit", "edit", (K.FindNext,)),
    Spec("previous_hit", "&Previous Hit", "edit", (K.FindPrevious,)),
    _sep("edit"),
    Spec("undo", "&Undo", "edit", (K.Undo,)),
    Spec("redo", "&Redo", "edit", (K.Redo, "Ctrl+Shift+Z")),
    Spec("highlight", "&Highlight Selection", "annotate", ("Ctrl+Shift+H",)),
    Spec("note", "Add &Note…", "annotate", ("Ctrl+Alt+N",)),
    Spec("claim", "Track as &Claim…", "annotate", ("Ctrl+Alt+C",)),
    Spec("original", "Show &Original Text", "view", ("Ctrl+U",), checkable=True),
    Spec(
        "timeline",
        "Show &Timeline",
        "view",
        ("Ctrl+T",),
        checkable=True,
        tip="The results per year or month under the list; click a bar to narrow the search",
    ),
    _sep("view"),
    Spec("next_article", "Next Article", "view", ("Alt+Down",)),
    Spec("previous_article", "Previous Article", "view", ("Alt+Up",)),
    _sep("view"),
    Spec("larger_text", "&Larger Text", "view", (K.ZoomIn, "Ctrl+=")),
    Spec("smaller_text", "&Smaller Text", "view", (K.ZoomOut,)),
    Spec("reset_text", "&Reset Text Size", "view", ("Ctrl+0",)),
    _sep("view"),
    Spec("theme_system", "Follow &System", "view/theme", checkable=True, group="theme"),
    Spec("theme_light", "&Light", "view/theme", checkable=True, group="theme"),
    Spec("theme_dark", "&Dark", "view/theme", checkable=True, group="theme"),
    Spec(
        "review_cleaning",
        "Review &Cleaning of This Article…",
        "library",
        ("Ctrl+Shift+K",),
        tip="See what was removed as page furniture, and decide yourself",
    ),
    _sep("library"),
    Spec(
        "remove_article",
        "Re&move Article from Library…",
        "library",
        ("Ctrl+Del",),
        tip="The open article leaves the library (the file stays; your annotations are kept)",
    ),
    Spec("remove_folder", "Remove Fol&der from Library…", "library"),
    Spec(
        "find_duplicates",
        "Find &Duplicates…",
        "library",
        ("Ctrl+Shift+D",),
        tip="Articles with the same or nearly the same text: merge or hide them",
    ),
    Spec("hidden_articles", "&Hidden Articles…", "library"),
    _sep("library"),
    Spec(
        "save_search",
        "&Save Search…",
        "library",
        (K.Save,),
        tip="Name the search on screen: it is listed above the results with its count",
    ),
    Spec("add_to_collection", "Add Article to &Collection…", "library", ("Ctrl+Shift+C",)),
    Spec("add_results_to_collection", "Add Results to Co&llection…", "library"),
    Spec("remove_from_collection", "Remove Article from Collection…", "library"),
    _sep("library"),
    Spec("rebuild_index", "&Rebuild Search Index", "library"),
    Spec("import_problems", "Show Import &Problems…", "library"),
    Spec("open_folder", "Open Library &Folder", "library"),
    _sep("library"),
    Spec("all_annotations", "All &Annotations…", "library", ("Ctrl+Shift+A",)),
    Spec(
        "speaker_view",
        "&Quotations by Speaker…",
        "library",
        ("Ctrl+Shift+Y",),
        tip="Every quotation of one person across the library, by statement and date",
    ),
    Spec("syntax", "&Search Syntax", "help", (K.HelpContents,)),
    Spec("about", "&About Corpus Reader", "help"),
)


class Actions:
    """The window's actions, made from :data:`SPECS`; ``actions["note"]`` is one."""

    def __init__(self, window: QWidget, specs: tuple[Spec, ...] = SPECS) -> None:
        self.specs = specs
        self._actions: dict[str, QAction] = {}
        groups: dict[str, QActionGroup] = {}
        for spec in specs:
            if spec.name == "-":
                continue
            act = QAction(spec.text, window)
            if spec.keys:
                act.setShortcuts([QKeySequence(k) for k in spec.keys])
            act.setCheckable(spec.checkable)
            if spec.tip:
                act.setToolTip(spec.tip)
            if spec.group is not None:
                groups.setdefault(spec.group, QActionGroup(window)).addAction(act)
            window.addAction(act)  # shortcuts work wherever the focus is
            self._actions[spec.name] = act

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __contains__(self, name: str) -> bool:
        return name in self._actions

    def on(self, name: str, slot: Callable[..., Any]) -> None:
        """Run ``slot`` when the action is triggered (its checked state is not passed on)."""
        self._actions[name].triggered.connect(lambda _checked=False: slot())

    def build_menus(self, bar: QMenuBar) -> dict[str, QMenu]:
        """The menu bar's menus, made from the table; they are returned by key (a part of the
        window fills a dynamic one, such as the recent libraries)."""
        menus: dict[str, QMenu] = {}
        for key, title in MENUS.items():
            parent, _, _sub = key.partition("/")
            menus[key] = menus[parent].addMenu(title) if "/" in key else bar.addMenu(title)
            if "/" in key:  # a submenu stands where its first entry is listed
                menus[parent].removeAction(menus[key].menuAction())
        placed: set[str] = set()
        for spec in self.specs:
            parent = spec.menu.partition("/")[0]
            if "/" in spec.menu and spec.menu not in placed:
                menus[parent].addMenu(menus[spec.menu])
                placed.add(spec.menu)
            if spec.name == "-":
                if menus[spec.menu].actions() or "/" not in spec.menu:
                    menus[spec.menu].addSeparator()
            else:
                menus[spec.menu].addAction(self._actions[spec.name])
        return menus
