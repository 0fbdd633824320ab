"""Moving: spans, articles (skipping the ones I marked done), the filter,
resuming where this annotator stopped, and noticing other processes' writes."""
from __future__ import annotations

from textual import work
from textual.widgets import Input

from store import StoreError

from ..widgets.article_list import ArticleList
from ..widgets.certainty import next_uncertain
from ..widgets.reader import Reader
from ..widgets.spanview import one_line
from .closing import skipped_while_closing

FILTER_DELAY = 0.15  # seconds of no typing before the list is filtered
TOUCH_DELAY = 0.5  # seconds a span stays current before it is remembered for resume
FRESH_POLL = 1.0  # seconds between checks for another process's commits


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class MovingMixin:
    include_done = False  # N / P skip articles I marked done unless this is on
    only_unseen = False  # the list shows only articles I have not opened
    grouped_by_story = False  # the list shows each story's heading, then its articles (G; tui.actions.grouping)

    # --- the list's data ----------------------------------------------------------------

    def _count(self, query: str | None) -> int:
        if self.grouped_by_story:
            return self.store.count_story_list(query, unseen=self.only_unseen)
        return self.store.count_articles(query, unseen=self.only_unseen)

    def _page(self, offset: int, limit: int, query: str | None):
        if self.grouped_by_story:
            return self.store.story_list(offset=offset, limit=limit, query=query, unseen=self.only_unseen)
        return self.store.list_articles(offset=offset, limit=limit, query=query, unseen=self.only_unseen)

    # --- resume ---------------------------------------------------------------------------

    def resume_position(self) -> tuple[int, int | None] | None:
        """Where to open: the span this annotator last touched, or the first
        article they have not marked done."""
        last = self.store.last_position()
        if last is not None:
            try:
                if not self.store.get_article(last[0]).done:
                    return last
            except StoreError:
                pass
            following = self._adjacent_not_done(last[0], 1)
            return (following, None) if following is not None else last
        first = self.article_list.row(0)
        if first is None:
            return None
        if not first.done:
            return (first.id, None)
        following = self._adjacent_not_done(first.id, 1)
        return (following if following is not None else first.id, None)

    def _adjacent_not_done(self, article_id: int, step: int) -> int | None:
        query = self.article_list.query
        target = self.store.adjacent_article(article_id, step, query)
        while target is not None and self.store.get_article(target).done:
            target = self.store.adjacent_article(target, step, query)
        return target

    def remember_position(self) -> None:
        """Debounced: n held down must not write once per span."""
        if self._touch_timer is not None:
            self._touch_timer.stop()
        self._touch_timer = self.set_timer(TOUCH_DELAY, self._touch_now)

    @skipped_while_closing
    def _touch_now(self) -> None:
        if self.article is None or not self.is_running:
            return
        current = self.reader.current
        self.touch_in_background(self.article.id, current.id if current else None)

    @work(thread=True, exclusive=True, group="touch")
    def touch_in_background(self, article_id: int, span_id: int | None) -> None:
        """On a connection of the worker's own: a write lock held elsewhere must
        not stop the keys (the next touch will try again)."""
        store = self.store.reopen_for_thread()
        try:
            store.touch(article_id, span_id)
        except StoreError:
            return
        finally:
            store.close()
        # The touch moves data_version like any other connection's commit, so
        # the next poll re-reads the counts once.  Absorbing it here lost a
        # commit another process made in the same moment (test_flow).

    # --- other processes' writes -----------------------------------------------------------

    @skipped_while_closing
    def check_fresh(self) -> None:
        """PRAGMA data_version moves when another connection commits: then the
        header counts, the list and what the others said of the current span are re-read."""
        try:
            version = self.store.data_version()
        except StoreError:
            return
        if self._data_version is not None and version != self._data_version:
            self.article_list.reload(keep_query=True)
            self.article_list.refresh()
            self.load_progress()
            self.refresh_others()  # a colleague's judgment of the span under the caret shows at once
        self._data_version = version

    # --- spans and articles ------------------------------------------------------------

    def action_next_span(self) -> None:
        self.advance()

    def advance(self) -> None:
        """Where n (and a / x / i after deciding) go: the next span in text order,
        or with ``order = "uncertain"`` the least certain suggestion left."""
        if self.labels.order != "uncertain" or not self._step_uncertain():
            self.reader.step(forward=True)

    def action_next_uncertain(self) -> None:
        if not self._step_uncertain():
            self.show_status("no suggestion left to review in this article")

    def claim_threshold_in_use(self) -> float:
        """copydesk.toml's claim_threshold, else the one the shipped claim scorer was trained with."""
        if self.labels.claim_threshold is not None:
            return self.labels.claim_threshold
        from annotators.claimscore import scorer_for

        return scorer_for().threshold

    def _step_uncertain(self) -> bool:
        current = self.reader.current
        target = next_uncertain(self.reader.index.spans, current.id if current else None, self.claim_threshold_in_use())
        if target is None:
            return False
        self.reader.go_to_span(target)
        return True

    def action_previous_span(self) -> None:
        self.reader.step(forward=False)

    def _step_article(self, step: int) -> None:
        if self.article is None:
            return
        query = self.article_list.query
        if self.include_done:
            target = self.store.adjacent_article(self.article.id, step, query)
        else:
            target = self._adjacent_not_done(self.article.id, step)
        if target is None:
            more = "" if self.include_done else " not done by you (D includes done ones)"
            self.notify(f"no more articles{more} that way", severity="information", timeout=3)
            return
        self.open_article(target, self.store.last_span(target))

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_toggle_include_done(self) -> None:
        self.include_done = not self.include_done
        self.show_status("N / P now include articles you marked done" if self.include_done
                         else "N / P now skip articles you marked done")

    def action_toggle_unseen(self) -> None:
        self.only_unseen = not self.only_unseen
        self.article_list.reload(keep_query=True)
        self.article_list.move_to(0)
        self._sync_list_cursor()
        shown = "only articles you have not opened" if self.only_unseen else "every article"
        self.show_status(f"the list shows {shown} ({plural(self.article_list.total, 'article')})")

    # Mixins name their handlers by Textual's convention: @on works only in
    # the class that Textual's metaclass builds (the app itself).
    def on_reader_current_changed(self, event: Reader.CurrentChanged) -> None:
        self._show_current()
        self.remember_position()

    def on_article_list_chosen(self, event: ArticleList.Chosen) -> None:
        if event.control.id != "articles":
            return
        self.open_article(event.article_id, self.store.last_span(event.article_id))  # where I last worked there
        self.reader.focus()

    # --- the filter -----------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#main").add_class("-list-open")  # shown even where it is hidden for room
        self.query_one("#filter", Input).focus()

    def on_descendant_focus(self, event) -> None:
        # On narrow screens the list shows only while it (or its filter) has focus.
        in_list = event.widget is self.article_list or event.widget.id == "filter"
        self.query_one("#main").set_class(in_list, "-list-open")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        # Wait for a pause in typing: each keystroke would otherwise run a query.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, lambda: self.apply_filter(event.value))

    @skipped_while_closing  # the debounce timer can fire as the app closes
    def apply_filter(self, value: str) -> None:
        self.article_list.reload(value)
        self.article_list.move_to(0)
        total = self.articles_shown()
        if not value:
            self.show_status("filter cleared")
        elif total:
            self.show_status(f"{plural(total, 'article')} {'matches' if total == 1 else 'match'} “{one_line(value, 40)}”")
        else:
            self.show_status(f"no article matches “{one_line(value, 40)}”")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "filter":
            return
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.apply_filter(self.query_one("#filter", Input).value)
        only = self.only_article()
        if only is not None:  # one match: open it, no second enter
            self.open_article(only.id, self.store.last_span(only.id))
            self.reader.focus()
            self.show_status(f"opened the one match: {one_line(only.title or only.file or '', 60)}")
            return
        self.article_list.focus()

    def on_key(self, event) -> None:
        filter_input = self.query_one("#filter", Input)
        if event.key == "escape" and filter_input.has_focus:
            filter_input.value = ""
            self.apply_filter("")
            self.reader.focus()
        elif event.key == "down" and filter_input.has_focus:
            self.article_list.focus()
