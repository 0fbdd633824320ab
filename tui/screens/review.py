"""Review: the spans where annotators differ, one at a time, and the reviewer's decision as the gold.

ReviewScreen(store) walks, for every article two or more annotators worked on
and all of them marked done (annotators.reach), ``store.differences(article_id)``.
As INCEpTION's curation: each annotator's version of the paragraph(s) around
the difference, their spans painted, above the gold (the whole article, in a
Reader, the caret on the difference).  ``1``..``9`` take that annotator's
version (``store.take_version``), ``x`` rejects the span and ``l`` relabels it
(the reviewer's own version, ``store.review_edit``), ``b`` adjusts its bounds
in the gold, ``e`` adds the selection as an entity both annotators missed
(``store.review_add``), ``u`` undoes the reviewer's last decision, ``n`` /
``p`` move, ``d`` marks the article reviewed.  Every decision is a gold
judgment recorded with the store's annotator, the reviewer.

Text is data: the article, names and labels are rich Text, never markup.
"""
from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from annotators import tokens
from store import SpanRecord, Store
from store.label_rule import label_problem

from ..actions.writing import WritingMixin
from ..config import CLAIM_LABEL, QUOTE_LABEL, load_label_sets
from ..crash import CrashReport
from ..screen_text import PlainNotifications
from ..widgets.certainty import short
from ..widgets.reader import Reader
from ..widgets.spanview import one_line
from .pickers import ChoicePicker
from .review_attrs import ReviewAttributes
from .review_view import (AGREED, Item, agreed_items, review_items, reviewable_articles, versions_text,
                          waiting_articles, waiting_text)

KEPT = ("accepted", "corrected")


