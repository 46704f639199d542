"""Structural checks: the JSON Schema, with its errors turned into author-friendly lines."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from anatomy_viewer.lesson.diagnostics import Diagnostic, suggest
from anatomy_viewer.lesson.expect import comparison_hint
from anatomy_viewer.lesson.schema import shipped_schema
from anatomy_viewer.lesson.source import JsonPath, Source
from anatomy_viewer.lesson.structures import STRUCTURE_IDS, sorted_landmarks

if TYPE_CHECKING:  # jsonschema is imported when a lesson is first checked, not at start-up
    from jsonschema.exceptions import ValidationError

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "null": "nothing",
}


def describe_path(path: Sequence[str | int]) -> str:
    """``('steps', 2, 'camera')`` -> ``"step 3 > camera"`` (numbers count from 1)."""
    words: list[str] = []
    for i, part in enumerate(path):
        if isinstance(part, int):
            parent = path[i - 1] if i else ""
            name = "step" if parent == "steps" else "item"
            if words and parent == "steps":
                words.pop()
            words.append(f"{name} {part + 1}")
        else:
            words.append(part)
    return " > ".join(words)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{short}'"
    if isinstance(value, dict):
        return "a mapping"
    return "a list"


def _types(schema: Any) -> list[str]:
    if not isinstance(schema, dict):
        return []
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [str(t) for t in declared]
    types: list[str] = []
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        types.extend(t for t in _types(branch) if t not in types)
    if "$ref" in schema or "enum" in schema:
        types.append("string")
    return types


def _wrong_type(error: ValidationError) -> bool:
    """Whether the value is of a type the (sub-)schema never accepts."""
    if error.relative_path:
        return False
    if error.validator == "type":
        return True
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[int, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(int(sub.schema_path[0]), []).append(sub)
        return all(any(_wrong_type(s) for s in subs) for subs in branches.values())
    return False


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """Pick the errors an author should see: inside anyOf, the branch of the right type."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield error
        return
    percent = isinstance(error.instance, str) and _PERCENT.match(error.instance)
    if percent and "number" in _types(error.schema):  # "35%": the number's hint, not a word's
        yield error
        return
    by_branch: dict[int, list[ValidationError]] = {}
    for sub in error.context:
        by_branch.setdefault(int(sub.schema_path[0]), []).append(sub)
    fitting = [subs for subs in by_branch.values() if not any(_wrong_type(s) for s in subs)]
    if len(fitting) > 1:
        fitting = _closest_branches(error.instance, fitting)
    if len(fitting) == 1:
        for sub in fitting[0]:
            yield from _leaf_errors(sub)
        return
    yield error


def _closest_branches(
    value: Any, branches: list[list[ValidationError]]
) -> list[list[ValidationError]]:
    """Among branches of the right type, those the author most likely meant.

    A mapping meant the branch whose required keys it has; a word meant the list of
    names holding the closest match (a structure id, or a landmark with a dot).
    """
    if isinstance(value, dict):
        complete = [
            subs
            for subs in branches
            if not any(s.validator == "required" and not s.relative_path for s in subs)
        ]
        return complete or branches
    if isinstance(value, str):
        scored = []
        for subs in branches:
            options = [str(o) for s in subs if s.validator == "enum" for o in s.validator_value]
            if options:
                best = difflib.get_close_matches(value, options, n=1, cutoff=0.0)
                ratio = difflib.SequenceMatcher(None, value, best[0]).ratio() if best else 0.0
                scored.append((ratio, subs))
        if scored:
            return [max(scored, key=lambda item: item[0])[1]]
    return branches


_PERCENT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*$")
#: Keys authors write to mark a quiz's right answer.
_ANSWER_KEYS = frozenset({"answer", "answers", "correct_answer", "right_answer", "solution"})


def _unknown_key(key: str, allowed: list[str], path: Sequence[str | int], mapping: Any) -> str:
    """The message for a key the format does not have, with the likeliest fix."""
    if "quiz" in path and key.lower() in _ANSWER_KEYS:
        named = mapping.get(key) if isinstance(mapping, dict) else None
        choices = mapping.get("choices") if isinstance(mapping, dict) else None
        texts = [c.get("text") for c in choices if isinstance(c, dict)] if choices else []
        if isinstance(named, str) and named in texts:
            return (
                f"unknown key '{key}': remove it and add 'correct: true' to the choice "
                f"'{named}' (e.g. - {{text: {named}, correct: true}})"
            )
        if "structure" in allowed and not choices:
            return (
                f"unknown key '{key}': a 'click the structure' question names the right "
                "structure under 'structure', e.g. structure: gluteus_medius_r"
            )
        return (
            f"unknown key '{key}': mark the right choice itself with 'correct: true', "
            "e.g. - {text: Gluteus medius, correct: true}"
        )
    return f"unknown key '{key}'{suggest(key, allowed)}"


