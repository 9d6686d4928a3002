"""The published JSON Schema of a Notice, and validation for consumers (`notice-extract validate`)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema


@lru_cache(maxsize=1)
def notice_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("notice.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(notice_schema())


def validation_errors(notice: dict[str, Any]) -> list[str]:
    """Readable problems with one notice dict; empty when it is valid."""
    errors = []
    for err in sorted(_validator().iter_errors(notice), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(document)"
        errors.append(f"{where}: {err.message}")
    if not errors:
        text = notice.get("text", "")
        for o in notice.get("obligations", []):
            if not (0 <= o["start"] <= o["end"] <= len(text)) or text[o["start"] : o["end"]] != o["sentence"]:
                errors.append(f"obligations/{o['id']}: sentence does not match text[start:end]")
    return errors
