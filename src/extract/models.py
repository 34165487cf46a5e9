"""The record contract (SPEC section 1) as pydantic v2 models.

Field names here are the public API. Every model forbids unknown fields so a typo in an extractor
is an error, not a silently different record. The JSON Schema in ``schema/`` is generated from
these models (``make schema``) and a test fails when the two drift apart.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1"

Span = tuple[int, int]

System = Literal["party", "state"]
DocType = Literal[
    "nghi_quyet",
    "chi_thi",
    "ket_luan",
    "quy_dinh",
    "quyet_dinh",
    "quy_che",
    "huong_dan",
    "thong_bao",
    "ke_hoach",
    "chuong_trinh",
    "de_an",
    "bao_cao",
    "to_trinh",
    "thong_tri",
    "cong_van",
    "nghi_dinh",
    "thong_tu",
    "thong_tu_lien_tich",
    "luat",
    "bo_luat",
    "phap_lenh",
    "hien_phap",
    "dieu_le",
    "van_ban",
]
Grain = Literal["day", "month", "quarter", "half", "year"]
PartOfDay = Literal["morning", "noon", "afternoon", "evening", "night"]
MeetingType = Literal[
    "so_ket",
    "tong_ket",
    "plenum",
    "congress",
    "quan_triet",
    "bao_cao_vien",
    "tap_huan",
    "hoi_thao",
    "toa_dam",
    "giao_ban",
    "hoi_thi",
    "le",
    "ky_hop",
    "doi_thoai",
    "hoi_nghi",
]
MeetingFormat = Literal["online", "in_person", "hybrid"]
Comparator = Literal["eq", "gt", "gte", "lt", "lte", "approx"]
Role = Literal["target", "achieved", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Mention(_Model):
    """What every mention has: its exact text, its span in the decoded input, and the rule."""

    text: str = Field(description="The exact characters of the mention in the decoded input")
    span: Span = Field(description="[start, end) character offsets into the decoded input")
    rule: str = Field(description="Id of the rule that produced the mention")

    @field_validator("span")
    @classmethod
    def _span_ordered(cls, v: Span) -> Span:
        if v[0] < 0 or v[1] < v[0]:
            raise ValueError(f"span {v} is not an ordered pair of offsets")
        return v


class Reference(Mention):
    """A specific Party or State document named in the text."""

    system: System
    doc_type: DocType
    number: str | None = None
    symbol: str | None = None
    issuer_code: str | None = None
    issuer: str | None = None
    issued_on: str | None = Field(default=None, description="ISO date (full day) or null")
    term: str | None = None
    title: str | None = None
    key: str


class Date(Mention):
    """A calendar date, month, quarter, half-year, year, or an interval of them."""

    value: str = Field(description="TIMEX3-style value, XXXX where no year is known")
    grain: Grain
    start: str | None = None
    end: str | None = None
    year_inferred: bool = False
    part_of_day: PartOfDay | None = None
    time: str | None = Field(default=None, description="HH:MM")


class Meeting(Mention):
    """A named meeting, conference, congress or event."""

    type: MeetingType
    format: MeetingFormat | None = None
    ordinal: str | None = None
    term: str | None = None
    date: Date | None = None
    organizer: str | None = None
    chair: str | None = None
    locations: list[str] = Field(default_factory=list)
    period: Date | None = None


class Figure(Mention):
    """A number of countable things, or a percentage, that the text states."""

    value: int | float
    unit: str | None = None
    comparator: Comparator = "eq"
    subject: str | None = None
    role: Role = "other"
    deadline: str | None = Field(default=None, description="Year or TIMEX3 value of the target's deadline")

    @field_validator("value")
    @classmethod
    def _json_number(cls, v: int | float) -> int | float:
        # JSON writers (orjson) take integers up to 64 bits: a larger amount is written as a float
        if isinstance(v, int) and not -(2**63) <= v < 2**63:
            return float(v)
        return v


class Record(_Model):
    """One record per input document."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    doc_id: str | None
    source: str | None = None
    doc_date: Date | None = None
    references: list[Reference] = Field(default_factory=list)
    dates: list[Date] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
