"""Story grouping: event features, the same-event model and the streaming grouping."""
from __future__ import annotations

import json
from datetime import date

import pytest

from annotators.align.stories import (
    PAIR_FEATURES, StoryStream, Window, cluster_stories, extract, group, load_model, pair_features,
)
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "stories" / "ecbplus_sample.jsonl"


@pytest.fixture(scope="module")
def ecb():
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


def test_dates_years_names_and_figures_are_read():
    text = ("Quake jolts Aceh\n\nDecember 15th, 2008, 7:35 am\n\nA magnitude 6.1 earthquake struck Aceh province "
            "on Monday, the U.S. Geological Survey said. In 2004 a tsunami killed 170,000 people there. "
            "Three people were hurt.")
    f = extract(text)
    assert f.published == date(2008, 12, 15)  # the dateline near the top
    assert f.years == {2004, 2008}
    assert {"6.1", "170000"} <= f.figures and "3" not in f.figures
    assert "aceh" in f.names and any("geological survey" in n for n in f.names)
    assert not {"monday", "three", "in", "a"} & set(f.names)


def test_the_importers_publication_date_wins_and_bad_dates_are_skipped():
    assert extract("Sat Nov 12 2011, 01:19 hrs", published="2011-11-13T08:00:00Z").published == date(2011, 11, 13)
    assert extract("Sat Nov 12 2011, 01:19 hrs").published == date(2011, 11, 12)
    assert extract("On February 30, 2011 nothing happened.").published is None


def test_different_events_of_one_kind_never_share_a_story(ecb):
    stories = cluster_stories([(k, r["text"]) for k, r in enumerate(ecb)])
    for story in stories:
        assert len({ecb[k]["event"] for k in story}) == 1, [ecb[k]["meta"].get("title") for k in story]


def test_the_reports_of_one_murder_are_one_story(ecb):
    murders = [(k, r["text"]) for k, r in enumerate(ecb) if r["topic"] == "32"]
    by_event = sorted(sorted(k for k, r in enumerate(ecb) if r["event"] == e) for e in ("32ecb", "32ecbplus"))
    assert sorted(cluster_stories(murders)) == by_event


def test_the_same_words_years_apart_are_less_likely_one_event(ecb):
    window = Window()
    text = ecb[0]["text"]
    a, b = (window.make(k, extract(text, published="2013-03-14")) for k in (0, 1))
    same = dict(zip(PAIR_FEATURES, pair_features(a, b)))
    assert same["cos_words"] == pytest.approx(1.0) and same["published_gap"] == 0.0
    later = window.make(2, extract(text, published="2016-05-01"))
    apart = dict(zip(PAIR_FEATURES, pair_features(a, later)))
    assert apart["published_gap"] > 0.5
    model = load_model()
    assert model.probabilities([list(same.values())])[0] > model.probabilities([list(apart.values())])[0]


def test_the_window_and_its_memory_stay_bounded(ecb):
    stream = StoryStream(capacity=5)
    texts = [r["text"] for r in ecb] * 3
    assignments = [stream.add(k, extract(t)) for k, t in enumerate(texts)]
    window = stream.window
    assert len(window.entries) == 5
    assert sum(len(m) for m in stream.members.values()) == 5
    rows = sum(c.shape[0] for c in window.chunks) + len(window.pending) - window.evicted
    assert rows == 5
    assert window.df_words.sum() == sum(e.words.nnz for e in window.entries)
    assert sorted(i for story in group(assignments) for i in story) == list(range(len(texts)))


def test_empty_and_wordless_articles():
    assert cluster_stories([]) == []
    assert cluster_stories([(5, "")]) == [[5]]
    assert cluster_stories([(1, ""), (2, "   ")]) == [[1], [2]]


def test_a_weights_file_that_does_not_fit_is_named(tmp_path):
    bad = tmp_path / "stories.json"
    bad.write_text(json.dumps({"features": ["cos_words"], "weights": [1.0], "bias": 0.0}))
    with pytest.raises(ValueError, match=r"stories.json: field 'features'"):
        load_model(bad)
