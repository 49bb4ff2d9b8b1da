"""The notice record: the public contract (see README, "The record").

These pydantic models are the single source of the contract; ``vacancy schema``
prints their JSON Schema. Every model rejects unknown fields.
"""
from schemas.record import (
    SCHEMA_VERSION,
    Deadline,
    Evidence,
    Item,
    Record,
    Salary,
    Section,
    Source,
    Text,
    Warning,
    json_schema,
)

__all__ = [
    "SCHEMA_VERSION",
    "Deadline",
    "Evidence",
    "Item",
    "Record",
    "Salary",
    "Section",
    "Source",
    "Text",
    "Warning",
    "json_schema",
]
