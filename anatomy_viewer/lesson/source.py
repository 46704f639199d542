"""Read a lesson file safely: bytes -> text -> YAML 1.2 -> plain data with positions.

Nothing here executes anything. The YAML is first scanned as a stream of events and
rejected if it uses anchors, aliases, explicit tags, several documents or deep nesting,
so alias bombs never expand. Only then is it composed into nodes, which are converted to
plain ``dict``/``list``/``str``/``int``/``float``/``bool``/``None`` while recording the
line and column of every key and value (duplicate keys are reported, all of them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingStartEvent,
    NodeEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from anatomy_viewer.lesson.diagnostics import Diagnostic
from anatomy_viewer.lesson.quotes import find_quote_slip

#: Largest lesson file accepted, in bytes.
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of lists and mappings accepted.
MAX_DEPTH = 32
#: Most YAML events (keys, values, list items) accepted in one file.
MAX_EVENTS = 50_000

JsonPath = tuple[str | int, ...]
_TAG = "tag:yaml.org,2002:"


@dataclass
class Source:
    """A parsed lesson file: its data and where each part of it was written.

    Attributes
    ----------
    path : Path
        The file.
    data : Any
        Plain Python data (what JSON would give).
    values : dict
        JSON path -> 1-based (line, column) of each value.
    keys : dict
        JSON path -> 1-based (line, column) of each mapping key.
    block_scalars : set
        JSON paths of literal/folded (``|``/``>``) strings, whose text starts a line later.
    containers : set
        JSON paths of mappings and lists (errors about them point at their key).
    lines : list of str
        The file's text, line by line (to place problems inside multi-line text).
    """

    path: Path
    data: Any
    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    block_scalars: set[JsonPath] = field(default_factory=set)
    containers: set[JsonPath] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)

    def position(self, path: JsonPath, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``path``: the key or value, else the nearest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        if not key and probe in self.containers and probe in self.keys:
            return self.keys[probe]
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def text_position(self, path: JsonPath, line: int, column: int) -> tuple[int, int]:
        """File position of (0-based ``line``, ``column``) inside the string at ``path``."""
        first_line, first_column = self.position(path)
        if path not in self.block_scalars:
            quoted = (
                1
                if first_column <= len(self._line(first_line))
                and self._line(first_line)[first_column - 1] in "'\""
                else 0
            )
            return first_line + line, (first_column + quoted + column if line == 0 else column + 1)
        content = first_line + 1 + line
        body = next((t for t in self.lines[first_line:] if t.strip()), "")
        indent = len(body) - len(body.lstrip(" "))
        return content, indent + column + 1

    def _line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.source = Source(path, None)

    def error(self, line: int, column: int, message: str) -> None:
        self.problems.append(Diagnostic(self.path, line, column, message))

    def decode(self, raw: bytes) -> str | None:
        if not raw.strip():
            self.error(
                1, 1, "the file is empty; a lesson needs at least 'format', 'title' and 'steps'"
            )
            return None
        if b"\x00" in raw:
            self.error(
                1, 1, "this is not a text file (it contains NUL bytes); save it as UTF-8 text"
            )
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = raw[: exc.start]
            line = before.count(b"\n") + 1
            column = exc.start - (before.rfind(b"\n") + 1) + 1
            self.error(line, column, "the file is not valid UTF-8 text; save it as UTF-8")
            return None
        return text.removeprefix("\ufeff")

    def scan(self, yaml: YAML, text: str) -> bool:
        depth = documents = 0
        for count, event in enumerate(yaml.parse(text), start=1):
            line, column = event.start_mark.line + 1, event.start_mark.column + 1
            if count > MAX_EVENTS:
                self.error(line, column, f"the file has too many entries (more than {MAX_EVENTS})")
                return False
            if isinstance(event, AliasEvent):
                self.error(line, column, "aliases (*name) are not allowed; write the value out")
                return False
            if isinstance(event, NodeEvent) and event.anchor is not None:
                self.error(line, column, "anchors (&name) are not allowed; write each value out")
                return False
            tag = getattr(event, "tag", None)
            if tag is not None and isinstance(event, NodeEvent):
                self.error(line, column, f"tags like '{tag}' are not allowed in a lesson")
                return False
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.error(line, column, "only one YAML document per file (remove '---')")
                    return False
            if isinstance(event, MappingStartEvent | SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    self.error(line, column, f"nested more than {MAX_DEPTH} levels deep")
                    return False
            elif type(event).__name__ in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
        return True

    def convert(self, node: Node, path: JsonPath) -> Any:
        src = self.source
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        src.values[path] = (line, column)
        if isinstance(node, MappingNode):
            src.containers.add(path)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                if not isinstance(key_node, ScalarNode):
                    self.error(kline, kcol, "a key must be a plain word, not a list or mapping")
                    continue
                if str(key_node.tag) == _TAG + "merge":
                    self.error(kline, kcol, "merge keys ('<<') are not allowed")
                    continue
                key = str(key_node.value)
                if key in result:
                    first = src.keys[(*path, key)]
                    self.error(
                        kline, kcol, f"duplicate key '{key}' (first written on line {first[0]})"
                    )
                    continue
                src.keys[(*path, key)] = (kline, kcol)
                result[key] = self.convert(value_node, (*path, key))
            return result
        if isinstance(node, SequenceNode):
            src.containers.add(path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.style in ("|", ">"):
            src.block_scalars.add(path)
        return self.scalar(node, line, column)

    def scalar(self, node: ScalarNode, line: int, column: int) -> Any:
        tag, value = str(node.tag), str(node.value)
        kind = tag.removeprefix(_TAG)
        if kind == "null":
            return None
        if kind == "bool":
            return value.lower() == "true"
        if kind == "int":
            digits = value.replace("_", "")
            try:
                return int(digits, 0)
            except ValueError:
                try:
                    return int(digits, 10)
                except ValueError:
                    return value
        if kind == "float":
            try:
                number = float(
                    value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan")
                )
            except ValueError:
                return value
            if not math.isfinite(number):
                self.error(line, column, f"'{value}' is not a finite number")
                return 0.0
            return number
        return value


def read_source(path: Path) -> tuple[Source | None, list[Diagnostic]]:
    """Read and parse one lesson file without ever raising.

    Parameters
    ----------
    path : Path
        The ``lesson.yaml`` file.

    Returns
    -------
    source : Source or None
        The parsed data with positions, or None if the file could not be parsed.
    problems : list of Diagnostic
        Everything wrong at this level (encoding, size, YAML syntax, anchors, duplicate keys).
    """
    reader = _Reader(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reader.error(1, 1, f"cannot read the file: {exc.strerror or exc}")
        return None, reader.problems
    if len(raw) > MAX_FILE_BYTES:
        reader.error(
            1, 1, f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB; split the lesson"
        )
        return None, reader.problems
    text = reader.decode(raw)
    if text is None:
        return None, reader.problems
    return parse_text(text, path, reader)


#: Plain-language hints for the YAML slips authors make most, keyed by the parser's words.
_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "a colon followed by a space inside a text? Put the whole text in quotes, "
        'e.g. title: "Step 1: the knee"',
    ),
    ("'\\t'", "a Tab character: indent with spaces only"),
    ("\t", "a Tab character: indent with spaces only"),
    (
        "expected <block end>",
        "check the indentation: items of the same list or map must start in the same column",
    ),
    ("could not find expected ':'", "a key without a colon, or a text that needs quotes"),
)


def _syntax_hint(what: str) -> str:
    """A hint in plain words for a YAML parser message, or ``""``."""
    for needle, hint in _SYNTAX_HINTS:
        if needle in what:
            return f" ({hint})"
    return ""


def parse_text(
    text: str, path: Path, reader: _Reader | None = None
) -> tuple[Source | None, list[Diagnostic]]:
    """Parse lesson ``text`` as if it came from ``path`` (see `read_source`)."""
    reader = reader or _Reader(path)
    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    try:
        if not reader.scan(yaml, text):
            return None, reader.problems
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        slip = find_quote_slip(text, line)
        if slip is not None:
            reader.error(slip.line, slip.column, f"YAML syntax: {slip.message}")
            return None, reader.problems
        what = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        start = exc.context_mark
        if start is not None and exc.problem_mark is not None and start.line != mark.line:
            what += f" (the part that is not closed starts on line {start.line + 1})"
        reader.error(line, column, f"YAML syntax: {what}{_syntax_hint(what)}")
        return None, reader.problems
    except (YAMLError, RecursionError, ValueError) as exc:
        reader.error(1, 1, f"YAML syntax: {exc}")
        return None, reader.problems
    if node is None:
        reader.error(1, 1, "the file has no content; a lesson needs 'format', 'title' and 'steps'")
        return None, reader.problems
    reader.source.lines = text.splitlines()
    reader.source.data = reader.convert(node, ())
    return reader.source, reader.problems
