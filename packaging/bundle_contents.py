"""What goes into the frozen bundle: one place for the spec, the build scripts and the tests.

Pure Python (no PyInstaller import), so ``tests/test_packaging.py`` can check the same rules
the spec applies:

* every file under ``resources/`` is shipped (new sub-folders too), minus editor junk;
* compiled ``.mo`` catalogs are shipped as ``goldseam/locale/<lang>/LC_MESSAGES/goldseam.mo``;
  ``.po``/``.pot`` sources never are;
* Babel's CLDR ``locale-data`` is cut down to the UI languages and the locales they inherit from;
* Qt keeps only the plugins and ``.qm`` catalogs a Widgets app in those languages needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]

# Languages the bundle carries locale data for. Every language with a catalog under
# translations/ is added automatically; this list covers the planned ones so a new catalog
# for one of them needs no spec change. "en" is the source language (no catalog).
PLANNED_LANGUAGES = ("en", "fr", "de", "es", "pt", "pt_BR")

# Files under resources/ that are never shipped.
_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_JUNK_SUFFIXES = {".po", ".pot", ".pyc", ".pyo", ".orig", ".rej", ".swp", ".tmp"}

# Qt modules the app imports (QtSvg for the svg icon engine). All other PySide6 modules are
# excluded, so an accidental import fails in the frozen self-test instead of growing the bundle.
USED_QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtDBus", "QtSvg")

# Qt plugin folders dropped whole: device/embedded back ends, networking (the app has none),
# QML tooling, SQL drivers (the vault is sqlcipher3, not QtSql) and compositor-side Wayland.
DROP_PLUGIN_KINDS = frozenset(
    {
        "designer",
        "egldeviceintegrations",
        "generic",
        "networkinformation",
        "qmltooling",
        "sqldrivers",
        "tls",
        "vectorimageformats",
        "wayland-graphics-integration-server",
        "position",
        "multimedia",
    }
)
# Within these folders only the named plugins stay (names without "lib" prefix and suffix).
KEEP_PLUGINS = {
    # xcb/wayland: Linux desktops; offscreen: headless self-test; windows/cocoa: the other OSes.
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    # The portal theme gives native file dialogs in sandboxes; the GTK theme would pull the
    # build host's GTK, cairo and pango into the bundle.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}),
    "imageformats": frozenset({"qsvg", "qico", "qjpeg", "qgif"}),
}


# Linux: libraries left to the user's system even though a kept plugin links to them, with
# everything only they pull in. libcups (for the cups print plugin) must match the host's
# print setup and would otherwise drag the build host's GnuTLS, Kerberos and Avahi along,
# frozen at whatever security patches the build host had. Without a system libcups, the
# plugin does not load and printing falls back to PDF output.
LINUX_HOST_LIBS = frozenset({"libcups.so.2"})


def read_version(root: Path = ROOT) -> str:
    text = (root / "src" / "goldseam" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise RuntimeError("__version__ not found in src/goldseam/__init__.py")
    return match.group(1)


def read_app_id(root: Path = ROOT) -> str:
    text = (root / "src" / "goldseam" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^APP_ID\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise RuntimeError("APP_ID not found in src/goldseam/__init__.py")
    return match.group(1)


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Turn "1.2.3rc1" into (1, 2, 3, 0): the four numbers Windows version resources want."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


# --- resources ---------------------------------------------------------------------------


def is_shipped_resource(path: Path) -> bool:
    return not (
        path.name in _JUNK_NAMES
        or path.suffix in _JUNK_SUFFIXES
        or path.name.endswith("~")
        or "__pycache__" in path.parts
        or any(part.startswith(".") for part in path.parts)
    )


def resource_files(root: Path = ROOT) -> list[Path]:
    """Every shipped file under resources/, relative to resources/."""
    base = root / "resources"
    return sorted(
        p.relative_to(base) for p in base.rglob("*") if p.is_file() and is_shipped_resource(p.relative_to(base))
    )


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """PyInstaller ``datas`` pairs (source file, destination folder) for resources/."""
    base = root / "resources"
    return [(str(base / rel), str(PurePosixPath("resources", *rel.parent.parts))) for rel in resource_files(root)]


# --- languages ---------------------------------------------------------------------------


def catalog_languages(root: Path = ROOT) -> list[str]:
    """Languages with a catalog: translations/<code>/LC_MESSAGES/goldseam.po."""
    folder = root / "translations"
    return sorted(p.parent.parent.name for p in folder.glob("*/LC_MESSAGES/goldseam.po"))


def ui_languages(root: Path = ROOT) -> list[str]:
    return sorted({*PLANNED_LANGUAGES, *catalog_languages(root)})


def locale_datas(compiled: Path) -> list[tuple[str, str]]:
    """``datas`` for the compiled catalogs in ``compiled/<code>/LC_MESSAGES/goldseam.mo``."""
    return [
        (str(mo), f"goldseam/locale/{mo.parent.parent.name}/LC_MESSAGES")
        for mo in sorted(compiled.glob("*/LC_MESSAGES/goldseam.mo"))
    ]


def babel_keep(languages: Iterable[str], available: Iterable[str]) -> set[str]:
    """Names of the ``locale-data/*.dat`` files to keep: each language, the locales it
    inherits from (Babel merges parents at load time, e.g. pt_BR <- pt <- root) and root.

    ``available`` is the list of existing data file stems; the parent rules are Babel's own
    (``babel.localedata.load``): a ``parent_exceptions`` entry, else drop the last subtag.
    """
    from babel.core import get_global

    exceptions = get_global("parent_exceptions")
    existing = set(available)
    keep = {"root"}
    for code in languages:
        name = code
        while name and name != "root":
            if name in existing:
                keep.add(name)
            parent = exceptions.get(name)
            if not parent:
                parts = name.split("_")
                parent = "root" if len(parts) == 1 else "_".join(parts[:-1])
            name = parent
    return keep


def babel_data_dir() -> Path:
    import babel

    return Path(babel.__file__).resolve().parent / "locale-data"


# --- Qt ----------------------------------------------------------------------------------


def plugin_stem(filename: str) -> str:
    """libqxcb.so / qwindows.dll / libqcocoa.dylib -> qxcb / qwindows / qcocoa."""
    name = filename.split(".")[0]
    return name[3:] if name.startswith("lib") else name


def keep_qt_plugin(dest: str) -> bool:
    """``dest`` is a bundle path such as PySide6/Qt/plugins/platforms/libqxcb.so."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    index = next((i + 1 for i in range(len(parts) - 1) if parts[i : i + 2] == ("Qt", "plugins")), None)
    if index is None or len(parts) < index + 3:
        return True  # not a Qt plugin
    kind, filename = parts[index + 1], parts[-1]
    if kind in DROP_PLUGIN_KINDS:
        return False
    allowed = KEEP_PLUGINS.get(kind)
    return allowed is None or plugin_stem(filename) in allowed


def keep_qt_translation(dest: str, languages: Iterable[str]) -> bool:
    """Keep ``qtbase_<lang>*.qm`` and ``qt_<lang>*.qm`` for the UI languages; drop every
    other Qt catalog (designer, assistant, help, qml, … and unused languages)."""
    name = PurePosixPath(dest.replace("\\", "/")).name
    if not name.endswith(".qm"):
        return True
    bases = {code.split("_")[0] for code in languages}
    match = re.fullmatch(r"(qtbase|qt)_([a-z]{2,3})(_[A-Za-z_]+)?\.qm", name)
    return bool(match) and match.group(2) in bases
