"""Identity resolution against a generated ground truth (tests/truth_network.py): one
network of over 300 people written as the five sources a job seeker imports, with the
noise real exports have, imported as a user would (LinkedIn, Google CSV, the phone's
vCards, a calendar, a mailbox, in that order), then compared with the truth. The figures
are the ones docs/importing.md states."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kith.app import Kith
from truth_network import ME_EMAIL, ME_PHONE, NOW, Truth, generate, measure


@pytest.fixture
def truth(tmp_path: Path) -> Truth:
    return generate(tmp_path / "sources")


def imported(make_kith: Callable[..., Kith], truth: Truth, folder: bool = False) -> Kith:
    kith = make_kith(clock=lambda: NOW)
    kith.update_me(name="Sam Rivera", add={"emails": [ME_EMAIL], "phones": [ME_PHONE]})
    if folder:
        kith.import_paths([str(truth.folder)])
    else:
        for path in truth.paths():
            kith.import_paths([str(path)])
    return kith


def test_the_network_is_one_record_per_person(
    make_kith: Callable[..., Kith], db_url: str, truth: Truth
) -> None:
    kith = imported(make_kith, truth)
    pairs = [(p.a_id, p.b_id) for p in kith.duplicates()]
    figures = measure(db_url, truth, pairs)
    print(figures.report())
    assert figures.people >= 300
    assert figures.wrong_merges == []
    assert figures.split_share <= 0.01, figures.silent_splits
    assert figures.review_share <= 0.05
    assert figures.employer_accuracy >= 0.99, figures.employer_wrong
    assert figures.name_accuracy >= 0.95, figures.names_wrong
    assert len(figures.unmapped) <= 1  # the one address nobody in the truth writes from


def test_a_folder_of_the_same_files_gives_the_same_network(
    make_kith: Callable[..., Kith], db_url: str, truth: Truth
) -> None:
    kith = imported(make_kith, truth, folder=True)
    figures = measure(db_url, truth, [(p.a_id, p.b_id) for p in kith.duplicates()])
    assert figures.wrong_merges == [] and figures.split_share <= 0.01
    assert figures.employer_accuracy >= 0.99 and figures.name_accuracy >= 0.95


def test_importing_again_changes_nothing(make_kith: Callable[..., Kith], truth: Truth) -> None:
    kith = imported(make_kith, truth)
    before = len(kith.list_people())
    again = [kith.import_paths([str(p)]) for p in truth.paths()]
    assert sum(s.added + s.merged + s.queued + s.updated for s in again) == 0
    assert len(kith.list_people()) == before