class ReviewScreen(ReviewAttributes, Screen):
    DEFAULT_CSS = """
    ReviewScreen #review-where { height: auto; max-height: 5; padding: 0 1; }
    ReviewScreen #review-top { height: auto; max-height: 50%; padding: 0 1; }
    ReviewScreen #review-gold { height: 1fr; min-height: 4; border: round $panel-lighten-2; }
    ReviewScreen #review-gold:focus { border: round $accent; }
    ReviewScreen #review-status { height: auto; max-height: 2; padding: 0 1; }
    """
    BINDINGS = [
        Binding("n", "move(1)", "next"),
        Binding("p", "move(-1)", "prev"),
        *[Binding(str(k), f"take({k})", "take version" if k == 1 else "", show=k == 1) for k in range(1, 10)],
        Binding("x", "reject", "reject"),
        Binding("l", "relabel", "relabel"),
        Binding("b", "boundaries", "bounds"),
        Binding("e", "add('entity')", "add entity"),
        Binding("q", "add('quote')", "add quote", show=False),
        Binding("c", "add('claim')", "add claim", show=False),
        Binding("A", "toggle_agreed", "agreed too"),
        Binding("s", "speaker", "speaker", show=False),
        Binding("t", "tags", "tags", show=False),
        Binding("v", "verdict", "verdict", show=False),
        Binding("u", "undo", "undo"),
        Binding("d", "reviewed", "article reviewed"),
        Binding("escape", "close", "close"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.items = review_items(store)
        self.waiting = waiting_articles(store)
        self.at = 0
        self.labels = load_label_sets(store.path)
        self._spans_of: dict[tuple[int, str], list[SpanRecord]] = {}  # (article, person) -> their kept spans
        self._shown_article: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="review-where")
        with VerticalScroll(id="review-top"):
            yield Static(id="review-versions")
        yield Reader(id="review-gold")
        yield Input(placeholder="new label, enter to apply, escape to cancel", id="review-label")
        yield Static(id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-label", Input).display = False
        self.gold.border_title = "gold: the whole article (b resizes the span, select + e adds an entity)"
        self.show()
        self.gold.focus()

    @property
    def gold(self) -> Reader:
        return self.query_one("#review-gold", Reader)

    # --- what is shown ----------------------------------------------------------------

    @property
    def current(self) -> Item | None:
        return self.items[self.at] if self.items else None

    @property
    def open_count(self) -> int:
        return sum(item.decided is None for item in self.items)

    def action_toggle_agreed(self) -> None:
        """Step through the spans every annotator agreed on as well (again: differences only)."""
        at = self.current
        reviewable = reviewable_articles(self.store)
        if any(item.decided == AGREED for item in self.items):
            self.items = [item for item in self.items if item.decided != AGREED]
            said = "differences only"
        else:
            order = {a: i for i, a in enumerate(reviewable)}
            self.items = sorted(self.items + agreed_items(self.store, reviewable),
                                key=lambda i: (order[i.article_id], i.difference.start, -i.difference.end))
            said = f"differences and the {sum(i.decided == AGREED for i in self.items)} agreed spans"
        self.at = next((k for k, item in enumerate(self.items) if at is not None and item is at), 0)
        self.say(f"stepping through {said} (A again: {'agreed spans too' if said == 'differences only' else 'differences only'})")
        self.show()

    def say(self, message: str, style: str = "") -> None:
        self.query_one("#review-status", Static).update(Text(message, style=style))

    def spans_of(self, article_id: int, person: str) -> list[SpanRecord]:
        key = (article_id, person)
        if key not in self._spans_of:
            self._spans_of[key] = self.store.spans_for(article_id, person, statuses=KEPT)
        return self._spans_of[key]

    def gold_records(self, article_id: int) -> list[SpanRecord]:
        """The gold as it stands (kept spans), and the article's open differences as the gold layer has them."""
        records, open_differences = self.store.gold_spans(article_id)
        shown = [r for r in records if r.status in KEPT]
        if open_differences:
            layer = {r.id: r for r in self.store.spans_for(article_id, layer="gold")}
            shown += [layer[d.span_id] for d in open_differences if d.span_id in layer]
        return shown

    def show_gold(self, item: Item, reload: bool = False) -> None:
        """The gold of the item's article in the reader, the caret on the difference."""
        article = self.store.get_article(item.article_id)
        records = self.gold_records(item.article_id)
        if reload or self._shown_article != item.article_id:
            self.gold.show_article(article.text, records)
            self._shown_article = item.article_id
        else:
            self.gold.set_spans(records)
        span = self.gold.index.by_id.get(item.difference.span_id)
        if span is None:  # decided out of the gold: put the caret there all the same
            span = next((r for r in self.store.spans_for(item.article_id, layer="gold")
                         if r.id == item.difference.span_id), None)
            self.gold.go_to_span(None)
            if span is not None:
                self.gold.move_cursor(self.gold.location_of(span.start), center=True)
            return
        self.gold.go_to_span(span)

    def show(self, reload: bool = False) -> None:
        where = self.query_one("#review-where", Static)
        item = self.current
        if item is None:
            message = Text("nothing to review: no article all its annotators finished has spans they judged differently")
            if self.waiting:
                message.append("\n" + waiting_text(self.waiting), style="yellow")
            where.update(message)
            self.query_one("#review-versions", Static).update(Text(""))
            self.gold.display = False
            return
        article = self.store.get_article(item.article_id)
        d = item.difference
        head = Text(f"difference {self.at + 1}/{len(self.items)} ({self.open_count} open) · article {d.article_id} ",
                    style="bold")
        head.append(article.title or article.file or "", style="italic")
        sure = "" if item.speaker_score is None else f" (speaker confidence {short(item.speaker_score)})"
        head.append(f"\n{d.kind} {d.label} {d.start}-{d.end}{sure}: ")
        head.append(one_line(article.text[d.start:d.end], 80), style="bold")
        if self.waiting:
            head.append("\n" + waiting_text(self.waiting, limit=3), style="yellow")
        where.update(head)
        spans = {p: self.spans_of(item.article_id, p) for p in item.people}
        self.query_one("#review-versions", Static).update(
            versions_text(article.text, d, item.people, spans, item.decided))
        self.show_gold(item, reload)

    # --- moving -----------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.items:
            self.at = (self.at + step) % len(self.items)
            self.show()

    def _after_decision(self, item: Item, decided: str) -> None:
        item.decided = decided
        number = self.items.index(item) + 1 if item in self.items else 0
        if self.open_count == 0:
            self.say(f"difference {number}: gold is {decided}. Every difference is resolved: the gold is complete "
                     "(d marks an article reviewed, escape closes)", "green")
            self.show()
            return
        if item is self.current:
            for step in range(1, len(self.items) + 1):  # on to the next open difference
                nxt = (self.at + step) % len(self.items)
                if self.items[nxt].decided is None:
                    self.at = nxt
                    break
        self.say(f"difference {number}: gold is {decided}; now difference {self.at + 1}")
        self.show()

    def _decide(self, item: Item, decided: str, action, saved=None) -> None:
        """Commit one decision through the app's writer.  The difference counts
        as decided at once, also while the decision waits for another process's
        write lock (the next key must not decide it again); if it is refused,
        it is open again."""
        def written(result) -> None:
            self._after_decision(item, saved(result) if saved else decided)

        def refused() -> None:
            item.decided = None
            self.show()

        if self.app.commit("", action, written, refresh=False, refused=refused) is False:
            self._after_decision(item, decided + " (waiting for the database)")

    # --- decisions --------------------------------------------------------------------

    def action_take(self, key: int) -> None:
        item = self.current
        if item is None or key > len(item.people):
            return
        person = item.people[key - 1]
        span_id = item.difference.span_id
        self._decide(item, f"{person}'s version", lambda store: store.take_version(span_id, person),
                     lambda record: f"{person}'s version ({record.status} {record.label})")

    def action_reject(self) -> None:
        item = self.current
        if item is not None:
            span_id = item.difference.span_id
            self._decide(item, "rejected by the reviewer", lambda store: store.review_edit(span_id, status="rejected"))

    def action_relabel(self) -> None:
        if self.current is None:
            return
        box = self.query_one("#review-label", Input)
        box.value = self.current.difference.label
        box.display = True
        box.focus()

    @on(Input.Submitted, "#review-label")
    def relabel_submitted(self, event: Input.Submitted) -> None:
        event.input.display = False
        self.gold.focus()
        label = event.value.strip()
        item = self.current
        if not label or item is None:
            self.say("no label given: nothing changed", "yellow")
            return
        if label_problem(label):
            self.say(f"{label_problem(label)}: nothing changed", "red")
            return
        span_id = item.difference.span_id
        self._decide(item, f"relabelled {label} by the reviewer",
                     lambda store: store.review_edit(span_id, status="corrected", label=label))

    # --- editing the gold: bounds, and spans both annotators missed ---------------------

    def action_boundaries(self) -> None:
        """The span under the caret (the difference, or any gold span) in boundary mode."""
        if self.current is None:
            return
        if self.gold.current is None:
            self.say("no gold span under the caret: move onto one (or n / p to a difference)", "yellow")
            return
        self.gold.start_boundaries()
        self.gold.focus()
        self.say("boundaries: ←/→ start · shift+←/→ end · ctrl+… by word · enter saves · escape cancels")

    def on_reader_draft_moved(self, event: Reader.DraftMoved) -> None:
        if self.gold.draft is not None:
            a, b = self.gold.draft
            self.say(f"boundaries {a}-{b}: “{one_line(self.gold.article_text[a:b], 60)}” (enter saves, escape cancels)")

    def on_reader_boundaries_done(self, event: Reader.BoundariesDone) -> None:
        span, bounds = event.span, event.bounds
        if bounds is None or bounds == (span.start, span.end):
            self.say("boundaries unchanged")
            return
        start, end = bounds
        what = f"resized to {start}-{end} by the reviewer (“{one_line(self.gold.article_text[start:end], 40)}”)"
        item = next((i for i in self.items if i.difference.span_id == span.id), None)
        action = lambda store: store.review_edit(span.id, status="corrected", start=start, end=end,  # noqa: E731
                                                 fragments=None)
        if item is not None:
            self._decide(item, what, action)
        else:
            self.app.commit("", action, lambda _: (self.say(f"gold {span.label} {what}"), self.show()), refresh=False)

    def action_add(self, kind: str = "entity") -> None:
        """The selection (widened to whole tokens) as a span of the gold: an
        entity (label picker), a quote or a claim (``s`` / ``t`` / ``v`` then
        work on it once it is a difference's span; in the reader, as usual)."""
        item = self.current
        selected = self.gold.selected_range() if item is not None else None
        if item is None or selected is None:
            self.say(f"select the {kind}'s text in the gold first (shift+arrows, ctrl+shift+arrows by word)", "yellow")
            return
        article_id = item.article_id
        start, end = tokens.snap(self.gold.article_text, *selected)
        snippet = one_line(self.gold.article_text[start:end], 50)

        def add(label: str | None) -> None:
            if not label:
                return
            self.app.commit("", lambda store: store.review_add(article_id, start, end, kind, label),
                            lambda _: (self.say(f"added {kind} {label} “{snippet}” to the gold"), self.show()),
                            refresh=False)

        if kind != "entity":
            add(QUOTE_LABEL if kind == "quote" else CLAIM_LABEL)
            return
        self.app.push_screen(ChoicePicker(f"Label for “{snippet}” (gold)", self.labels.entity_labels, coloured=True,
                                          keys=self.labels.label_keys), add)

    def action_undo(self) -> None:
        def undone(record) -> None:
            if record is None:
                self.say("nothing of yours to undo")
                return
            for index, item in enumerate(self.items):
                if record.target == "gold" and item.difference.span_id == record.target_id:
                    item.decided, self.at = None, index
            self.say(f"undone: {UNDONE.get(record.action, record.action)}")
            self.show()

        self.app.commit("", lambda store: store.undo(), undone, refresh=False)

    def action_reviewed(self) -> None:
        if self.current is None:
            return
        article_id = self.current.article_id
        finished = sorted(self.store.done_by(article_id))

        def said(_) -> None:
            if self.store.gold_done(article_id):
                self.say(f"article {article_id} marked reviewed: its unmarked text is negative in the gold "
                         f"({', '.join(finished)} finished it)")
            else:
                self.say(f"article {article_id} marked reviewed; its unmarked text is not negative: "
                         f"{', '.join(self.store.waiting_for(article_id))} has not finished it", "yellow")

        self.app.commit("", lambda store: store.mark_reviewed(article_id), said, refresh=False)

    def action_close(self) -> None:
        box = self.query_one("#review-label", Input)
        if box.display:
            box.display = False
            self.gold.focus()
            self.say("relabel cancelled")
            return
        self.dismiss(None)


UNDONE = {"review": "the last decision", "add": "the added span", "reviewed": "the article's reviewed mark",
          "unreviewed": "the article's unreviewed mark"}


class ReviewApp(CrashReport, PlainNotifications, WritingMixin, App):
    """``copydesk review``: the review screen on its own; quits when it is closed."""

    TITLE = "copydesk review"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.sub_title = f"reviewer {self.store.annotator}"
        self.push_screen(ReviewScreen(self.store), lambda _: self.exit())
