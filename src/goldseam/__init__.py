"""Goldseam: a private, encrypted companion for working through a breakup.

The package is split in two: everything outside ``goldseam.ui`` is the Qt-free core
(vault, crypto, storage, domain services, i18n helpers); ``goldseam.ui`` alone imports
PySide6. ``tests/test_architecture.py`` enforces the boundary.
"""

__version__ = "0.1.0"

APP_NAME = "Goldseam"
APP_ID = "io.github.goldseam.Goldseam"