def _message(error: ValidationError, source: Source) -> tuple[JsonPath, str, bool]:
    """Return (path, message, point at the key?) for one schema error."""
    path: JsonPath = tuple(error.absolute_path)
    where = describe_path(path)
    prefix = f"{where}: " if where else ""
    value, validator = error.instance, error.validator
    if validator == "additionalProperties" and isinstance(value, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        key = extra[0] if extra else "?"
        return (*path, key), f"{prefix}{_unknown_key(key, allowed, path, value)}", True
    if validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else "?"
        return path, f"{prefix}missing required key '{missing}'", False
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        if set(options) == STRUCTURE_IDS:
            hint = suggest(str(value), options) or " (see docs/lesson-format.md for the ids)"
            return path, f"{prefix}unknown structure id '{value}'{hint}", False
        if set(options) == set(sorted_landmarks()):
            hint = suggest(str(value), options) or " (see docs/lesson-format.md for the landmarks)"
            return path, f"{prefix}unknown landmark '{value}'{hint}", False
        if options == ["patient"]:  # strength_pct: a number, or the patient's strength
            return (
                path,
                f"{prefix}{_kind(value)} is not allowed; write a number from 0 to 100, or "
                "'patient' for the patient's own strength" + suggest(str(value), options),
                False,
            )
        listed = ", ".join(options)
        return (
            path,
            f"{prefix}{_kind(value)} is not allowed; use one of: {listed}"
            + suggest(str(value), options),
            False,
        )
    if validator == "const":
        return path, f"{prefix}must be {error.validator_value!r}, not {_kind(value)}", False
    if "expect" in path and validator in ("type", "pattern"):
        return path, f"{prefix}{comparison_hint(value)}", False
    if validator == "pattern":
        return path, f"{prefix}{_kind(value)} is not allowed here", False
    if validator == "type" or validator in ("anyOf", "oneOf"):
        wanted = _types(error.schema) or [str(error.validator_value)]
        percent = _PERCENT.match(value) if isinstance(value, str) else None
        if percent and ("number" in wanted or "integer" in wanted):
            key = path[-1] if path and isinstance(path[-1], str) else "the value"
            return (
                path,
                f"{prefix}write the number without the % sign: {key}: {percent[1]}",
                False,
            )
        words = " or ".join(dict.fromkeys(_TYPE_WORDS.get(t, t) for t in wanted))
        return path, f"{prefix}expected {words}, got {_kind(value)}", False
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low = error.schema.get("minimum")
        high = error.schema.get("maximum")
        return path, f"{prefix}{value} is out of range ({low} to {high})", False
    if validator == "minItems":
        return path, f"{prefix}needs at least {error.validator_value} item(s)", False
    if validator == "maxItems":
        return path, f"{prefix}has more than {error.validator_value} items", False
    if validator == "uniqueItems":
        return path, f"{prefix}lists the same item twice", False
    if validator in ("minLength", "minProperties"):
        return path, f"{prefix}must not be empty", False
    if validator == "maxLength":
        return path, f"{prefix}is too long (over {error.validator_value} characters)", False
    return path, f"{prefix}{error.message}", False


def validate(source: Source) -> list[Diagnostic]:
    """Check ``source.data`` against the shipped schema; one diagnostic per problem."""
    from jsonschema import Draft7Validator

    validator = Draft7Validator(shipped_schema())
    seen: set[tuple[int, int, str]] = set()
    problems: list[Diagnostic] = []
    for top in validator.iter_errors(source.data):
        for error in _leaf_errors(top):
            for path, text, at_key in _expand(error, source):
                line, column = source.position(path, key=at_key)
                if (line, column, text) not in seen:
                    seen.add((line, column, text))
                    problems.append(Diagnostic(source.path, line, column, text))
    return sorted(problems)


def _expand(error: ValidationError, source: Source) -> Iterator[tuple[JsonPath, str, bool]]:
    """One message per unknown key (jsonschema reports them together)."""
    value = error.instance
    if error.validator == "additionalProperties" and isinstance(value, dict):
        allowed = list(error.schema.get("properties", {}))
        base: JsonPath = tuple(error.absolute_path)
        where = describe_path(base)
        prefix = f"{where}: " if where else ""
        for key in sorted(k for k in value if k not in allowed):
            yield (*base, key), f"{prefix}{_unknown_key(key, allowed, base, value)}", True
        return
    yield _message(error, source)
