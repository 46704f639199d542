"""--version, --help and argument errors."""

from __future__ import annotations

import subprocess
import sys

from anatomy_viewer import __version__


def test_version(cli) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"anatomy-viewer {__version__}"


def test_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.returncode == 0
    for command in ("render", "model", "check", "new-lesson", "build-meshes"):
        assert command in result.stdout


def test_unknown_option_is_a_clear_error(cli) -> None:
    result = cli("render", "--out", "x.png", "--view", "sideways")
    assert result.returncode == 2
    assert "invalid choice: 'sideways'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    # ``anatomy-viewer model --sweep ... --json | head -1``: the pipe closes early, with
    # far more than a pipe's buffer (64 KiB) still to write.
    command = [sys.executable, "-m", "anatomy_viewer.cli", "model", "--sweep", "strength=0:100:0.5"]
    with subprocess.Popen(
        [*command, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # the reader stops after the first line
        error = process.stderr.read().decode()
        assert process.wait(timeout=120) == 0
    assert error == ""
