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

from store import Difference, Store, StoreError

from ..crash import CrashReport
from ..screen_text import PlainNotifications

CONTEXT = 160  # characters of article text shown each side of the span


@dataclass
class Item:
    """One difference to decide, and what the reviewer decided (None: open)."""

    article_id: int
    difference: Difference
    decided: str | None = None

    @property
    def people(self) -> list[str]:
        return sorted(self.difference.versions)


def review_items(store: Store) -> list[Item]:
    """Open differences of every article seen by two or more annotators, in article then text order."""
    items = []
    for article_id in store.article_ids():
        if len(store.annotators(article_id)) < 2:
            continue
        items += [Item(article_id, d) for d in store.differences(article_id)]
    return items


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
        head.append(f"\n{d.kind} {d.label} {d.start}-{d.end}: ")
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

    def _after_decision(self, decided: str) -> None:
        item = self.current
        item.decided = decided
        if self.open_count == 0:
            self.say("every difference is resolved: the gold is complete (d marks an article reviewed, "
                     "escape closes)", "green")
            self.show()
            return
        for step in range(1, len(self.items) + 1):  # on to the next open difference
            nxt = (self.at + step) % len(self.items)
            if self.items[nxt].decided is None:
                self.at = nxt
                break
        self.say(f"gold: {decided}")
        self.show()

    # --- decisions --------------------------------------------------------------------

    def action_take(self, key: int) -> None:
        item = self.current
        if item is None or key > len(item.people):
            return
        person = item.people[key - 1]
        record = self.store.take_version(item.difference.span_id, person)
        self._after_decision(f"{person}'s version ({record.status} {record.label})")

    def action_reject(self) -> None:
        if self.current is not None:
            self.store.review_edit(self.current.difference.span_id, status="rejected")
            self._after_decision("rejected by the reviewer")

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
        if not label or self.current is None:
            self.say("no label given: nothing changed", "yellow")
            return
        try:
            self.store.review_edit(self.current.difference.span_id, status="corrected", label=label)
        except StoreError as exc:
            self.say(str(exc), "red")
            return
        self._after_decision(f"relabelled {label} by the reviewer")

    def action_undo(self) -> None:
        undone = self.store.undo()
        if undone is None:
            self.say("nothing of yours to undo")
            return
        for index, item in enumerate(self.items):
            if undone.target == "gold" and item.difference.span_id == undone.target_id:
                item.decided, self.at = None, index
        self.say(f"undone: {undone.action}")
        self.show()

    def action_reviewed(self) -> None:
        if self.current is not None:
            self.store.mark_reviewed(self.current.article_id)
            self.say(f"article {self.current.article_id} marked reviewed: its unmarked text is negative in the gold")

    def action_close(self) -> None:
        box = self.query_one("#review-label", Input)
        if box.display:
            box.display = False
            self.say("relabel cancelled")
            return
        self.dismiss(None)


class ReviewApp(CrashReport, PlainNotifications, App):
    """``copydesk review``: the review screen on its own; quits when it is closed."""

    TITLE = "copydesk review"

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.sub_title = f"reviewer {self.store.annotator}"
        self.push_screen(ReviewScreen(self.store), lambda _: self.exit())
