"""File pickers for vault, backup and export files.

Always Qt's own dialog (``DontUseNativeDialog``): native dialogs add the chosen files to
the OS "recent documents" lists (Windows jump lists, GTK ``recently-used.xbel``), which would
reveal that a Goldseam vault or export exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

PRIVATE_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def make_dialog(parent: QWidget | None, title: str, directory: Path | None = None) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(directory) if directory else "")
    dialog.setOptions(PRIVATE_OPTIONS)
    return dialog


def choose_save_file(parent: QWidget | None, title: str, suggested: Path, name_filter: str) -> Path | None:
    dialog = make_dialog(parent, title, suggested.parent)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(name_filter)
    dialog.selectFile(suggested.name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def choose_open_file(parent: QWidget | None, title: str, directory: Path | None, name_filter: str) -> Path | None:
    dialog = make_dialog(parent, title, directory)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(name_filter)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def choose_open_files(
    parent: QWidget | None, title: str, directory: Path | None, name_filters: list[str]
) -> list[Path]:
    dialog = make_dialog(parent, title, directory)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setNameFilters(name_filters)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return []
    return [Path(p) for p in dialog.selectedFiles()]


def choose_folder(parent: QWidget | None, title: str, directory: Path | None) -> Path | None:
    dialog = make_dialog(parent, title, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
