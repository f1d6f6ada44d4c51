"""No user-visible text slips past the translators.

An AST scan of the UI package finds string literals passed straight to Qt's text setters
(setText, setWindowTitle, setToolTip, setPlaceholderText, addItem, QMessageBox.*, …) instead of
through ``_()``/``ngettext``; the GUI test in tests/gui/test_pseudo_locale_gui.py then checks
what actually shows on every page in the pseudo-locale."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import SRC

UI = SRC / "goldseam" / "ui"
TEXT_SETTERS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setStatusTip",
    "setWhatsThis",
    "addItem",
    "addTab",
    "setTabText",
    "setItemText",
    "showMessage",
    "setSuffix",
    "setPrefix",
    "setLabelText",
    "addButton",
}
MESSAGE_BOXES = {"information", "question", "warning", "critical", "about"}
MARKERS = {"_", "ngettext", "pgettext", "npgettext", "N_"}
# Literals that are not language: symbols and the product name.
ALLOWED = {"Goldseam", "•", "·", "…", "—", "–", "⟦", "⟧", "%", "+", "-", "/", ":"}


def _is_language(value: str) -> bool:
    stripped = re.sub(r"<[^>]*>", "", value).strip()  # markup alone isn't language
    letters = [ch for ch in stripped if ch.isalpha()]
    return bool(letters) and stripped not in ALLOWED and set(letters) != {"X"}  # XXXX-XXXX: a format mask


def _literal_texts(node: ast.AST) -> list[str]:
    """Plain string literals (and f-string constant parts) in an argument, not inside a marker call."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
        return []
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal_texts(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    if isinstance(node, ast.BinOp):
        return _literal_texts(node.left) + _literal_texts(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_texts(node.body) + _literal_texts(node.orelse)
    return []


def unmarked_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        is_message_box = (
            name in MESSAGE_BOXES and isinstance(node.func.value, ast.Name) and node.func.value.id == "QMessageBox"
        )
        if name not in TEXT_SETTERS and not is_message_box:
            continue
        for argument in node.args:
            for text in _literal_texts(argument):
                if _is_language(text):
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}({text!r})")
    return found


def test_the_scanner_catches_an_unmarked_string(tmp_path: Path) -> None:
    sample = SRC / "goldseam" / "ui" / "_scanner_sample_for_test.py"
    sample.write_text(
        "def f(w, _):\n"
        "    w.setText('Save now')\n"
        "    w.setText(_('Save now'))\n"
        "    w.setToolTip(f'Hello {w}')\n"
        "    w.setText('•')\n"
        "    QMessageBox.question(w, 'Delete?', _('Really'))\n",
        encoding="utf-8",
    )
    try:
        found = unmarked_strings(sample)
    finally:
        sample.unlink()
    assert [f.split(": ", 1)[1] for f in found] == [
        "setText('Save now')",
        "setToolTip('Hello ')",
        "question('Delete?')",
    ]


def test_every_ui_string_goes_through_the_catalog() -> None:
    found = [line for path in sorted(UI.rglob("*.py")) for line in unmarked_strings(path)]
    assert found == []
