"""--version, --help and argument errors."""

from __future__ import annotations

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
