"""The record's JSON Schema, generated from the pydantic models (``make schema``)."""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from .models import Record


def record_schema() -> dict:
    schema = Record.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "extract/record.schema.json"
    return schema


def schema_bytes() -> bytes:
    return orjson.dumps(record_schema(), option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else Path("schema/record.schema.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(schema_bytes())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
