"""Installed from a wheel (not editable), the app still finds its meshes and lessons."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_carries_meshes_and_lessons(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("anatomy_viewer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "anatomy_viewer/_data/meshes/manifest.json" in names
    assert "anatomy_viewer/_data/meshes/landmarks.json" in names
    assert "anatomy_viewer/_data/docs/references.md" in names
    assert any(
        n.startswith("anatomy_viewer/_data/lessons/") and n.endswith("lesson.yaml") for n in names
    )
    # Help > User guide: the README's "Using the app" and the documents and pictures it shows.
    assert "anatomy_viewer/_data/README.md" in names
    assert "anatomy_viewer/_data/docs/chairside.md" in names
    assert "anatomy_viewer/_data/docs/images/lesson.png" in names

    site = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    probe = (
        "import anatomy_viewer.resources as r; "
        "m, l = r.meshes_dir(), r.lessons_dir(); "
        "assert (m / 'manifest.json').is_file() and any(l.glob('*/lesson.yaml')), (m, l); "
        "from anatomy_viewer.ui.help import guide_section; "
        "readme = r.readme_path(); assert readme.is_relative_to(m.parent), readme; "
        "assert 'Look around.' in guide_section(readme.read_text(encoding='utf-8')); "
        "assert (r.docs_dir() / 'images' / 'lesson.png').is_file(); "
        "assert r.references_path().is_file(), r.references_path(); "
        "print(m)"
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(site)
