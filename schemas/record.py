"""Pydantic models of the notice record, schema version 1.0."""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Lang = Literal["en", "fr"]
Period = Literal["hour", "day", "week", "month", "year"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(_Strict):
    """The same thing in both official languages; a language the notice lacks is null."""

    en: Optional[str] = None
    fr: Optional[str] = None

    def is_empty(self) -> bool:
        return not self.en and not self.fr


class Item(Text):
    """A list item; EN item k and FR item k of a list are the same item."""

    children: list[Item] = Field(default_factory=list)


class Source(_Strict):
    file: str = Field(description="file name as given on the command line")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    media_type: str = Field(description="sniffed from the bytes, e.g. application/pdf")
    pages: int = Field(ge=0)
    ocr_pages: list[int] = Field(default_factory=list, description="1-based pages that went through OCR")


class Deadline(_Strict):
    date: dt.date
    time: Optional[str] = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    timezone: Optional[str] = Field(default=None, description="IANA time zone name")


class Salary(_Strict):
    min: float
    max: float
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")
    period: Period
    text: Text = Field(default_factory=Text)


class Section(_Strict):
    key: str = Field(description="summary, tasks, essential, desirable, competencies, offer, process, values, notice, other …")
    heading: Text = Field(default_factory=Text)
    body: Text = Field(default_factory=Text)


class Warning(_Strict):
    code: str
    field: Optional[str] = Field(default=None, description="JSON pointer of the field concerned")
    message: str


class Evidence(_Strict):
    """Where a value was read: bbox in points (1/72 inch) from the page's top-left corner."""

    lang: Optional[Lang] = None
    page: int = Field(ge=1)
    bbox: tuple[float, float, float, float]
    text: str
    confidence: Optional[float] = Field(default=None, ge=0, le=100,
                                        description="mean OCR confidence of the words (0-100); null for a text layer")


class Record(_Strict):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    languages: list[Lang] = Field(default_factory=list)
    reference: Optional[str] = None
    title: Text = Field(default_factory=Text)
    organization: Text = Field(default_factory=Text)
    unit: Text = Field(default_factory=Text)
    location: Text = Field(default_factory=Text)
    schedule: Optional[Literal["full-time", "part-time"]] = None
    contract: Text = Field(default_factory=Text)
    grade: Optional[str] = None
    clearance: Optional[str] = None
    deadline: Optional[Deadline] = None
    salary: Optional[Salary] = None
    start: Text = Field(default_factory=Text)
    essential: list[Item] = Field(default_factory=list)
    desirable: list[Item] = Field(default_factory=list)
    competencies: list[Item] = Field(default_factory=list)
    tasks: list[Item] = Field(default_factory=list)
    offer: list[Item] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    provenance: dict[str, list[Evidence]] = Field(default_factory=dict)


def json_schema() -> dict:
    """The JSON Schema of the record, as ``vacancy schema`` prints it."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Vacancy notice record {SCHEMA_VERSION}"
    return schema
