"""Who has a say on a span: the one rule that review, the gold and agreement share.

An annotator of an article *reached* one of its spans when they judged it
(accepted, corrected, rejected or ignored it), or marked the article done:
finishing an article without keeping a span says it is not one.

- Among the annotators of an article, a span is *compared* (a difference when
  their answers differ, a figure of agreement) only when every one of them
  reached it.  A span some of them have not reached yet is no difference, and
  is not in the gold until they have.
- An article is *reviewable* (``copydesk review``) when every annotator of it
  marked it done; the others are *waiting* for the ones who have not.
- The unmarked text of an article is negative (in the gold, in exports) only
  when every annotator of it marked it done; a reviewer's "reviewed" makes it
  negative only for an article nobody annotated (the reviewer's own work).

Pure functions over names: no database, no UI.
"""
from __future__ import annotations

from typing import Collection, Iterable


def reached(person: str, judged: Collection[str], finished: Collection[str]) -> bool:
    """``person`` judged the span or finished its article."""
    return person in judged or person in finished


def all_reached(people: Iterable[str], judged: Collection[str], finished: Collection[str]) -> bool:
    """Every annotator of the article has a say on the span: it can be compared."""
    return all(reached(p, judged, finished) for p in people)


def waiting_for(people: Iterable[str], finished: Collection[str]) -> list[str]:
    """The annotators of an article who have not marked it done (sorted)."""
    return sorted(p for p in set(people) if p not in finished)


def reviewable(people: Collection[str], finished: Collection[str]) -> bool:
    """Every annotator (at least one) marked the article done."""
    return bool(people) and not waiting_for(people, finished)


def negatives_known(people: Collection[str], finished: Collection[str], reviewed: bool) -> bool:
    """Whether the article's unmarked text is negative: everyone who
    annotated it finished it; with no annotator, a reviewer closed it."""
    if people or finished:
        return reviewable(set(people) | set(finished), finished)
    return reviewed
