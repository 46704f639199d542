"""What a therapist, a student and an author tripped over, each put right and kept so."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QRawFont, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import anatomy_viewer.ui
from anatomy_viewer.anatomy.skinning import apply_pose
from anatomy_viewer.logic.simulation import settings_from_json
from anatomy_viewer.resources import lessons_dir
from anatomy_viewer.ui.main_window import QtMainWindow
from anatomy_viewer.ui.simulation_panel import SPEEDS

WEAK = lessons_dir() / "04-weak-gluteus-medius"  # step 1 posterior at 0.6x, step 2 compare
#: The sans-serif font the set-up installs on Linux (fonts-dejavu-core).
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _color_share(image: np.ndarray, color: str, tolerance: int = 40) -> float:
    target = np.array(QColor(color).getRgb()[:3])
    return float((np.abs(image[..., :3].astype(int) - target).sum(axis=2) < tolerance).mean())


def _widget_pixels(widget: QWidget) -> np.ndarray:
    """What Qt paints for ``widget`` (it is no OpenGL view), as RGB pixels."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return data.reshape(height, image.bytesPerLine())[:, : width * 3].reshape(height, width, 3)


# -- presenting ------------------------------------------------------------------------


def test_readouts_keep_their_colours_in_presentation_mode_and_after(
    window: QtMainWindow, qtbot: QtBot
) -> None:
    panel = window.simulation_panel
    panel.weaken.setCurrentIndex(panel.weaken.findData("abductors"))
    panel.strength.setValue(10)
    effort = window.readouts.pelvic_drop  # the hip drops far: out of range
    assert effort.text_color() == "#c62828"
    assert _color_share(_widget_pixels(effort), "#c62828") > 0.01
    window.enter_presentation()
    qtbot.wait(200)
    assert _color_share(_widget_pixels(effort), "#c62828") > 0.01
    window.leave_presentation()
    qtbot.wait(200)
    assert _color_share(_widget_pixels(effort), "#c62828") > 0.01


# -- compare mode and lighting ---------------------------------------------------------


