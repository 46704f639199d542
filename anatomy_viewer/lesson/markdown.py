"""Lesson Markdown -> safe HTML for a QTextBrowser.

Raw HTML in the text is not interpreted (markdown-it-py with ``html`` off), images load
only from files inside the lesson folder (as absolute ``file://`` URIs, so a
QTextBrowser shows them without a search path), and links only go to web or mail
addresses. Anything else is dropped here and reported by `image_problems` at check time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


#: Image file types a lesson may show.
IMAGE_SUFFIXES: Final = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
# An inline image as written, to report its exact line and column; markdown-it may
# refuse to parse some (e.g. file: URLs), and those must still be reported.
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)")


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first use, not at start-up

    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def resolve_image(src: str, folder: Path) -> Path | str:
    """Return the image file for ``src``, or why it is refused.

    Parameters
    ----------
    src : str
        The image address as written, e.g. ``images/pelvis.png``.
    folder : Path
        The lesson folder; the image must be a file inside it.
    """
    if not src:
        return "an image needs a file name"
    if "\\" in src:
        return f"image '{src}': use forward slashes '/' in image paths"
    if _SCHEME.match(src) or src.startswith("//"):
        return f"image '{src}': only files inside the lesson folder can be shown (no URLs)"
    pure = PurePosixPath(src)
    if pure.is_absolute():
        return f"image '{src}': write the path relative to the lesson folder, not absolute"
    if ".." in pure.parts:
        return f"image '{src}': '..' is not allowed; keep images inside the lesson folder"
    if pure.suffix.lower() not in IMAGE_SUFFIXES:
        return f"image '{src}': use a {', '.join(IMAGE_SUFFIXES)} file"
    try:
        root = folder.resolve()
        target = (root / pure).resolve()
    except (OSError, RuntimeError):
        return f"image '{src}': the path cannot be resolved"
    if not target.is_relative_to(root):
        return f"image '{src}': it points outside the lesson folder"
    if not target.is_file():
        return f"image '{src}': no such file in the lesson folder"
    return target


def _inline_tokens(tokens: list[Token]) -> Iterator[tuple[Token, int]]:
    for block in tokens:
        line = block.map[0] if block.map else 0
        for child in block.children or ():
            yield child, line


def image_problems(text: str, folder: Path) -> list[tuple[int, int, str]]:
    """Problems with the images in ``text``: (0-based line, 0-based column, message)."""
    problems: list[tuple[int, int, str]] = []
    written: set[str] = set()
    for match in _IMAGE.finditer(text):
        written.add(match[1])
        found = resolve_image(match[1], folder)
        if isinstance(found, str):
            line = text.count("\n", 0, match.start())
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
            problems.append((line, column, found))
    for token, line in _inline_tokens(_parser().parse(text)):
        src = unquote(str(token.attrGet("src") or ""))
        if token.type == "image" and src not in written:
            found = resolve_image(src, folder)
            if isinstance(found, str):
                problems.append((line, 0, found))
    return problems


def link_problems(text: str) -> list[tuple[int, str]]:
    """Links that will show as plain text: (0-based line, message)."""
    problems: list[tuple[int, str]] = []
    for token, line in _inline_tokens(_parser().parse(text)):
        href = str(token.attrGet("href") or "")
        if token.type == "link_open" and not _SAFE_LINK.match(href):
            message = f"link '{href}': only http(s) and mailto links work; it shows as plain text"
            problems.append((line, message))
    return problems


def render_markdown(text: str, folder: Path) -> str:
    """Render lesson Markdown to HTML, keeping only safe images and links.

    Parameters
    ----------
    text : str
        Markdown as written in the lesson.
    folder : Path
        The lesson folder images are resolved against.

    Returns
    -------
    str
        HTML; images have absolute ``file://`` sources inside ``folder``.
    """
    md = _parser()
    tokens = md.parse(text)
    for token, _line in _inline_tokens(tokens):
        if token.type == "image":
            found = resolve_image(unquote(str(token.attrGet("src") or "")), folder)
            if isinstance(found, Path):
                token.attrSet("src", found.as_uri())
            else:
                token.type, token.tag, token.children = "text", "", None
                token.content = f"[image: {token.content}]" if token.content else ""
        elif token.type in ("link_open", "link_close"):
            href = str(token.attrGet("href") or "") if token.type == "link_open" else ""
            if token.type == "link_open" and not _SAFE_LINK.match(href):
                token.meta["dropped"] = True
                token.type, token.content = "text", ""
    _drop_orphan_link_closes(tokens)
    return str(md.renderer.render(tokens, md.options, {}))


def _drop_orphan_link_closes(tokens: list[Token]) -> None:
    for block in tokens:
        depth: list[bool] = []
        for child in block.children or ():
            if child.type == "link_open":
                depth.append(True)
            elif child.type == "text" and child.meta.get("dropped"):
                depth.append(False)
            elif child.type == "link_close" and depth and not depth.pop():
                child.type, child.content = "text", ""
