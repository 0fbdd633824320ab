"""Streaming story grouping: each article joins the best recent story or starts one.

For each new article: its ``CANDIDATES`` nearest articles among the last
``WINDOW_ARTICLES`` (sparse cosine of words), leaving out those published more
than ``WINDOW_DAYS`` apart; the same-event model scores each pair; a story's
score is the mean over its candidate members, and the article joins the best
story scoring at least the model's threshold, else starts a story.  The work
per article depends on the window, not on how many articles came before.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from .features import ArticleFeatures, extract
from .model import PairModel, load_model
from .window import Window, pair_features

WINDOW_ARTICLES = 2000
WINDOW_DAYS = 120
CANDIDATES = 10
STORY_SAMPLE = 20  # a story is compared through its latest members, at most this many: a big story costs no more


@dataclass(frozen=True)
class Assignment:
    article_id: int
    story: int
    score: float  # the joined story's score; 0 for an article that started its story
    merged: tuple[int, ...] = ()  # stories this article showed to be the same event: now part of ``story``


class StoryStream:
    def __init__(self, model: PairModel | None = None, threshold: float | None = None,
                 capacity: int = WINDOW_ARTICLES, candidates: int = CANDIDATES,
                 window_days: int | None = WINDOW_DAYS, next_story: int = 1):
        self.model = model or load_model()
        self.threshold = self.model.threshold if threshold is None else threshold
        self.window = Window(capacity)
        self.candidates = candidates
        self.window_days = window_days
        self.next_story = next_story
        self.members: dict[int, list] = defaultdict(list)  # story -> its entries in the window

    def seed(self, article_id: int, features: ArticleFeatures, story: int) -> None:
        """An article already in ``story`` (from the store) enters the window."""
        entry = self.window.make(article_id, features)
        entry.story = story
        self._enter(entry)
        self.next_story = max(self.next_story, story + 1)

    def add(self, article_id: int, features: ArticleFeatures) -> Assignment:
        entry = self.window.make(article_id, features)
        near = [(e, cos) for e, cos in self.window.nearest(entry, self.candidates) if self._in_time(entry, e)]
        story, score = None, 0.0
        stories = list(dict.fromkeys(e.story for e, _ in near))
        scored = []
        for s in stories:  # average link: the mean probability over the story's (latest) members in the window
            members = [m for m in self.members[s][-STORY_SAMPLE:] if self._in_time(entry, m)]
            if not members:
                continue
            probs = self.model.probabilities([pair_features(entry, m) for m in members])
            scored.append((float(probs.mean()), -s))
        if scored:
            best, neg = max(scored)
            if best >= self.threshold:
                story, score = -neg, best
        if story is None:
            story = self.next_story
            self.next_story += 1
        entry.story = story
        self._enter(entry)
        joinable = [-neg for p, neg in scored if p >= self.threshold and -neg != story]
        merged = tuple(s for s in joinable if s in self.members and self._link(story, s) >= self.threshold)
        for s in merged:
            for m in self.members.pop(s):
                m.story = story
                self.members[story].append(m)
        return Assignment(article_id, story, score, merged)

    def _link(self, a: int, b: int) -> float:
        """Average link of two stories: the mean same-event probability over their pairs in the window."""
        pairs = [pair_features(x, y) for x in self.members[a][-STORY_SAMPLE:] for y in self.members[b][-STORY_SAMPLE:]
                 if self._in_time(x, y)]
        return float(self.model.probabilities(pairs).mean()) if pairs else 0.0

    def _enter(self, entry) -> None:
        self.members[entry.story].append(entry)
        for old in self.window.add(entry):
            kept = [m for m in self.members[old.story] if m is not old]
            if kept:
                self.members[old.story] = kept
            else:
                del self.members[old.story]

    def _in_time(self, a, b) -> bool:
        pa, pb = a.features.published, b.features.published
        return self.window_days is None or pa is None or pb is None or abs((pa - pb).days) <= self.window_days


def group(assignments: Iterable[Assignment]) -> list[list[int]]:
    """Article ids grouped by story (merges applied), biggest story first."""
    stories: dict[int, list[int]] = defaultdict(list)
    for a in assignments:
        stories[a.story].append(a.article_id)
        for s in a.merged:
            stories[a.story].extend(stories.pop(s, []))
    out = [sorted(ids) for ids in stories.values()]
    out.sort(key=lambda c: (-len(c), c[0]))
    return out


def cluster_stories(docs: Sequence[tuple[int, str]], threshold: float | None = None,
                    published: Sequence[str | date | None] | None = None,
                    model: PairModel | None = None) -> list[list[int]]:
    """Article ids grouped into stories (reports of one event), taken in the
    order given (import order); ``published``: each doc's publication date when
    known (else the first date written near its top is used)."""
    stream = StoryStream(model, threshold)
    dates = published if published is not None else [None] * len(docs)
    return group(stream.add(i, extract(text, pub)) for (i, text), pub in zip(docs, dates))
