"""Translatable text inside ``resources/*.json`` (prompts, assessments).

Values of the keys in ``TRANSLATABLE_KEYS`` are user-visible English source strings. The UI
passes them through ``_()`` when it shows them, and this module's ``extract`` is a Babel
extractor (registered in pyproject.toml as ``goldseam_resources``) so they land in the catalog.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

TRANSLATABLE_KEYS = frozenset(
    {
        "text",
        "help",
        "title",
        "label",
        "question",
        "explanation",
        "next_steps",
        "summary",
        "description",
        "caption",
        "intro",
        "timeframe",
        "concern",
        "attribution",
    }
)


def translatable_strings(data: Any) -> Iterator[str]:
    """Every translatable string in a loaded JSON document, in document order."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in TRANSLATABLE_KEYS and isinstance(value, str) and value:
                yield value
            elif key in TRANSLATABLE_KEYS and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str) and v)
            else:
                yield from translatable_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from translatable_strings(item)


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: yields (line number, function name, message, comments)."""
    raw = fileobj.read()
    text = raw.decode("utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    for message in translatable_strings(data):
        encoded = json.dumps(message, ensure_ascii=False)[1:-1]
        lineno = next((i + 1 for i, line in enumerate(lines) if encoded in line), 0)
        yield lineno, "_", message, []
