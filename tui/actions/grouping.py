"""Grouping the article list by story (G): each stored story as a heading
(its outlets and date range) followed by its articles; G again: the plain list."""
from __future__ import annotations


class GroupingMixin:
    def list_position(self, article_id: int) -> int | None:
        """The article's row in the list as it is shown (grouped or not)."""
        query = self.article_list.query
        if self.grouped_by_story:
            return self.store.story_list_position(article_id, query, unseen=self.only_unseen)
        return self.store.article_position(article_id, query)

    def articles_shown(self) -> int:
        """How many articles the list shows (grouped: its rows less the story headings)."""
        if self.grouped_by_story:
            return self.store.count_articles(self.article_list.query, unseen=self.only_unseen)
        return self.article_list.total

    def only_article(self):
        """The list's one article when it shows exactly one (grouped: after its story's heading), else None."""
        if self.articles_shown() != 1:
            return None
        return self.article_list.row(1 if self.grouped_by_story else 0)

    def action_toggle_grouped(self) -> None:
        self.grouped_by_story = not self.grouped_by_story
        self.article_list.reload(keep_query=True)
        self.article_list.move_to(0)
        self._sync_list_cursor()
        if self.grouped_by_story:
            headings = self.article_list.total - self.articles_shown()
            self.show_status(f"the list is grouped by story ({headings} {'story' if headings == 1 else 'stories'}; G again: ungrouped)")
        else:
            self.show_status("the list is no longer grouped by story")
