"""Packaging checks.

Always on (cheap): the PyInstaller spec parses and ships every resources/ folder, and the
trimming rules it uses (packaging/bundle_contents.py) keep what the app needs: Babel data
for every UI language, the Qt plugins for each OS.

With ``GOLDSEAM_TEST_BUNDLE`` pointing at a built bundle (``dist/goldseam``, or
``dist/Goldseam.app`` on macOS), the ``packaging`` tests also run the frozen app and inspect
the bundle:

    packaging/linux/build.sh
    GOLDSEAM_TEST_BUNDLE=dist/goldseam .venv/bin/python -m pytest tests/test_packaging.py
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "goldseam.spec"


def _load_bundle_contents() -> ModuleType:
    spec = importlib.util.spec_from_file_location("goldseam_bundle_contents", ROOT / "packaging" / "bundle_contents.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bc = _load_bundle_contents()


# --- always on ---------------------------------------------------------------------------


def test_spec_is_valid_python_and_takes_its_datas_from_the_shared_rules() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    called = {
        node.func.attr for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert {"resource_datas", "locale_datas", "babel_keep", "keep_qt_plugin"} <= called


def test_every_resource_folder_is_shipped() -> None:
    destinations = {dest for _src, dest in bc.resource_datas(ROOT)}
    sources = {Path(src).resolve() for src, _dest in bc.resource_datas(ROOT)}
    resources = ROOT / "resources"
    for folder in sorted(p for p in resources.rglob("*") if p.is_dir()):
        files = [f for f in folder.iterdir() if f.is_file() and bc.is_shipped_resource(f.relative_to(resources))]
        if not files:
            continue
        rel = folder.relative_to(resources).as_posix()
        assert f"resources/{rel}" in destinations, f"resources/{rel} is not shipped"
        for file in files:
            assert file.resolve() in sources, f"{file.relative_to(ROOT)} is not shipped"


def test_editor_junk_and_catalog_sources_are_not_resources() -> None:
    for name in ("notes.po", "goldseam.pot", ".DS_Store", "x.json~", "mod.pyc"):
        assert not bc.is_shipped_resource(Path("help") / name)
    assert not bc.is_shipped_resource(Path(".hidden") / "a.json")
    assert bc.is_shipped_resource(Path("wordlists") / "README.md")


def test_every_catalog_language_is_a_ui_language_with_babel_data() -> None:
    available = [p.stem for p in bc.babel_data_dir().glob("*.dat")]
    keep = bc.babel_keep(bc.ui_languages(ROOT), available)
    assert "root" in keep
    for code in bc.catalog_languages(ROOT):
        assert code in bc.ui_languages(ROOT)
        assert code in keep
    assert {"pt_BR", "pt"} <= bc.babel_keep(["pt_BR"], available)
    assert len(keep) < 20, "Babel's locale-data should be trimmed to a handful of locales"


def test_trimmed_babel_data_formats_every_ui_language(tmp_path: Path) -> None:
    """Run Babel on a copy of locale-data cut down by the spec's rule, in a fresh process."""
    source = bc.babel_data_dir()
    available = [p.stem for p in source.glob("*.dat")]
    trimmed = tmp_path / "locale-data"
    trimmed.mkdir()
    for name in bc.babel_keep(bc.ui_languages(ROOT), available):
        shutil.copyfile(source / f"{name}.dat", trimmed / f"{name}.dat")
    script = """
import sys
from datetime import datetime, timedelta
import babel.localedata
babel.localedata._dirname = sys.argv[1]
from babel import Locale, dates, numbers
for code in sys.argv[2:]:
    loc = Locale.parse(code)
    when = datetime(2026, 3, 1, 20, 15)
    assert dates.format_datetime(when, "medium", locale=loc)
    assert dates.format_skeleton("yMMMEd", when, locale=loc)
    assert dates.format_skeleton("yMMMM", when, locale=loc)
    assert dates.format_timedelta(timedelta(days=3), locale=loc)
    assert numbers.format_decimal(1234.5, locale=loc)
    assert loc.get_display_name(loc)
print("ok")
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(trimmed), *bc.ui_languages(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6\\Qt\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("somepackage/plugins/tls/thing.so", True),
    ],
)
def test_qt_plugin_rules(dest: str, kept: bool) -> None:
    assert bc.keep_qt_plugin(dest) is kept


def test_qt_translation_rules() -> None:
    languages = ["en", "fr", "pt_BR"]
    assert bc.keep_qt_translation("PySide6/Qt/translations/qtbase_fr.qm", languages)
    assert bc.keep_qt_translation("PySide6/Qt/translations/qtbase_pt_BR.qm", languages)
    assert bc.keep_qt_translation("PySide6/Qt/translations/qt_pt_PT.qm", languages)
    assert not bc.keep_qt_translation("PySide6/Qt/translations/qtbase_ja.qm", languages)
    assert not bc.keep_qt_translation("PySide6/Qt/translations/qt_help_fr.qm", languages)
    assert not bc.keep_qt_translation("PySide6/Qt/translations/designer_fr.qm", languages)


def test_version_and_app_id_match_the_package() -> None:
    import goldseam

    assert bc.read_version(ROOT) == goldseam.__version__
    assert bc.read_app_id(ROOT) == goldseam.APP_ID
    assert bc.numeric_version("1.2.3rc1") == (1, 2, 3, 0)
    assert bc.numeric_version("0.1") == (0, 1, 0, 0)


def test_linux_desktop_files_use_the_app_id() -> None:
    import goldseam

    linux = ROOT / "packaging" / "linux"
    desktop = linux / f"{goldseam.APP_ID}.desktop"
    metainfo = linux / f"{goldseam.APP_ID}.metainfo.xml.in"
    assert f"Icon={goldseam.APP_ID}\n" in desktop.read_text(encoding="utf-8")
    text = metainfo.read_text(encoding="utf-8")
    assert f"<id>{goldseam.APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{goldseam.APP_ID}.desktop</launchable>' in text


def test_compiled_catalogs_are_never_committed() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "*.mo", "dist", "build"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked == []


# --- against a built bundle ----------------------------------------------------------------

BUNDLE_ENV = "GOLDSEAM_TEST_BUNDLE"
needs_bundle = pytest.mark.skipif(not os.environ.get(BUNDLE_ENV), reason=f"set {BUNDLE_ENV} to a built bundle")

LENGTHS = ("short", "medium", "long", "full")
_PRIVATE_SUFFIXES = {".db", ".gsh", ".gsbackup", ".bak", ".ini", ".log", ".sqlite", ".wal", ".journal"}


@pytest.fixture(scope="module")
def bundle() -> Path:
    path = Path(os.environ[BUNDLE_ENV]).resolve()
    assert path.is_dir(), f"{path} is not a bundle folder"
    return path


def _executable(bundle: Path) -> Path:
    if bundle.suffix == ".app":
        return bundle / "Contents" / "MacOS" / "goldseam"
    if sys.platform == "win32":
        return bundle / "goldseam-cli.exe"  # the console twin; goldseam.exe has no stdout
    return bundle / "goldseam"


def _roots(bundle: Path) -> list[Path]:
    candidates = [bundle / "_internal", bundle / "Contents" / "Resources", bundle / "Contents" / "Frameworks", bundle]
    return [c for c in candidates if c.is_dir()]


def _find(bundle: Path, rel: str) -> Path | None:
    for root in _roots(bundle):
        if (root / rel).exists():
            return root / rel
    return None


def _all_files(bundle: Path) -> Iterator[Path]:
    for path in bundle.rglob("*"):
        if path.is_file():
            yield path


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """Environment with a throwaway home, config, data and temp folders."""
    home = tmp_path / "home"
    temp = tmp_path / "tmp"
    runtime = tmp_path / "run"
    for folder in (home, temp, runtime):
        folder.mkdir()
    runtime.chmod(0o700)
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        TMPDIR=str(temp),
        TEMP=str(temp),
        TMP=str(temp),
        QT_QPA_PLATFORM="offscreen",
        LANGUAGE="en",
    )
    env.pop("GOLDSEAM_VAULT_DIR", None)
    env.pop("GOLDSEAM_DATA_DIR", None)
    yield env, tmp_path


def _run(bundle: Path, env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(_executable(bundle)), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def _private_leftovers(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and ("goldseam" in rel.lower() or path.suffix.lower() in _PRIVATE_SUFFIXES):
            found.append(rel)
    return found


@pytest.mark.packaging
@needs_bundle
def test_frozen_version(bundle: Path, sandbox: tuple[dict[str, str], Path]) -> None:
    env, _root = sandbox
    result = _run(bundle, env, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Goldseam {bc.read_version(ROOT)}"


@pytest.mark.packaging
@needs_bundle
def test_frozen_self_test_writes_nothing_private(bundle: Path, sandbox: tuple[dict[str, str], Path]) -> None:
    env, root = sandbox
    result = _run(bundle, env, "--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Self-test passed." in result.stdout
    assert "FAIL" not in result.stdout
    assert _private_leftovers(root) == []


@pytest.mark.packaging
@needs_bundle
def test_frozen_self_test_with_a_window(bundle: Path, sandbox: tuple[dict[str, str], Path]) -> None:
    env, root = sandbox
    result = _run(bundle, env, "--self-test", "--self-test-gui")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^ok\s+window:", result.stdout, re.MULTILINE), result.stdout
    assert _private_leftovers(root) == []


@pytest.mark.packaging
@needs_bundle
def test_frozen_cli_formats_dates_in_every_shipped_language(bundle: Path, sandbox: tuple[dict[str, str], Path]) -> None:
    """Import and export through the frozen CLI: proves the .mo catalogs and the trimmed
    Babel data work in each language (a missing locale would silently fall back to English)."""
    from babel.dates import format_date, format_datetime

    from goldseam.crypto.kdf import FLOOR_COST
    from goldseam.vault import opening
    from goldseam.vault.vault_folder import VaultFolder

    env, root = sandbox
    when = datetime(2026, 3, 1, 20, 15)  # the note's date and time below
    passphrase = "packaging test: amber lantern quietly drifting"
    vault = root / "vault"
    created = opening.create_vault(VaultFolder(vault), bytearray(passphrase.encode()), cost=FLOOR_COST)
    created.session.lock()
    note = root / "2026-03-01-note.md"
    note.write_text("---\ndate: 2026-03-01\ntime: 20:15\n---\n# Packaging check\n\nA quiet evening.\n", "utf-8")
    imported = _run(bundle, env, "import", "--vault", str(vault), str(note), stdin=passphrase + "\n")
    assert imported.returncode == 0, imported.stdout + imported.stderr

    for code in ["en", *bc.catalog_languages(ROOT)]:
        target = root / f"export-{code}.md"
        exported = _run(
            bundle,
            env,
            "--language",
            code,
            "export",
            "--vault",
            str(vault),
            "--output",
            str(target),
            "--yes",
            stdin=passphrase + "\n",
        )
        assert exported.returncode == 0, f"{code}: {exported.stdout}{exported.stderr}"
        text = target.read_text(encoding="utf-8")
        assert "A quiet evening." in text
        # The date as this language's Babel data writes it, in any standard length; an export
        # that fell back to English data would contain none of these.
        localized = {format_datetime(when, length, locale=code) for length in LENGTHS}
        localized |= {format_date(when, length, locale=code) for length in LENGTHS}
        assert any(rendering in text for rendering in localized), f"{code}: date not localized in {text[:300]!r}"


@pytest.mark.packaging
@needs_bundle
def test_bundle_carries_catalogs_and_resources(bundle: Path) -> None:
    for code in bc.catalog_languages(ROOT):
        assert _find(bundle, f"goldseam/locale/{code}/LC_MESSAGES/goldseam.mo"), f"{code}.mo missing"
    for rel in bc.resource_files(ROOT):
        assert _find(bundle, f"resources/{rel.as_posix()}"), f"resources/{rel.as_posix()} missing"
    assert _find(bundle, "LICENSE")


@pytest.mark.packaging
@needs_bundle
def test_bundle_has_no_sources_tests_or_private_data(bundle: Path) -> None:
    for path in _all_files(bundle):
        rel = path.relative_to(bundle).as_posix()
        assert path.suffix not in (".po", ".pot"), rel
        assert not re.fullmatch(r"(test_.*|conftest)\.pyc?", path.name), rel
        assert "tests" not in path.relative_to(bundle).parts, rel
        assert path.suffix.lower() not in _PRIVATE_SUFFIXES, rel
        assert "bench" not in path.relative_to(bundle).parts, rel
    assert _find(bundle, "translations") is None


@pytest.mark.packaging
@needs_bundle
def test_frozen_modules(bundle: Path) -> None:
    """Every goldseam module is frozen in; tests, dev tools and unused Qt modules are not."""
    readers = pytest.importorskip("PyInstaller.archive.readers")
    package = readers.CArchiveReader(str(_executable(bundle)))
    pyz_name = next(name for name in package.toc if name.endswith(".pyz"))
    modules = set(package.open_embedded_archive(pyz_name).toc)
    source = ROOT / "src"
    expected = {
        ".".join(p.relative_to(source).with_suffix("").parts).removesuffix(".__init__")
        for p in (source / "goldseam").rglob("*.py")
    }
    assert expected <= modules, sorted(expected - modules)
    for banned in ("tests", "conftest", "pytest", "_pytest", "unittest", "tkinter", "PyInstaller", "PySide6.QtNetwork"):
        assert not any(m == banned or m.startswith(banned + ".") for m in modules), banned


@pytest.mark.packaging
@needs_bundle
def test_babel_locale_data_is_trimmed(bundle: Path) -> None:
    data = _find(bundle, "babel/locale-data")
    assert data is not None, "babel/locale-data missing"
    shipped = {p.stem for p in data.glob("*.dat")}
    available = [p.stem for p in bc.babel_data_dir().glob("*.dat")]
    assert shipped == bc.babel_keep(bc.ui_languages(ROOT), available)
    assert _find(bundle, "babel/global.dat"), "babel/global.dat missing"


@pytest.mark.packaging
@needs_bundle
def test_qt_is_trimmed(bundle: Path) -> None:
    plugins = _find(bundle, "PySide6/Qt/plugins")
    assert plugins is not None, "Qt plugins missing"
    kinds = {p.name for p in plugins.iterdir() if p.is_dir()}
    assert not kinds & bc.DROP_PLUGIN_KINDS
    assert {"platforms", "iconengines", "imageformats"} <= kinds
    assert any(bc.plugin_stem(p.name) == "qsvgicon" for p in (plugins / "iconengines").iterdir())
    translations = _find(bundle, "PySide6/Qt/translations")
    if translations is not None:
        for qm in translations.glob("*.qm"):
            assert bc.keep_qt_translation(qm.name, bc.ui_languages(ROOT)), qm.name
    if sys.platform.startswith("linux"):
        assert not list(bundle.rglob("libgtk-3.so*")), "GTK came along with the dropped gtk3 theme"
        assert not list(bundle.rglob("libcups.so*")), "libcups must come from the user's system"
        dangling = [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
        assert dangling == []


def test_the_committed_icon_set_has_every_size_each_os_needs() -> None:
    """resources/icons/app holds the rendered sizes (Linux hicolor, the macOS iconset, Windows .ico)."""
    from PySide6.QtGui import QImage

    folder = ROOT / "resources" / "icons" / "app"
    for size in (16, 24, 32, 48, 64, 128, 256, 512, 1024):
        image = QImage(str(folder / f"goldseam-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    ico = (folder / "goldseam.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1) and count >= 7, "a multi-size icon"
