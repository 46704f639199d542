"""Lesson text -> safe HTML: no raw HTML, images only from the lesson folder."""

from __future__ import annotations

from pathlib import Path

from anatomy_viewer.lesson import render_markdown
from anatomy_viewer.lesson.markdown import image_problems, resolve_image


def lesson_folder(tmp_path: Path) -> Path:
    """``tmp_path/lesson`` with ``images/hip.png``; ``tmp_path/secret.png`` lies outside it."""
    folder = tmp_path / "lesson"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "hip.png").write_bytes(b"png")
    (tmp_path / "secret.png").write_bytes(b"png")
    return folder


def test_emphasis_lists_and_escaped_html(tmp_path: Path) -> None:
    html = render_markdown("*one* **two**\n\n- a\n- b\n\n<script>alert(1)</script>", tmp_path)
    assert "<em>one</em>" in html and "<strong>two</strong>" in html and "<li>a</li>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_image_inside_folder_becomes_absolute_file_uri(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    html = render_markdown("![hip](images/hip.png)", folder)
    assert f'src="{(folder / "images" / "hip.png").resolve().as_uri()}"' in html


def test_unsafe_images_are_dropped(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    for src in ["../secret.png", "/etc/passwd.png", "https://x.org/a.png", "images/none.png"]:
        html = render_markdown(f"![x]({src})", folder)
        assert "<img" not in html, src
        assert image_problems(f"![x]({src})", folder), src


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = lesson_folder(tmp_path)
    (folder / "images" / "link.png").symlink_to(tmp_path / "secret.png")
    assert "outside" in str(resolve_image("images/link.png", folder))


def test_only_web_links_stay_links(tmp_path: Path) -> None:
    html = render_markdown("[a](https://example.org) [b](notes.txt) [c](javascript:x)", tmp_path)
    assert '<a href="https://example.org">a</a>' in html
    assert "notes.txt" not in html and "javascript" not in html.replace("[c](javascript:x)", "")
    assert html.count("<a ") == 1


def test_reference_style_image_is_checked(tmp_path: Path) -> None:
    problems = image_problems("![x][pic]\n\n[pic]: ../up.png\n", tmp_path)
    assert problems and "'..'" in problems[0][2]