def test_zooming_one_view_of_compare_mode_redraws_the_other(
    window: QtMainWindow, qtbot: QtBot
) -> None:
    window.simulation_panel.compare.setChecked(True)
    twin = window.twin_plotter
    assert twin is not None
    qtbot.wait(200)
    for source, other in ((window.plotter, twin), (twin, window.plotter)):
        before = other.render_count
        centre = QPointF(source.rect().center())
        wheel = QWheelEvent(
            centre,
            QPointF(source.mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(source, wheel)
        qtbot.waitUntil(lambda o=other, b=before: o.render_count > b, timeout=3000)


def _anatomy_brightness(view: object, percentile: float | None = None) -> float:
    """Mean brightness of what is not background, or that percentile of it (the dim parts)."""
    pixels = np.asarray(view.screenshot(None, return_img=True))[..., :3].astype(float)  # type: ignore[attr-defined]
    background = pixels[4, 4]
    body = pixels[np.abs(pixels - background).sum(axis=2) > 40].mean(axis=1)
    return float(body.mean() if percentile is None else np.percentile(body, percentile))


def test_the_normal_strength_twin_is_lit_like_the_main_view_in_the_mirror(
    window: QtMainWindow, qtbot: QtBot
) -> None:
    window.simulation_panel.strength.setValue(100)  # both views show the same body
    window.simulation_panel.compare.setChecked(True)
    window.fly_to_preset("mirror", duration_s=0)
    window.redraw()
    main, twin = _anatomy_brightness(window.plotter), _anatomy_brightness(window.twin_plotter)
    assert twin == pytest.approx(main, rel=0.05)


def test_the_back_view_is_lit_as_well_as_the_front(window: QtMainWindow) -> None:
    assert window.scene is not None
    for box in window.simulation_panel.overlays.values():
        box.setChecked(False)
    bones = [s for s in window.scene.anatomy.ids if window.scene.anatomy.entry(s).group == "bone"]
    window.scene.anatomy.isolate(bones)
    window.fly_to_preset("anterior", duration_s=0)
    front = (_anatomy_brightness(window.plotter), _anatomy_brightness(window.plotter, 25))
    window.fly_to_preset("posterior", duration_s=0)
    back = (_anatomy_brightness(window.plotter), _anatomy_brightness(window.plotter, 25))
    # Lights fixed to the room lit the back 15 % darker on average and its dimmer quarter
    # a third darker than the front's.
    assert back[0] > 0.93 * front[0]
    assert back[1] > 0.85 * front[1]


def test_vtk_s_own_keys_do_nothing_in_the_view(window: QtMainWindow, qtbot: QtBot) -> None:
    """ "3" turned the view magenta and cyan (stereo), "w" into wire frames."""
    assert window.scene is not None
    window.plotter.setFocus()
    for key in ("3", "w", "s", "r", "f", "p", "e", "q"):
        QTest.keyClick(window.plotter, key)
    qtbot.wait(100)
    assert not window.plotter.ren_win.GetStereoRender()
    actor = window.scene.anatomy.actor("pelvis")
    assert actor.GetProperty().GetRepresentation() == 2  # surface
    assert window.isVisible() and window.scene is not None


# -- structures ------------------------------------------------------------------------


def test_a_selected_structure_shows_its_own_opacity(window: QtMainWindow) -> None:
    assert window.scene is not None
    panel = window.structures_panel
    assert panel.opacity.value() == 100 and not panel.opacity.isEnabled()  # nothing selected
    window.select_structure("gluteus_maximus_r")
    panel.opacity.setValue(30)
    actor = window.scene.anatomy.actor("gluteus_maximus_r")
    assert actor.GetProperty().GetOpacity() == pytest.approx(0.3)
    window.select_structure(None)
    assert panel.opacity.value() == 100


def test_isolate_frames_the_structure_in_every_view(window: QtMainWindow, qtbot: QtBot) -> None:
    scene = window.scene
    assert scene is not None
    window.isolate("gluteus_medius_l")
    qtbot.waitUntil(lambda: not window.flight.active, timeout=5000)
    part = scene.anatomy._parts["gluteus_medius_l"]
    assert part.weights is not None and part.transforms is not None
    posed = apply_pose(part.neutral_points, part.weights, part.transforms)
    for preset in ("anterior", "right", "posterior"):
        window.fly_to_preset(preset, duration_s=0)
        renderer = window.plotter.renderer
        width, height = window.plotter.window_size
        xs, ys = [], []
        for point in posed[:: max(len(posed) // 300, 1)]:
            renderer.SetWorldPoint(*point, 1.0)
            renderer.WorldToDisplay()
            x, y, _ = renderer.GetDisplayPoint()
            xs.append(x)
            ys.append(y)
        assert min(xs) >= 0 and max(xs) <= width, preset
        assert min(ys) >= 0 and max(ys) <= height, preset
        # ... and fills it: a third of the view's height at least.
        assert (max(ys) - min(ys)) > height / 3 or (max(xs) - min(xs)) > width / 3, preset


# -- words and glyphs ------------------------------------------------------------------


def test_every_symbol_the_window_writes_is_in_the_font_the_setup_installs(qapp: object) -> None:
    if not DEJAVU.is_file():
        pytest.fail(f"{DEJAVU} is missing: install fonts-dejavu-core (scripts/setup-env.sh)")
    font = QRawFont(str(DEJAVU), 12)
    folder = Path(anatomy_viewer.ui.__file__).parent
    literals = []
    for source in sorted(folder.glob("*.py")):
        text = source.read_text(encoding="utf-8")
        literals += re.findall(r'"[^"\n]*"', text)
    symbols = {ch for literal in literals for ch in literal if ord(ch) > 127}
    missing = sorted(ch for ch in symbols if not font.supportsCharacter(ord(ch)))
    assert not missing, f"shown as empty boxes: {[f'U+{ord(c):04X}' for c in missing]}"


def test_play_and_pause_need_no_symbol_font(window: QtMainWindow) -> None:
    button = window.simulation_panel.play_button
    assert button.text() == "Play" and not button.icon().isNull()
    button.click()
    assert button.text() == "Pause" and not button.icon().isNull()
    button.click()


def test_the_words_around_the_slider_and_the_views_say_what_they_mean(
    window: QtMainWindow,
) -> None:
    note = window.simulation_panel.strength_note
    assert "74 % is about the strength" in note.text()
    assert "Ireland et al. 2003" in note.toolTip()
    for action in window.camera_actions.values():
        tip = action.toolTip()
        assert "view view" not in tip and re.search(r"\(\w\)$", tip), tip
    assert window.camera_actions["mirror"].toolTip() == (
        "The patient's own view, as in a mirror (M)"
    )


# -- leaving a lesson ------------------------------------------------------------------


def test_leaving_a_lesson_gives_back_the_user_s_scene(
    make_window: Callable[..., QtMainWindow], settings: QSettings, qtbot: QtBot
) -> None:
    window = make_window()
    assert window.scene is not None and window.simulation is not None
    panel = window.simulation_panel
    panel.strength.setValue(62)
    for key, box in panel.overlays.items():
        box.setChecked(key == "forces")
    window.set_structure_visible("gluteus_maximus_r", False)
    own = window.simulation.settings
    window.open_lesson(WEAK)
    assert window.camera_actions["posterior"].isChecked()  # the step flies to the back
    assert window.scene.label_ids == ["gluteus_medius_r"]
    speeds = [panel.speed.itemData(i) for i in range(panel.speed.count())]
    assert speeds == sorted({*SPEEDS, 0.6})
    window.lessons.panel.next()
    window.lessons.panel.next()  # a third step, on to the next: no growing speed list
    speeds = [panel.speed.itemData(i) for i in range(panel.speed.count())]
    assert speeds == sorted(speeds) and len(speeds) <= len(SPEEDS) + 1
    window.lessons.panel.back_button.click()
    window.lessons.panel.next()  # the Right arrow, after the lesson closed: nothing comes back
    assert window.lessons.player is None
    assert window.scene.label_ids == []
    assert window.scene.simulation is not None
    assert window.scene.simulation.shown == frozenset({"forces"})
    assert window.simulation.settings == own
    assert not window.scene.anatomy.is_visible("gluteus_maximus_r")
    assert [panel.speed.itemData(i) for i in range(panel.speed.count())] == list(SPEEDS)
    # Quitting with a lesson open keeps the user's own settings, not the lesson's.
    window.open_lesson(WEAK, step=1)
    window.close()
    saved = settings_from_json(str(settings.value("simulation/settings")))
    assert saved.strength_pct == 62 and not saved.compare


def test_a_lesson_s_own_camera_highlights_no_view_button(window: QtMainWindow) -> None:
    glutes = lessons_dir() / "02-gluteal-muscles"
    from anatomy_viewer.lesson import load_lesson

    steps = load_lesson(glutes / "lesson.yaml").steps
    explicit = next(i for i, s in enumerate(steps) if s.scene.camera.preset is None)
    window.open_lesson(glutes, step=explicit)
    assert not any(a.isChecked() for a in window.camera_actions.values())
    window.camera_actions["left"].trigger()
    assert window.camera_actions["left"].isChecked()


# -- the numbers while the movement plays ----------------------------------------------


class _Clock:
    """A clock that moves 5 ms each time it is read: frames well within 1/20 s."""

    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        self.now += 0.005
        return self.now


def test_the_numbers_in_the_view_are_those_under_it_while_playing(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = window.simulation
    assert controller is not None and window.scene is not None
    monkeypatch.setattr(controller, "clock", _Clock().monotonic)
    panel = window.simulation_panel
    panel.overlays["pelvic_level"].setChecked(True)
    panel.overlays["knee_alignment"].setChecked(True)
    # Weak abductors: the hip drops, by more as the free leg lifts.
    panel.weaken.setCurrentIndex(panel.weaken.findData("abductors"))
    panel.strength.setValue(15)
    visual = window.scene.simulation
    assert visual is not None
    shown = set()
    for phase in np.linspace(0.05, 0.95, 12):
        controller.show_phase(float(phase), playing=True)  # most frames skip the numbers
        drop = window.readouts.values()["pelvic_drop"].split("°")[0]
        knee = window.readouts.values()["knee"].rstrip("°")
        assert visual.pelvic_text.GetInput() == f"hip drop {drop}°"
        assert float(visual.knee_text.GetInput().split()[1].rstrip("°")) == pytest.approx(
            float(knee), abs=0.051
        )
        shown.add(drop)
    assert 1 < len(shown) < 12  # the numbers moved on, but not every frame
    controller.set_playing(False)
    frame = controller.frame
    assert frame is not None
    assert visual.pelvic_text.GetInput() == f"hip drop {frame.quantities['pelvic_drop_deg']:.1f}°"


# -- exports ---------------------------------------------------------------------------


def test_a_handout_asks_whose_text_and_which_paper_and_remembers_the_paper(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from anatomy_viewer.ui.export_dialogs import QtHandoutOptionsDialog
    from anatomy_viewer.ui.export_dialogs import remember_folder as remember

    exports = window.exports
    window.open_lesson(WEAK)
    remember(window.settings, "picture", tmp_path)  # a folder used for a picture before
    seen: dict[str, object] = {}

    def accept(dialog: QtHandoutOptionsDialog) -> int:
        seen["audience"] = dialog.audience
        dialog.audience_buttons[2]["student"].setChecked(True)
        dialog.paper_buttons[2]["letter"].setChecked(True)
        dialog.accept()
        return 1

    def save_as(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        seen["start"] = start
        return "", ""  # cancelled at the file dialog

    monkeypatch.setattr(QtHandoutOptionsDialog, "exec", accept)
    monkeypatch.setattr("anatomy_viewer.ui.export_actions.QFileDialog.getSaveFileName", save_as)
    exports.ask_handout()
    assert seen["audience"] == "patient"  # the lesson's audience on screen
    assert seen["start"] == str(tmp_path / f"{WEAK.name}.pdf")  # the folder used last
    options = QtHandoutOptionsDialog(window.settings, "patient", ["patient", "student"])
    assert options.paper == "letter"  # remembered
    options.deleteLater()


def test_a_video_is_offered_under_the_lesson_s_name(
    window: QtMainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    offered: list[str] = []

    def save_as(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        offered.append(Path(start).name)
        return "", ""

    monkeypatch.setattr("anatomy_viewer.ui.export_actions.QFileDialog.getSaveFileName", save_as)
    choices = iter(["The movement as it is set now", "This lesson step", "The whole lesson"])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a: (next(choices), True))
    window.simulation_panel.strength.setValue(40)
    window.exports.ask_video()
    window.open_lesson(WEAK, step=2)
    window.exports.ask_video()
    window.exports.ask_video()
    assert offered[0].endswith("-strength-40.mp4")
    assert offered[1:] == [f"{WEAK.name}-step-3.mp4", f"{WEAK.name}.mp4"]


def test_export_handout_without_a_lesson_says_so_and_offers_one(window: QtMainWindow) -> None:
    window.exports.handout_action.trigger()
    boxes = [
        b for b in window.findChildren(QMessageBox) if b.objectName() == "handout_needs_lesson"
    ]
    assert boxes and boxes[-1].isVisible()
    choose = next(b for b in boxes[-1].buttons() if b.text() == "Choose a lesson")
    choose.click()
    assert window.lessons_dock.isVisible()
    assert window.lessons.stack.currentWidget() is window.lessons.library
