"""Read, validate and write ``meshes/manifest.json`` and ``meshes/landmarks.json``.

Pure Python. The formats are documented in ``docs/architecture.md``. Loading errors raise
:class:`ManifestError`, whose message names the file and says what to do.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from anatomy_viewer.anatomy.catalogue import SKIN_WEIGHTS_ARRAY, STRUCTURES
from anatomy_viewer.anatomy.landmarks import REQUIRED_LANDMARKS
from anatomy_viewer.errors import AnatomyViewerError

#: No landmark of a standing person lies further than this from the origin between the feet.
LANDMARK_LIMIT_M: Final = 10.0

FORMAT_VERSION: Final = 1
MANIFEST_NAME: Final = "manifest.json"
LANDMARKS_NAME: Final = "landmarks.json"
_REGENERATE: Final = "regenerate it with `anatomy-viewer build-meshes`"
_GROUPS: Final = ("bone", "muscle", "fascia", "skin")
_SIDES: Final = ("right", "left", "center")


class ManifestError(AnatomyViewerError):
    """A manifest or landmarks file is missing or malformed.

    Parameters
    ----------
    path
        The file at fault.
    message
        What is wrong and what to do about it.
    """

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass(frozen=True)
class Subject:
    """The subject the meshes were generated for."""

    height_m: float
    sex: str


@dataclass(frozen=True)
class Skinning:
    """Skinning binding of a deforming structure."""

    segments: tuple[str, ...]
    array: str


@dataclass(frozen=True)
class ManifestEntry:
    """One structure as listed in ``manifest.json``."""

    id: str
    name: str
    group: str
    side: str
    file: str
    file_fast: str
    color: tuple[float, float, float]
    opacity: float
    visible: bool
    segment: str
    skinning: Skinning | None
    description: str
    detail: dict[str, str]


@dataclass(frozen=True)
class Manifest:
    """The parsed ``manifest.json``; ``directory`` is where its files live."""

    directory: Path
    format: int
    subject: Subject
    structures: tuple[ManifestEntry, ...]

    def entry(self, structure_id: str) -> ManifestEntry:
        """Return the entry for ``structure_id`` (``KeyError`` if absent)."""
        for e in self.structures:
            if e.id == structure_id:
                return e
        raise KeyError(f"{structure_id!r} is not in {self.directory / MANIFEST_NAME}")


@dataclass(frozen=True)
class Landmarks:
    """The parsed ``landmarks.json``."""

    format: int
    subject: Subject
    points: dict[str, tuple[float, float, float]]


def _read_json(path: Path, what: str) -> dict[str, Any]:
    if not path.is_file():
        raise ManifestError(path, f"{what} not found; {_REGENERATE}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ManifestError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}; {_REGENERATE}"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(path, f"cannot read the file ({exc}); {_REGENERATE}") from None
    if not isinstance(data, dict):
        raise ManifestError(path, f"expected a JSON object at the top level; {_REGENERATE}")
    return data


def _field(
    path: Path, obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str
) -> Any:
    if key not in obj:
        raise ManifestError(path, f"{where}: missing field {key!r}; {_REGENERATE}")
    value = obj[key]
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise ManifestError(path, f"{where}: field {key!r} must be a number, not true/false")
    if not isinstance(value, kind):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ManifestError(
            path, f"{where}: field {key!r} must be of type {name}, got {type(value).__name__}"
        )
    return value


def _subject(path: Path, data: dict[str, Any]) -> Subject:
    subj = _field(path, data, "subject", dict, "top level")
    height = float(_field(path, subj, "height_m", (int, float), "subject"))
    sex = str(_field(path, subj, "sex", str, "subject"))
    return Subject(height_m=height, sex=sex)


def _format(path: Path, data: dict[str, Any]) -> int:
    fmt = int(_field(path, data, "format", int, "top level"))
    if fmt != FORMAT_VERSION:
        raise ManifestError(
            path,
            f"format {fmt} is not supported (this version reads {FORMAT_VERSION}); {_REGENERATE}",
        )
    return fmt


def _color(path: Path, value: Any, where: str) -> tuple[float, float, float]:
    ok = (
        isinstance(value, list)
        and len(value) == 3
        and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in value)
    )
    if not ok or not all(0.0 <= float(c) <= 1.0 for c in value):
        raise ManifestError(path, f"{where}: 'color' must be three numbers between 0 and 1")
    return (float(value[0]), float(value[1]), float(value[2]))


def _entry(path: Path, item: Any, index: int) -> ManifestEntry:
    where = f"structures[{index}]"
    if not isinstance(item, dict):
        raise ManifestError(path, f"{where}: expected an object")
    sid = str(_field(path, item, "id", str, where))
    where = f"structure {sid!r}"
    group = str(_field(path, item, "group", str, where))
    if group not in _GROUPS:
        raise ManifestError(path, f"{where}: group must be one of {', '.join(_GROUPS)}")
    side = str(_field(path, item, "side", str, where))
    if side not in _SIDES:
        raise ManifestError(path, f"{where}: side must be one of {', '.join(_SIDES)}")
    skin_raw = item.get("skinning")
    skinning: Skinning | None = None
    if skin_raw is not None:
        if not isinstance(skin_raw, dict):
            raise ManifestError(path, f"{where}: 'skinning' must be an object or null")
        segs = _field(path, skin_raw, "segments", list, f"{where} skinning")
        if not segs or not all(isinstance(s, str) for s in segs):
            raise ManifestError(
                path, f"{where}: skinning segments must be a non-empty list of names"
            )
        skinning = Skinning(
            tuple(segs), str(_field(path, skin_raw, "array", str, f"{where} skinning"))
        )
    detail_raw = _field(path, item, "detail", dict, where)
    detail = {str(k): str(v) for k, v in detail_raw.items()}
    opacity = float(_field(path, item, "opacity", (int, float), where))
    if not 0.0 <= opacity <= 1.0:
        raise ManifestError(path, f"{where}: opacity must be between 0 and 1")
    return ManifestEntry(
        id=sid,
        name=str(_field(path, item, "name", str, where)),
        group=group,
        side=side,
        file=_file_name(path, _field(path, item, "file", str, where), where),
        file_fast=_file_name(path, _field(path, item, "file_fast", str, where), where),
        color=_color(path, _field(path, item, "color", list, where), where),
        opacity=opacity,
        visible=bool(_field(path, item, "visible", bool, where)),
        segment=str(_field(path, item, "segment", str, where)),
        skinning=skinning,
        description=str(_field(path, item, "description", str, where)),
        detail=detail,
    )


def _file_name(path: Path, value: Any, where: str) -> str:
    """A mesh file name: a plain name inside the manifest's folder, never a path out of it."""
    name = str(value)
    if not name or "/" in name or "\\" in name or name in (".", "..") or ":" in name:
        raise ManifestError(
            path,
            f"{where}: file {name!r} must be a plain file name in the meshes folder "
            f"(no folders, no '..', no URLs); {_REGENERATE}",
        )
    return name


