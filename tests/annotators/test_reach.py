"""annotators.reach: who has a say on a span (the rule review, gold and agreement share)."""
from __future__ import annotations

from annotators.reach import all_reached, negatives_known, reviewable, waiting_for


def test_a_span_is_compared_only_when_every_annotator_judged_it_or_finished_the_article():
    assert all_reached(["ana", "ben"], judged={"ana", "ben"}, finished=set())
    assert all_reached(["ana", "ben"], judged={"ana"}, finished={"ben"})  # ben finished without it: not a span for him
    assert not all_reached(["ana", "ben"], judged={"ana"}, finished=set())  # ben never got there


def test_an_article_is_reviewable_and_negative_only_when_everyone_finished_it():
    assert waiting_for(["ana", "ben", "carl"], {"ben"}) == ["ana", "carl"]
    assert reviewable({"ana", "ben"}, {"ana", "ben"}) and not reviewable({"ana", "ben"}, {"ana"})
    assert not negatives_known({"ana", "ben"}, set(), reviewed=True)  # a reviewer's mark does not decide for them
    assert negatives_known({"ana", "ben"}, {"ana", "ben"}, reviewed=False)
    assert negatives_known(set(), set(), reviewed=True)  # nobody annotated it: the reviewer's own work
