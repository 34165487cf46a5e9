"""The committed JSON Schema is the one the models generate."""

import json

from extract.paths import schema_dir
from extract.schema_export import record_schema


def test_committed_schema_matches_models():
    committed = json.loads((schema_dir() / "record.schema.json").read_text(encoding="utf-8"))
    assert committed == record_schema(), "schema/ is stale: run `make schema` and commit it"


def test_record_forbids_unknown_fields():
    import pydantic
    import pytest

    from extract.models import Record

    with pytest.raises(pydantic.ValidationError):
        Record(doc_id="x", surprise=1)
