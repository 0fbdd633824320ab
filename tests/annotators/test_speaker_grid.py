"""Quotes counted by speaker and outlet, names folded (annotators.speaker_grid)."""
from __future__ import annotations

from annotators.people import fold_speakers
from annotators.speaker_grid import UNATTRIBUTED, speaker_grid


def test_a_short_name_and_a_possessive_fold_into_the_full_name():
    folded = fold_speakers(["Antony Blinken", "Blinken", "Blinken's", "antony blinken"])
    assert set(folded.values()) == {"Antony Blinken"}


def test_a_short_name_that_fits_two_people_stays_its_own():
    folded = fold_speakers(["Anna Smith", "John Smith", "Smith"])
    assert folded == {"Anna Smith": "Anna Smith", "John Smith": "John Smith", "Smith": "Smith"}


def test_transliterations_are_one_person():
    folded = fold_speakers(["Andrii Sybiha", "Andriy Sybiga"])
    assert len(set(folded.values())) == 1


def test_quotes_are_counted_per_speaker_and_outlet():
    quotes = [("Reuters", "Antony Blinken"), ("Reuters", "Blinken"), ("AP", "Blinken"),
              ("AP", "Sergey Lavrov"), ("AP", None), ("BBC", "Anna Smith"), ("BBC", "John Smith"), ("BBC", "Smith")]
    grid = speaker_grid(quotes, outlets=["Reuters", "AP", "BBC", "DW"])
    assert grid.outlets == ["Reuters", "AP", "BBC", "DW"]
    assert grid.speakers[0] == "Antony Blinken" and grid.speakers[-1] == UNATTRIBUTED
    assert [grid.count("Antony Blinken", o) for o in grid.outlets] == [2, 1, 0, 0]
    assert grid.count("Sergey Lavrov", "AP") == 1 and grid.count(UNATTRIBUTED, "AP") == 1
    assert {"Anna Smith", "John Smith", "Smith"} <= set(grid.speakers)
    assert grid.spellings["Antony Blinken"] == ["Blinken"]
    assert sum(grid.counts.values()) == len(quotes)
