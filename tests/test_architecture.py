"""The core never imports Qt; only goldseam.ui may. Files stay a readable size."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

from conftest import PYTHON, SRC, python_subprocess_env

PACKAGE = SRC / "goldseam"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")
MAX_LINES = 700  # soft budget is ~600; this catches files that clearly outgrew it


def core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts]


def test_entry_points_import_the_ui_only_inside_functions() -> None:
    for entry_point in ENTRY_POINTS:
        tree = ast.parse(entry_point.read_text(encoding="utf-8"))
        top_level = {node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module} | {
            alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names
        }
        assert not any(name.startswith("goldseam.ui") for name in top_level), entry_point.name


def imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


# Command-line entry points start the GUI (or Qt's PDF engine) by importing goldseam.ui inside functions.
ENTRY_POINTS = (PACKAGE / "cli.py", PACKAGE / "cli_commands.py")


def test_core_source_never_imports_qt_or_ui() -> None:
    """Static check: no module outside goldseam/ui mentions Qt, or goldseam.ui (bar the entry point)."""
    offenders = {}
    for path in core_modules():
        names = imported_names(path)
        bad = {n for n in names if n.split(".")[0] in QT_MODULES}
        if path not in ENTRY_POINTS:
            bad |= {n for n in names if n.startswith("goldseam.ui")}
        if bad:
            offenders[str(path.relative_to(SRC))] = sorted(bad)
    assert offenders == {}


def test_importing_every_core_module_loads_no_qt() -> None:
    """Dynamic check in a fresh interpreter: importing the whole core pulls in no Qt module."""
    modules = sorted(
        ".".join(p.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__") for p in core_modules()
    )
    modules = [m for m in modules if not m.endswith("__main__")]
    script = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"qt = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        + "print(qt)\nsys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run([PYTHON, "-c", script], env=python_subprocess_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_ui_package_imports_pyside() -> None:
    """Every PySide6 import lives under goldseam/ui."""
    users = [p for p in PACKAGE.rglob("*.py") if any(n.startswith("PySide6") for n in imported_names(p))]
    assert users, "the UI should use PySide6"
    assert all("ui" in p.relative_to(PACKAGE).parts for p in users)


def test_source_files_stay_readable() -> None:
    """No source file grows far past the ~600-line budget."""
    too_long = {
        str(p.relative_to(SRC)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_no_junk_drawer_modules() -> None:
    """Names say what a module is: no utils/helpers/misc modules."""
    vague = {"utils", "util", "helpers", "misc", "common", "stuff"}
    assert [p for p in PACKAGE.rglob("*.py") if p.stem in vague] == []
