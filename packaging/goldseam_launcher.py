"""Entry script for the frozen app (PyInstaller runs it as ``__main__``).

It only imports the package and calls its entry point, so the package keeps its normal
import context; see packaging/goldseam.spec.
"""

import sys

from goldseam.cli import main

if __name__ == "__main__":
    sys.exit(main())
