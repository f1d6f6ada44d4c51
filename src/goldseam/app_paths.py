"""Where Goldseam finds its bundled files and keeps the default vault.

Resources and catalogs live at the top of the source tree (``resources/``,
``translations/``). An installed wheel carries them under ``goldseam/_data``; a PyInstaller
bundle under its ``_MEIPASS`` folder. Compiled ``.mo`` catalogs are build outputs placed in
``goldseam/locale`` by ``tools/i18n_catalogs.py compile`` or by the packaging scripts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from goldseam import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundle_root() -> Path | None:
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else None


def _data_candidates(name: str) -> list[Path]:
    candidates = []
    override = os.environ.get("GOLDSEAM_DATA_DIR")
    if override:
        candidates.append(Path(override) / name)
    bundle = _bundle_root()
    if bundle is not None:
        candidates.append(bundle / name)
    candidates.append(_PACKAGE_DIR / "_data" / name)
    candidates.append(_PACKAGE_DIR.parent.parent / name)  # source checkout: src/goldseam -> repo root
    return candidates


def _first_existing(name: str) -> Path:
    for candidate in _data_candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Goldseam data folder '{name}' was not found; is the installation complete?")


def resources_dir() -> Path:
    return _first_existing("resources")


def translations_dir() -> Path | None:
    """The ``.po`` catalogs (source tree or wheel); None in a bundle that carries only ``.mo``."""
    try:
        return _first_existing("translations")
    except FileNotFoundError:
        return None


def compiled_locale_dirs() -> list[Path]:
    dirs = []
    bundle = _bundle_root()
    if bundle is not None:
        dirs.append(bundle / "goldseam" / "locale")
    dirs.append(_PACKAGE_DIR / "locale")
    return [d for d in dirs if d.is_dir()]


def default_vault_dir() -> Path:
    """The per-user application data folder, which sync clients do not touch by default."""
    override = os.environ.get("GOLDSEAM_VAULT_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False)) / "vault"
