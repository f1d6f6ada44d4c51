"""Shared fixtures. Tests run headless (offscreen Qt), in English, with isolated settings."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANGUAGE"] = "en"
os.environ.setdefault("GOLDSEAM_TEST", "1")

from goldseam import i18n
from goldseam.crypto.kdf import FLOOR_COST
from goldseam.vault import fault_points, opening
from goldseam.vault.opening import CreatedVault
from goldseam.vault.vault_folder import VaultFolder
from goldseam.vault.vault_session import VaultSession

PASSPHRASE = "marmalade otter lighthouse quietly wanders"
SRC = Path(__file__).resolve().parents[1] / "src"


def pw(text: str = PASSPHRASE) -> bytearray:
    return bytearray(text.encode("utf-8"))


@pytest.fixture(autouse=True)
def _english_and_clean_fault_points() -> Iterator[None]:
    i18n.set_language("en")
    yield
    fault_points.clear()
    i18n.set_language("en")


@pytest.fixture(scope="session", autouse=True)
def _isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Point Qt's default settings location at a temp folder for the whole run."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:
        return
    root = tmp_path_factory.mktemp("qsettings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(root))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(root))


@pytest.fixture
def folder(tmp_path: Path) -> VaultFolder:
    return VaultFolder(tmp_path / "vault")


@pytest.fixture
def created(folder: VaultFolder) -> Iterator[CreatedVault]:
    """A fresh vault (minimum KDF cost, with a recovery key), unlocked."""
    result = opening.create_vault(folder, pw(), cost=FLOOR_COST)
    yield result
    result.session.lock()


@pytest.fixture
def locked_vault(folder: VaultFolder) -> VaultFolder:
    """A vault with a little data in it, locked."""
    result = opening.create_vault(folder, pw(), cost=FLOOR_COST)
    result.session.save_draft("test", "hello")
    result.session.lock()
    return folder


def unlock(folder: VaultFolder, passphrase: str = PASSPHRASE) -> VaultSession:
    return opening.unlock_vault(folder, pw(passphrase))


def snapshot_files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Content and mtime (ns) of every file under ``root``."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            files[str(path.relative_to(root))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return files


def python_subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


PYTHON = sys.executable
