"""Review: the spans where annotators differ, one at a time, and the reviewer's decision as the gold.

ReviewScreen(store) walks, for every article two or more annotators worked on,
``store.differences(article_id)``: the span in its sentence, and each
annotator's version beside their name.  ``1``..``9`` take that annotator's
version (``store.take_version``), ``x`` rejects the span and ``l`` relabels it
(the reviewer's own version, ``store.review_edit``), ``u`` undoes the
reviewer's last decision, ``n`` / ``p`` move, ``d`` marks the article reviewed
(its unmarked text is then negative in the gold).  Every decision is a gold
judgment recorded with the store's annotator, the reviewer.

Text is data: the article, names and labels are rich Text, never markup.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from store import Difference, Store
from store.label_rule import label_problem

from ..actions.writing import WritingMixin
from ..crash import CrashReport
from ..screen_text import PlainNotifications
from ..widgets.certainty import score_of, short

CONTEXT = 160  # characters of article text shown each side of the span


@dataclass
class Item:
    """One difference to decide, and what the reviewer decided (None: open)."""

    article_id: int
    difference: Difference
    decided: str | None = None
    speaker_score: float | None = None  # a quote's: the model's confidence in its speaker

    @property
    def people(self) -> list[str]:
        return sorted(self.difference.versions)


LOW_SPEAKER_SCORE = 0.5  # quotes whose speaker the model is less sure of than this are reviewed first


def review_items(store: Store) -> list[Item]:
    """Open differences of every article seen by two or more annotators: the
    quotes whose speaker_score is below LOW_SPEAKER_SCORE first (the least sure
    first), then the others in article then text order."""
    items = []
    for article_id in store.article_ids():
        if len(store.annotators(article_id)) < 2:
            continue
        differences = store.differences(article_id)
        scores = {}
        if any(d.kind == "quote" for d in differences):
            scores = {s.id: score_of(s) for s in store.spans(article_id, kinds=["quote"])}
        items += [Item(article_id, d, speaker_score=scores.get(d.span_id)) for d in differences]
    return sorted(items, key=_review_rank)  # stable: the others keep their order


def _review_rank(item: Item) -> tuple[int, float]:
    score = item.speaker_score
    return (0, score) if score is not None and score < LOW_SPEAKER_SCORE else (1, 0.0)


def context_text(text: str, start: int, end: int) -> Text:
    """The span in its surroundings, the span itself marked."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    shown = Text("…" if lo else "")
    shown.append(text[lo:start].replace("\n", " "))
    shown.append(text[start:end].replace("\n", " "), style="bold reverse")
    shown.append(text[end:hi].replace("\n", " "))
    shown.append("…" if hi < len(text) else "")
    return shown


def version_text(key: int, person: str, judgment) -> Text:
    line = Text(f" {key} ", style="bold cyan")
    line.append(person, style="bold")
    line.append("  ")
    line.append(judgment.describe() if judgment is not None else "does not have this span", style="dim" if judgment is None else "")
    return line


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("n", "move(1)", "next"),
        Binding("p", "move(-1)", "prev"),
        *[Binding(str(k), f"take({k})", "take version" if k == 1 else "", show=k == 1) for k in range(1, 10)],
        Binding("x", "reject", "reject"),
        Binding("l", "relabel", "relabel"),
        Binding("u", "undo", "undo"),
        Binding("d", "reviewed", "article reviewed"),
        Binding("escape", "close", "close"),
        Binding("q", "close", "quit", show=False),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.items = review_items(store)
        self.at = 0

    def compose(self) -> ComposeResult:
        yield Static(id="review-where")
        with VerticalScroll():
            yield Static(id="review-context")
            yield Static(id="review-versions")
        yield Input(placeholder="new label, enter to apply, escape to cancel", id="review-label")
        yield Static(id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-label", Input).display = False
        self.show()

    # --- what is shown ----------------------------------------------------------------

    @property
    def current(self) -> Item | None:
        return self.items[self.at] if self.items else None

    @property
    def open_count(self) -> int:
        return sum(item.decided is None for item in self.items)

    def say(self, message: str, style: str = "") -> None:
        self.query_one("#review-status", Static).update(Text(message, style=style))

    def show(self) -> None:
        where = self.query_one("#review-where", Static)
        item = self.current
        if item is None:
            where.update(Text("nothing to review: no article has spans two annotators judged differently"))
            self.query_one("#review-context", Static).update(Text(""))
            self.query_one("#review-versions", Static).update(Text(""))
            return
        article = self.store.get_article(item.article_id)
        d = item.difference
        head = Text(f"difference {self.at + 1}/{len(self.items)} ({self.open_count} open) · article {d.article_id} ",
                    style="bold")
        head.append(article.title or article.file or "", style="italic")
        sure = "" if item.speaker_score is None else f" (speaker confidence {short(item.speaker_score)})"
        head.append(f"\n{d.kind} {d.label} {d.start}-{d.end}{sure}: ")
        head.append(article.text[d.start:d.end].replace("\n", " "), style="bold")
        where.update(head)
        self.query_one("#review-context", Static).update(context_text(article.text, d.start, d.end))
        lines = Text("\n").join(version_text(k, p, d.versions[p]) for k, p in enumerate(item.people, 1))
        if item.decided:
            lines.append("\n\ngold: ", style="bold green")
            lines.append(item.decided)
        self.query_one("#review-versions", Static).update(lines)

    # --- moving -----------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.items:
            self.at = (self.at + step) % len(self.items)
            self.show()

    def _after_decision(self, item: Item, decided: str) -> None:
        item.decided = decided
        if self.open_count == 0:
            self.say("every difference is resolved: the gold is complete (d marks an article reviewed, "
                     "escape closes)", "green")
            self.show()
            return
        if item is self.current:
            for step in range(1, len(self.items) + 1):  # on to the next open difference
                nxt = (self.at + step) % len(self.items)
                if self.items[nxt].decided is None:
                    self.at = nxt
                    break
        self.say(f"gold: {decided}")
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

    def action_undo(self) -> None:
        def undone(record) -> None:
            if record is None:
                self.say("nothing of yours to undo")
                return
            for index, item in enumerate(self.items):
                if record.target == "gold" and item.difference.span_id == record.target_id:
                    item.decided, self.at = None, index
            self.say(f"undone: {record.action}")
            self.show()

        self.app.commit("", lambda store: store.undo(), undone, refresh=False)

    def action_reviewed(self) -> None:
        if self.current is not None:
            article_id = self.current.article_id
            self.app.commit("", lambda store: store.mark_reviewed(article_id), lambda _: self.say(
                f"article {article_id} marked reviewed: its unmarked text is negative in the gold"), refresh=False)

    def action_close(self) -> None:
        box = self.query_one("#review-label", Input)
        if box.display:
            box.display = False
            self.say("relabel cancelled")
            return
        self.dismiss(None)


class ReviewApp(CrashReport, PlainNotifications, WritingMixin, App):
    """``copydesk review``: the review screen on its own; quits when it is closed."""

    TITLE = "copydesk review"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.sub_title = f"reviewer {self.store.annotator}"
        self.push_screen(ReviewScreen(self.store), lambda _: self.exit())
