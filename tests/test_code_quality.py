"""Lint, types and the layer contracts are part of the test run."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "anatomy_viewer", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "anatomy_viewer", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "mypy", "anatomy_viewer")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layers_keep_their_import_contracts() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.fail(
            "import-linter is not installed; install the test extra: pip install -e '.[test]'"
        )
    result = _run(str(lint_imports), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_count_indirect_imports() -> None:
    # biomech -> anatomy.x -> vtk breaks "Model and lessons know nothing of VTK" as surely
    # as biomech -> vtk does.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    assert [c["name"] for c in contracts if c.get("allow_indirect_imports")] == []


def test_importing_the_package_loads_no_qt_and_no_vtk() -> None:
    code = (
        "import sys, anatomy_viewer, anatomy_viewer.cli, anatomy_viewer.biomech, "
        "anatomy_viewer.lesson; "
        "heavy = [m for m in sys.modules "
        "if m.split('.')[0] in ('PySide6', 'vtk', 'vtkmodules', 'pyvista')]; "
        "print(heavy); sys.exit(bool(heavy))"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stdout + result.stderr
