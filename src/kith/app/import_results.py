"""What the import use cases return (beyond `ImportSummary`): review items, merges,
duplicates and exports, for the CLI, the web app and JSON alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReviewItem:
    """An imported record that may be someone already known, and the user's decision."""

    id: int
    name: str  # as the record has it
    emails: list[str]
    organization: str
    origin: str  # "file, line 12"
    candidate_id: int
    candidate: str  # the known person's name
    candidate_headline: str
    score: float  # name similarity, 0-100
    reason: str
    decision: str | None = None  # "merge", "apart", or null while waiting
    person_id: int | None = None  # who the record became, once decided
    subject_id: int | None = None  # the person the import kept apart, while waiting
    merged_name: str = ""  # the name the merge would keep (a preview)


@dataclass
class MergeResult:
    """A merge or unmerge: who was kept, who was merged into them (or given back)."""

    kept_id: int
    kept: str
    merged_id: int
    merged: str
    interactions_moved: int
    undone: bool = False


@dataclass
class DuplicatePair:
    """Two people who may be one."""

    a_id: int
    a: str
    b_id: int
    b: str
    score: float
    reason: str
