"""``python -m goldseam`` and the ``goldseam`` launcher."""

from __future__ import annotations

import sys

from goldseam.cli import main

if __name__ == "__main__":
    sys.exit(main())
