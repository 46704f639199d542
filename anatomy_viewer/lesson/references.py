"""Reference keys: lessons cite the project's sources (``docs/references.md``) by key.

A lesson's ``source`` names its sources in square brackets, ``[bergmann2016]``; ``check``
reports a key the list does not have, with the closest one it does.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from anatomy_viewer.resources import references_path

# An entry of the list: a line "- **[key]** Authors (year). ...".
_ENTRY = re.compile(r"^- \*\*\[([a-z0-9]+)\]\*\*", re.MULTILINE)
# A citation: [key] in lower case, not the text of a Markdown link "[words](address)".
_CITATION = re.compile(r"\[([a-z][a-z0-9]*)\](?!\()")


@cache
def reference_keys(path: Path | None = None) -> frozenset[str]:
    """The keys of the project's list of sources (empty when the list cannot be read)."""
    try:
        text = (path or references_path()).read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(_ENTRY.findall(text))


def cited_keys(text: str) -> list[str]:
    """The reference keys cited in ``text``, in order (each once)."""
    return list(dict.fromkeys(_CITATION.findall(text)))
