"""The command line: --version, --self-test (headless and with a window), --vault."""

from __future__ import annotations

import subprocess

from conftest import PYTHON, python_subprocess_env
from goldseam import __version__
from goldseam.cli import build_parser


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "goldseam", *args], env=python_subprocess_env(**env), capture_output=True, text=True, timeout=120
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"Goldseam {__version__}"


def test_self_test_passes_and_reports_the_engine() -> None:
    result = run("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SQLCipher 4." in result.stdout and "TEMP_STORE=2" in result.stdout and "Argon2id" in result.stdout
    assert "Self-test passed." in result.stdout


def test_self_test_with_a_window(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run("--self-test", "--self-test-gui", QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "window:" in result.stdout


def test_vault_option_takes_a_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    args = build_parser().parse_args(["--vault", str(tmp_path / "usb")])
    assert args.vault == tmp_path / "usb"


def test_unknown_options_fail_clearly() -> None:
    result = run("--no-such-option")
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr
