"""Two annotators who judged the same two sample articles differently (tests of
agreement and review; the judgments are listed in tests/cli/test_agreement_command.py).
Finished, article 2 has three differences: Blinken (kept/rejected), Cavoli
(ben kept it, ana finished without it) and, in article 1, Brussels GPE/ORG."""
from __future__ import annotations

from annotators.agreement import token_bounds
from store import Store


def span_id(store, article_id, label, text):
    body = store.get_article(article_id).text
    return next(s.id for s in store.spans(article_id, kinds=["entity"])
                if s.label == label and body[s.start:s.end] == text)


def two_annotators(db, finished: bool = True):
    """ana and ben judge articles 1 and 2 and (unless ``finished`` is False)
    mark both done: what they left is then not a span for them."""
    ana, ben = Store.open(db, "ana"), Store.open(db, "ben")
    try:
        ana.accept(span_id(ana, 1, "PERSON", "Antony Blinken"))
        ana.accept(span_id(ana, 1, "GPE", "Brussels"))
        ana.accept(span_id(ana, 2, "PERSON", "Antony Blinken"))
        ben.accept(span_id(ben, 1, "PERSON", "Antony Blinken"))
        ben.relabel(span_id(ben, 1, "GPE", "Brussels"), "ORG")
        ben.reject(span_id(ben, 2, "PERSON", "Antony Blinken"))
        ben.accept(span_id(ben, 2, "PERSON", "Christopher Cavoli"))
        if finished:
            for person in (ana, ben):
                person.mark_done(1), person.mark_done(2)
        tokens = sum(len(token_bounds(ana.get_article(a).text)) for a in (1, 2))
    finally:
        ana.close(), ben.close()
    return tokens
