"""The files that make up a vault and the folder that holds them.

```
vault.gsh          header (authoritative)
vault.gsh.bak      copy of the last committed header
vault.<gen>.db     SQLCipher database of the current generation (+ -wal while open)
backups/           rotating automatic backups (*.gsbackup)
goldseam.lock      held while a Goldseam process uses the folder
```
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from goldseam.vault.atomic_files import fsync_dir, is_partial_file

HEADER_NAME = "vault.gsh"
HEADER_BACKUP_NAME = "vault.gsh.bak"
LOCK_NAME = "goldseam.lock"
BACKUPS_DIR_NAME = "backups"
DB_NAME_PATTERN = re.compile(r"^vault\.(\d{1,9})\.db$")
DB_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

# Path components and marker files of common sync clients. Matching is by folder name,
# so it is a hint, not proof; the warning says so.
_SYNC_FOLDER_NAMES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "icloud drive": "iCloud Drive",
    "icloud~": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud": "pCloud",
    "megasync": "MEGA",
    "box sync": "Box",
    "sync.com": "Sync.com",
    "seafile": "Seafile",
}
_SYNC_MARKERS = {".stfolder": "Syncthing", ".dropbox": "Dropbox", ".sync": "Resilio Sync"}


def db_name(generation: int) -> str:
    return f"vault.{generation}.db"


@dataclass(frozen=True)
class VaultFolder:
    path: Path

    @property
    def header(self) -> Path:
        return self.path / HEADER_NAME

    @property
    def header_backup(self) -> Path:
        return self.path / HEADER_BACKUP_NAME

    @property
    def lock_file(self) -> Path:
        return self.path / LOCK_NAME

    @property
    def backups(self) -> Path:
        return self.path / BACKUPS_DIR_NAME

    def db_path(self, generation: int) -> Path:
        return self.path / db_name(generation)

    def generations(self) -> list[int]:
        """Generation numbers of every ``vault.<n>.db`` in the folder."""
        if not self.path.is_dir():
            return []
        found = []
        for entry in self.path.iterdir():
            match = DB_NAME_PATTERN.match(entry.name)
            if match:
                found.append(int(match.group(1)))
        return sorted(found)

    def has_any_vault_file(self) -> bool:
        return self.header.exists() or self.header_backup.exists() or bool(self.generations())

    def ensure_private(self) -> None:
        """Create the folder readable by this user only (0700; user-only ACL on Windows)."""
        self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        if sys.platform == "win32":
            restrict_windows_acl(self.path)
        else:
            with contextlib.suppress(PermissionError):
                self.path.chmod(0o700)

    def remove_orphans(self, current_generation: int) -> list[Path]:
        """Delete other generations' databases and stale temporary files.

        The current database's ``-wal``/``-shm``/``-journal`` are never touched: deleting a
        hot journal corrupts a database.
        """
        removed = []
        for generation in self.generations():
            if generation != current_generation:
                removed.extend(remove_database_files(self.db_path(generation)))
        for entry in self.path.iterdir():
            if is_partial_file(entry.name) and entry.is_file():
                entry.unlink()
                removed.append(entry)
        if removed:
            fsync_dir(self.path)
        return removed


def remove_database_files(path: Path) -> list[Path]:
    """Delete a database and its -wal/-shm/-journal, side files first.

    Orphans are found by their ``.db`` file, so it goes last: a crash in between leaves
    something the next clean-up still finds.
    """
    removed = []
    for candidate in [*(path.with_name(path.name + s) for s in DB_SIDE_SUFFIXES), path]:
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
            removed.append(candidate)
    return removed


def restrict_windows_acl(path: Path) -> None:
    """Best effort: drop inherited permissions and grant only the current user."""
    user = os.environ.get("USERNAME")
    if not user:
        return
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            ["icacls", str(path), "/inheritance:r", "/grant:r", f"{user}:(OI)(CI)F"],
            check=False,
            capture_output=True,
            timeout=10,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )


def sync_service_for(path: Path) -> str | None:
    """Name the sync client that seems to manage ``path``, or None."""
    resolved = path.expanduser().resolve(strict=False)
    for part in resolved.parts:
        lowered = part.lower()
        for name, service in _SYNC_FOLDER_NAMES.items():
            if lowered == name or lowered.startswith(name + " -") or lowered.startswith(name + "-"):
                return service
        if lowered.startswith("onedrive"):
            return "OneDrive"
        if lowered.startswith("com~apple~clouddocs"):
            return "iCloud Drive"
    current = resolved
    while True:
        for marker, service in _SYNC_MARKERS.items():
            if (current / marker).exists():
                return service
        if current.parent == current:
            return None
        current = current.parent
