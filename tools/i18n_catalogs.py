"""Maintain the translation catalogs.

    .venv/bin/python tools/i18n_catalogs.py extract   # update translations/goldseam.pot from the code
    .venv/bin/python tools/i18n_catalogs.py update    # merge the .pot into every <lang>/LC_MESSAGES/goldseam.po
    .venv/bin/python tools/i18n_catalogs.py init de   # start a new language
    .venv/bin/python tools/i18n_catalogs.py compile   # build .mo files into src/goldseam/locale (build output)
    .venv/bin/python tools/i18n_catalogs.py compile --output build/locale   # ... or elsewhere (packaging)

Uses Babel's command-line front end, so it runs the same on every OS.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POT = ROOT / "translations" / "goldseam.pot"
COMPILED = ROOT / "src" / "goldseam" / "locale"  # default output of `compile`; git-ignored
KEYWORDS = ["_", "N_", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3"]


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def extract(output: Path = POT) -> None:
    keyword_args = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "--no-default-keywords",
        *keyword_args,
        "--sort-by-file",
        "--project=Goldseam",
        "--copyright-holder=The Goldseam authors",
        "--msgid-bugs-address=",
        "--add-comments=Translators:",
        "--width=100",
        "-o",
        str(output),
        "src",
        "resources",
    )
    # Babel stamps the creation date; drop it so the .pot only changes when strings change.
    text = output.read_text(encoding="utf-8").splitlines(keepends=True)
    output.write_text("".join(line for line in text if not line.startswith('"POT-Creation-Date:')), encoding="utf-8")


def languages() -> list[str]:
    return sorted(p.name for p in (ROOT / "translations").iterdir() if (p / "LC_MESSAGES").is_dir())


def update() -> None:
    for code in languages():
        pybabel(
            "update",
            "-i",
            str(POT),
            "-d",
            "translations",
            "-D",
            "goldseam",
            "-l",
            code,
            "--width=100",
            "--no-fuzzy-matching",
        )


def init(code: str) -> None:
    pybabel("init", "-i", str(POT), "-d", "translations", "-D", "goldseam", "-l", code, "--width=100")


def compile_catalogs(out: Path = COMPILED) -> None:
    for code in languages():
        target = out / code / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        pybabel(
            "compile",
            "-i",
            str(ROOT / "translations" / code / "LC_MESSAGES" / "goldseam.po"),
            "-o",
            str(target / "goldseam.mo"),
            "-l",
            code,
            "-D",
            "goldseam",
        )


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("extract", "update", "init", "compile"):
        print(__doc__)
        return 2
    command = argv[0]
    if command == "extract":
        extract(Path(argv[2]) if len(argv) > 2 and argv[1] == "--output" else POT)
    elif command == "update":
        update()
    elif command == "init":
        init(argv[1])
    else:
        compile_catalogs(Path(argv[2]).resolve() if len(argv) > 2 and argv[1] == "--output" else COMPILED)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
