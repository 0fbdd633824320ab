"""CompareApp: the comparison screens as an app of their own (``copydesk compare --tui``)."""
from __future__ import annotations

from typing import Sequence

from textual.app import App
from textual.screen import Screen

from store import Store

from ...actions.writing import WritingMixin
from ...crash import CrashReport
from ...screen_text import PlainNotifications
from .screen import CompareScreen
from .story_table import StoryTableScreen


class CompareApp(CrashReport, PlainNotifications, WritingMixin, App):
    """The comparison on its own (``copydesk compare A B --tui``): quits when it is closed."""

    CSS_PATH = "../../app.tcss"
    TITLE = "copydesk compare"

    def __init__(self, store: Store, article_ids: Sequence[int]) -> None:
        super().__init__()
        self.store = store
        self.article_ids = list(article_ids)

    def on_mount(self) -> None:
        if len(self.article_ids) == 2:
            screen: Screen = CompareScreen(self.store, *self.article_ids)
        else:
            screen = StoryTableScreen(self.store, self.article_ids)
        self.push_screen(screen, lambda _: self.exit())
