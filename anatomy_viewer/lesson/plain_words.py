"""Plain patient text: find sentences too long to follow at a glance.

Patient information reads best in short sentences (plain-language guidance for health
information commonly advises an average of 15 to 20 words and no sentence much over 25).
``check`` warns, without failing, about each patient sentence over :data:`MAX_WORDS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

#: Longest patient sentence ``check`` lets pass without a warning, in words.
MAX_WORDS: Final = 25

# A list item or a heading starts a new sentence whatever came before it.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|#+\s+|>\s*)")
_SENTENCE_END = re.compile(r"[.!?](?:[\"')\]*_]*)(?=\s|$)")
_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’%.-]*[A-Za-z0-9%])?")
# Markdown that is not words: images vanish, links keep their words.
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _clean(line: str) -> str:
    """The line with images removed and links reduced to their words, same length."""
    line = _IMAGE.sub(lambda m: " " * len(m[0]), line)
    return _LINK.sub(lambda m: " " + m[1] + " " * (len(m[0]) - len(m[1]) - 1), line)


def long_sentences(markdown: str, limit: int = MAX_WORDS) -> Iterator[tuple[int, int, int, str]]:
    """Sentences of more than ``limit`` words in ``markdown``.

    Yields
    ------
    line, column : int
        Where the sentence starts: 0-based line and column within the text.
    words : int
        How many words it has.
    start : str
        Its first few words, to find it by.
    """
    words: list[str] = []
    start: tuple[int, int] | None = None

    def finish() -> Iterator[tuple[int, int, int, str]]:
        if start is not None and len(words) > limit:
            yield start[0], start[1], len(words), " ".join(words[:6])

    for number, raw in enumerate(markdown.splitlines()):
        line = _clean(raw)
        if not line.strip() or _BLOCK_START.match(line):
            yield from finish()
            words, start = [], None
        offset = 0
        ends = [m.end() for m in _SENTENCE_END.finditer(line)]
        for end in [*ends, None]:
            piece = line[offset:end]
            found = list(_WORD.finditer(piece))
            if found and start is None:
                start = (number, offset + found[0].start())
            words.extend(m[0] for m in found)
            if end is not None:
                yield from finish()
                words, start = [], None
                offset = end
    yield from finish()
