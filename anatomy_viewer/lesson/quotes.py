"""Find the quoting slip behind a YAML syntax error, and say how to mend it.

A YAML parser notices a quoting slip late and in its own words: an unclosed quote is
reported where the file ends, an apostrophe inside single quotes reads as a badly
indented key, and curly "smart" quotes from a word processor are not quotes at all.
When parsing fails, the lines up to the error are read again quote by quote, and the
first slip found is reported on its own line, with the fix in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Curly quotes a word processor types in place of straight ones.
CURLY_QUOTES = "“”„‘’‚"
_STRAIGHT = "'\""
# A quoted scalar can start at the start of a value: after "key: ", "- ", "[", "{" or ", ".
_VALUE_START = re.compile(r"(?:^\s*|:\s+|-\s+|[\[{]\s*|,\s*)$")


@dataclass(frozen=True)
class QuoteSlip:
    """A quoting mistake: where (1-based line and column) and the message for the author."""

    line: int
    column: int
    message: str


def _starts_value(line: str, index: int) -> bool:
    return bool(_VALUE_START.search(line[:index]))


def _closing(line: str, start: int) -> int | None:
    """Index of the quote that closes the one at ``start`` on this line, or None."""
    quote = line[start]
    index = start + 1
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and index + 1 < len(line) and line[index + 1] == "'":
                index += 2  # '' is an apostrophe inside single quotes
                continue
            return index
        index += 1
    return None


def _comparison_after(line: str, index: int) -> bool:
    """Whether ``line[index:]`` is an unquoted comparison such as ``>= 5`` or ``< 3``."""
    return bool(re.match(r"[<>]=?\s*[-+]?\d", line[index:]))


def _trailing_text(rest: str) -> bool:
    """Whether what follows a closing quote is more text (not a comment or punctuation)."""
    stripped = rest.lstrip()
    return bool(stripped) and stripped[0] not in "#,]}:"


def _word_around(line: str, index: int) -> str:
    start = index
    while start > 0 and (line[start - 1].isalnum()):
        start -= 1
    end = index + 1
    while end < len(line) and (line[end].isalnum()):
        end += 1
    return line[start:end]


def _slip_on_line(number: int, line: str, last_line: int) -> QuoteSlip | None:
    index = 0
    while index < len(line):
        char = line[index]
        if char == "#" and (index == 0 or line[index - 1].isspace()):
            return None
        if char in CURLY_QUOTES and _starts_value(line, index):
            return QuoteSlip(
                number,
                index + 1,
                f"the text starts with a curly quote ({char}), which YAML does not read as a "
                "quote (word processors type them); retype the quotes around the text as "
                'straight quotes ("), or write the text without quotes after |',
            )
        if char in "<>" and _starts_value(line, index) and _comparison_after(line, index):
            return QuoteSlip(
                number,
                index + 1,
                f"a comparison that starts with {char} must be in quotes, e.g. "
                f'"{line[index:].split(",")[0].split("}")[0].strip()}"',
            )
        if char in _STRAIGHT and _starts_value(line, index):
            closing = _closing(line, index)
            if closing is None:
                if number < last_line or number == last_line:
                    return QuoteSlip(
                        number,
                        index + 1,
                        f"the quote ({char}) that starts this text is never closed; end the "
                        f"text with {char} on this line",
                    )
                return None
            if char == "'" and _trailing_text(line[closing + 1 :]):
                word = _word_around(line, closing)
                return QuoteSlip(
                    number,
                    closing + 1,
                    f'the apostrophe in "{word}" ends the single-quoted text early; inside '
                    "single quotes write an apostrophe twice ("
                    f"{word.replace(chr(39), chr(39) * 2)}), or put the text in double quotes",
                )
            index = closing + 1
            continue
        index += 1
    return None


def find_quote_slip(text: str, error_line: int) -> QuoteSlip | None:
    """The first quoting slip on lines 1 to ``error_line`` (1-based), if there is one.

    Parameters
    ----------
    text
        The lesson file's text.
    error_line
        The line where the parser gave up; slips after it cannot have caused the error.
    """
    lines = text.splitlines()
    block_indent: int | None = None
    for number, line in enumerate(lines[:error_line], start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue  # inside a | or > block: any quote there is plain text
            block_indent = None
        slip = _slip_on_line(number, line, error_line)
        if slip is not None:
            return slip
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line) or re.match(r"^\s*-\s*[|>]\s*$", line):
            block_indent = indent
    return None
