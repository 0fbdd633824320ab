"""Comparing: ``o`` opens the open article's stored story (the other outlets'
reports of the same event) in the story table; an article with no story, or
alone in it, is compared with one picked from the list."""
from __future__ import annotations

from store import StoreError

from ..screens.pickers import ArticlePicker


class ComparingMixin:
    def story_mates(self, article_id: int) -> list[int]:
        """The other articles of the article's stored story ([]: none, or not grouped yet)."""
        try:
            members = self.store.story_members(article_id) or []
        except StoreError:
            return []
        return [i for i in members if i != article_id]

    def action_compare(self) -> None:
        if self.article is None:
            return
        a_id = self.article.id
        mates = self.story_mates(a_id)
        if mates:
            from ..screens.compare import StoryTableScreen  # imported when used: start-up stays light

            self.push_screen(StoryTableScreen(self.store, [a_id, *mates]))
            return

        def compare(b_id: int | None) -> None:
            if b_id is None:
                return
            from ..screens.compare import CompareScreen

            self.push_screen(CompareScreen(self.store, a_id, b_id))

        self.push_screen(ArticlePicker(self._count, self._page, exclude=a_id), compare)
