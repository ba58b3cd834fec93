"""The window's menu bar and toolbar: each controller's menu, Help, and the buttons.

Each menu's actions are made and handled by its controller (files, editing, view, layouts,
analysis, merging, keyboard); this module only puts them in their menus, in order, with the
few actions that belong to the window itself (Preferences, the user guide, About).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from sysmap.gui import dialogs
from sysmap.gui.actions import make_action
from sysmap.gui.analysis_controller import AnalysisController
from sysmap.gui.preferences import show_preferences
from sysmap.gui.user_guide import show_user_guide
from sysmap.gui.window_base import WindowBase
from sysmap.gui.window_edit import EditController
from sysmap.gui.window_files import FileController
from sysmap.gui.window_keys import KeyboardController
from sysmap.gui.window_layout import LayoutController
from sysmap.gui.window_merge import MergeController
from sysmap.gui.window_view import ViewController


class MenuParts(Protocol):
    """The controllers whose actions fill the menus (the main window holds them)."""

    files: FileController
    edit: EditController
    viewing: ViewController
    layouts: LayoutController
    analysis: AnalysisController
    merging: MergeController
    keyboard: KeyboardController


def build_menus_and_toolbar(window: WindowBase, parts: MenuParts) -> QToolBar:
    """Fill ``window``'s menu bar from its controllers and add its toolbar; return the toolbar.

    Parameters
    ----------
    window : WindowBase
        The window: the menus' parent, where the window's own actions are registered.
    parts : MenuParts
        Its controllers (the main window passes itself).

    Returns
    -------
    QToolBar
        The main toolbar, hidden by the window on the start page.
    """
    bar = window.menuBar()
    for title, controller in (
        ("&File", parts.files),
        ("&Edit", parts.edit),
        ("&View", parts.viewing),
        ("&Layout", parts.layouts),
        ("A&nalyse", parts.analysis),
    ):
        menu = bar.addMenu(title)
        controller.fill_menu(menu)
        if controller is parts.files:
            parts.analysis.add_to_file_menu(menu)
            parts.merging.add_to_file_menu(menu)
        if controller is parts.viewing:
            parts.merging.add_to_view_menu(menu)
        if controller is parts.edit:
            menu.addAction(parts.keyboard.open_stakeholder)
            menu.addSeparator()
            menu.addAction(_preferences_action(window))
        if controller is parts.viewing:
            menu.addSeparator()
            menu.addActions([parts.keyboard.next_panel, parts.keyboard.previous_panel])
        if controller is parts.analysis:
            menu.addSeparator()
            names = ("analyse.findings", "analyse.zoom", "analyse.accept", "analyse.dismiss")
            menu.addActions([window.action(n) for n in names])
    window.register(
        "help.guide",
        make_action(
            window,
            "User &guide",
            lambda: show_user_guide(window, window.actions()),
            icon_name="help",
            keys=QKeySequence.StandardKey.HelpContents,
            tip="The user guide, offline: drawing, the keyboard, the analysis and its words",
        ),
    )
    window.register(
        "help.shortcuts",
        make_action(
            window,
            "&Keyboard shortcuts",
            lambda: show_user_guide(window, window.actions(), shortcuts=True),
            keys="Ctrl+/",
            tip="List every command and its keys, with a search box",
        ),
    )
    window.register(
        "help.about",
        make_action(
            window,
            "&About sysmap",
            lambda: dialogs.show_about(window),
            icon_name="about",
            tip="What sysmap is, its version and licence",
        ),
    )
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(window.action("help.guide"))
    help_menu.addAction(window.action("help.shortcuts"))
    help_menu.addAction(window.action("help.about"))

    toolbar = window.addToolBar("Main toolbar")
    toolbar.setObjectName("MainToolbar")
    toolbar.setMovable(False)
    for name in (
        "file.new",
        "file.open",
        "file.save",
        None,
        "edit.undo",
        "edit.redo",
        None,
        "edit.mode_select",
        "edit.mode_add",
        "edit.mode_connect",
        "edit.delete",
        None,
        "view.zoom_in",
        "view.zoom_out",
        "view.fit",
    ):
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(window.action(name))
    toolbar.addSeparator()
    parts.layouts.add_toolbar_button(toolbar)
    parts.viewing.add_toolbar_button(toolbar)
    parts.analysis.add_toolbar_button(toolbar)
    toolbar.addSeparator()
    toolbar.addAction(window.action("edit.find"))
    return toolbar


def _preferences_action(window: WindowBase) -> QAction:
    action = make_action(
        window,
        "Preference&s…",
        lambda: show_preferences(window),
        keys=QKeySequence.StandardKey.Preferences,
        tip="How often to keep a recovery copy, and where sysmap keeps its files",
    )
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    return window.register("edit.preferences", action)