def load_manifest(directory: Path | str) -> Manifest:
    """Load and validate ``manifest.json`` from ``directory``.

    Raises
    ------
    ManifestError
        If the file is missing, is not valid JSON, or lacks a field.
    """
    d = Path(directory)
    path = d / MANIFEST_NAME
    data = _read_json(path, "mesh manifest")
    fmt = _format(path, data)
    subject = _subject(path, data)
    items = _field(path, data, "structures", list, "top level")
    entries = tuple(_entry(path, item, i) for i, item in enumerate(items))
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise ManifestError(path, f"structure {e.id!r} is listed twice")
        seen.add(e.id)
    return Manifest(directory=d, format=fmt, subject=subject, structures=entries)


def missing_files(manifest: Manifest) -> list[Path]:
    """Return the mesh files the manifest lists that do not exist, full and fast."""
    out: list[Path] = []
    for e in manifest.structures:
        for name in (e.file, e.file_fast):
            f = manifest.directory / name
            if not f.is_file():
                out.append(f)
    return out


def load_landmarks(directory: Path | str) -> Landmarks:
    """Load and validate ``landmarks.json`` from ``directory``.

    Raises
    ------
    ManifestError
        If the file is missing or malformed, or a required landmark is absent.
    """
    path = Path(directory) / LANDMARKS_NAME
    data = _read_json(path, "landmarks file")
    fmt = _format(path, data)
    subject = _subject(path, data)
    raw = _field(path, data, "landmarks", dict, "top level")
    points: dict[str, tuple[float, float, float]] = {}
    for name, value in raw.items():
        ok = (
            isinstance(value, list)
            and len(value) == 3
            and all(
                isinstance(c, (int, float))
                and not isinstance(c, bool)
                and math.isfinite(c)
                and abs(c) <= LANDMARK_LIMIT_M
                for c in value
            )
        )
        if not ok:
            raise ManifestError(
                path,
                f"landmark {name!r} must be [x, y, z]: three numbers in metres, "
                f"each within {LANDMARK_LIMIT_M:g} m of the origin; {_REGENERATE}",
            )
        points[str(name)] = (float(value[0]), float(value[1]), float(value[2]))
    absent = [n for n in REQUIRED_LANDMARKS if n not in points]
    if absent:
        raise ManifestError(path, f"missing required landmarks: {', '.join(absent)}; {_REGENERATE}")
    return Landmarks(format=fmt, subject=subject, points=points)


def manifest_data(height_m: float, sex: str) -> dict[str, Any]:
    """The ``manifest.json`` object for the catalogue and a subject (used by the generator)."""
    structures: list[dict[str, Any]] = []
    for s in STRUCTURES:
        structures.append(
            {
                "id": s.id,
                "name": s.name,
                "group": s.group,
                "side": s.side,
                "file": s.file,
                "file_fast": s.file_fast,
                "color": [round(c, 4) for c in s.color],
                "opacity": s.opacity,
                "visible": s.visible,
                "segment": s.segment,
                "skinning": (
                    {"segments": list(s.skinning_segments), "array": SKIN_WEIGHTS_ARRAY}
                    if s.skinning_segments
                    else None
                ),
                "description": s.description,
                "detail": s.detail.as_dict(),
            }
        )
    return {
        "format": FORMAT_VERSION,
        "subject": {"height_m": height_m, "sex": sex},
        "structures": structures,
    }


def landmarks_data(
    height_m: float, sex: str, points: dict[str, tuple[float, float, float]]
) -> dict[str, Any]:
    """The ``landmarks.json`` object for a subject."""
    return {
        "format": FORMAT_VERSION,
        "subject": {"height_m": height_m, "sex": sex},
        "landmarks": {k: list(v) for k, v in sorted(points.items())},
    }
