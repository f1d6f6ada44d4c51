#!/usr/bin/env bash
# Create .venv (Python 3.11+) and install Goldseam with its development tools into it.
# Re-installs only when pyproject.toml changed since the last install. Sourced by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pick_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Goldseam needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)." >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  py=$(pick_python)
  echo "Creating .venv with $py …" >&2
  "$py" -m venv .venv
fi
stamp=.venv/.goldseam-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing Goldseam and its dependencies into .venv …" >&2
  if ! .venv/bin/python -m pip install --disable-pip-version-check -e ".[dev]" >.venv/pip-install.log 2>&1; then
    grep -v "^WARNING: Location" .venv/pip-install.log | tail -n 40 >&2
    echo "Installing the dependencies failed (full log: .venv/pip-install.log)." >&2
    exit 1
  fi
  .venv/bin/python -c "import goldseam, PySide6, sqlcipher3" >/dev/null
  touch "$stamp"
fi
