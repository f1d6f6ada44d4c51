#!/usr/bin/env bash
# Set up on first use, then start Goldseam on the default vault location.
# Extra arguments go to the app, e.g.  ./run.sh --vault /media/usb/goldseam
set -euo pipefail
cd "$(dirname "$0")"
bash tools/setup_env.sh
exec .venv/bin/goldseam "$@"
