"""Reviewing: one key per decision (act, then move on), bulk accepts, the
done guard, relabelling and boundaries."""
from __future__ import annotations

from ..screens.pickers import ChoicePicker
from ..widgets.reader import Reader
from ..widgets.spanview import one_line
from .moving import plural


class ReviewMixin:
    _done_armed: int | None = None  # article id whose first d warned about work left

    def _decide(self, what: str, action, stay: bool = False) -> None:
        """Commit one decision; then, unless told to stay, go to the next span to
        review (at once, also when the decision waits for the write lock: the
        next key must not decide the same span again)."""
        if self.commit(what, action) is not None and self.labels.advance and not stay:
            self.advance()

    def action_accept(self, stay: bool = False) -> None:
        span = self.current_span(verb="accept")
        if span is not None:
            self._decide(f"accepted {self.describe(span)}", lambda store: store.accept(span.id), stay)

    def action_reject(self, stay: bool = False) -> None:
        span = self.current_span(verb="reject")
        if span is None:
            return
        verb = "deleted" if span.origin == "human" else "rejected"
        self._decide(f"{verb} {self.describe(span)}", lambda store: store.reject(span.id), stay)

    def action_ignore(self, stay: bool = False) -> None:
        span = self.current_span(verb="ignore")
        if span is not None:
            self._decide(f"ignored {self.describe(span)} (no answer)", lambda store: store.ignore(span.id), stay)

    def _accept_all(self, spans, what: str) -> None:
        ids = [s.id for s in spans]
        if not ids:
            self.notify(f"no {what} left to accept", severity="information", timeout=3)
            return
        self.commit(f"accepted {plural(len(ids), 'suggestion')}: {what} (u undoes them all)",
                    lambda store: store.accept_many(ids))
        self.reader.step(forward=True)

    def action_accept_label(self) -> None:
        """Every suggestion still to review with the current span's kind and label."""
        span = self.current_span(verb="accept every one of a label")
        if span is not None:
            same = [s for s in self.reader.index.spans
                    if s.is_suggestion and s.kind == span.kind and s.label == span.label]
            self._accept_all(same, f"every {span.label} of the article")

    def action_accept_rest(self) -> None:
        rest = [s for s in self.reader.index.spans if s.is_suggestion]
        self._accept_all(rest, "the rest of the article")

    def action_toggle_done(self) -> None:
        if self.article is None:
            return
        done = not self.article.done
        article_id = self.article.id
        left = sum(1 for s in self.reader.index.spans if s.is_suggestion)
        if done and left and self._done_armed != article_id:
            self._done_armed = article_id
            then = "accepts them and marks it done" if self.labels.done_accepts_rest else "marks it done anyway"
            self.notify(f"{plural(left, 'suggestion')} not reviewed yet: d again {then}", severity="warning", timeout=6)
            self.show_status(f"{plural(left, 'suggestion')} not reviewed yet: press d again to confirm")
            return
        self._done_armed = None
        if done and left and self.labels.done_accepts_rest:
            # One action, so one u takes back both the accepts and the done.
            ids = [s.id for s in self.reader.index.spans if s.is_suggestion]
            self.commit(f"accepted the last {plural(len(ids), 'suggestion')} and marked the article done (u undoes both)",
                        lambda store: store.accept_rest_and_finish(article_id, ids))
            return
        self.commit("marked the article done" if done else "marked the article not done",
                    lambda store: store.mark_done(article_id, done))

    def action_relabel(self) -> None:
        span = self.current_span(verb="relabel")
        if span is None:
            return
        if span.kind != "entity":
            self.notify(f"a {span.kind} has one label; t tags a claim, s sets a quote's speaker", severity="warning")
            return

        def relabel(label: str | None) -> None:
            if label and label != span.label:
                self.commit(f"relabelled {self.describe(span)} as {label}", lambda store: store.relabel(span.id, label))

        snippet = one_line(self.article.text[span.start:span.end], 50)
        title = f"Label for “{snippet}” (now {span.label})"
        self.push_screen(self.label_picker(title, span.label), relabel)

    def label_picker(self, title: str, current: str | None = None) -> ChoicePicker:
        return ChoicePicker(title, self.labels.entity_labels, current, coloured=True, keys=self.labels.label_keys)

    def action_boundaries(self) -> None:
        span = self.current_span(verb="adjust boundaries")
        if span is not None and self.reader.start_boundaries():
            self.reader.focus()
            self._show_current()
            self.show_status("boundaries: ←/→ start · shift+←/→ end · ctrl+… by word · enter saves · escape cancels")

    def on_reader_draft_moved(self, event: Reader.DraftMoved) -> None:
        self._show_current()  # the side panel shows the new offsets as they move

    def on_reader_boundaries_done(self, event: Reader.BoundariesDone) -> None:
        span, bounds = event.span, event.bounds
        self._show_current()
        if bounds is None or bounds == (span.start, span.end):
            self.show_status("boundaries unchanged")
            return
        self.commit(f"resized {span.kind} {span.label} to {bounds[0]}-{bounds[1]}",
                    lambda store: store.resize(span.id, *bounds))
