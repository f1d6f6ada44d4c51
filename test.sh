#!/usr/bin/env bash
# Set up on first use, then run the whole test suite headless (Qt offscreen).
# Extra arguments go to pytest, e.g.  ./test.sh -k backup
set -euo pipefail
cd "$(dirname "$0")"
bash tools/setup_env.sh
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
