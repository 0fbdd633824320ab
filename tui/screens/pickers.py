"""The small dialogs: label, verdict, speaker, tags, note, and another article.

Each is a ModalScreen that dismisses with the choice, or None on escape.
Choices are data, so prompts are rich Text and OptionLists run with markup off.
"""
from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from tui.widgets.article_list import ArticleList, CountFn, PageFn
from tui.widgets.spanview import label_colour, one_line, visible

NUMBER_KEYS = "1234567890"


def numbered(index: int, value: str, colour: str | None = None) -> Text:
    key = NUMBER_KEYS[index] if index < len(NUMBER_KEYS) else " "
    text = Text(f"{key}  ", style="bold cyan")
    text.append(one_line(value, 60), style=f"bold {colour}" if colour else "")
    return text


class _Dialog(ModalScreen):
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def heading(self) -> Static:
        return Static(Text(self.title_text, style="bold"), classes="dialog-title")

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePicker(_Dialog):
    """One value from a list: number keys choose the first ten shown, a label's
    own key (``keys``, from copydesk.toml) chooses it, other letters filter the
    list (backspace unfilters), or arrows and enter.

    ``none_choice`` adds a last entry that dismisses with "" (e.g. "no verdict")."""

    def __init__(self, title: str, choices: Sequence[str], current: str | None = None,
                 coloured: bool = False, none_choice: str | None = None,
                 keys: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(title)
        self.choices = list(choices)
        if current and current not in self.choices:
            self.choices.append(current)  # a label outside the set stays choosable
        self.current = current
        self.coloured = coloured
        self.none_choice = none_choice
        self.own_keys = {key: label for label, key in keys if label in self.choices}
        self.typed = ""
        self.shown = list(range(len(self.choices)))

    def _options(self) -> list[Option]:
        key_of = {label: key for key, label in self.own_keys.items()}
        options = []
        for position, i in enumerate(self.shown):
            choice = self.choices[i]
            text = numbered(position, choice, label_colour(choice) if self.coloured else None)
            if choice in key_of:
                text.append(f"  ({key_of[choice]})", style="dim cyan")
            options.append(Option(text, id=f"c{i}"))
        if self.none_choice and not self.typed:
            options.append(Option(Text(f"   {self.none_choice}", style="dim"), id="none"))
        return options

    def _hint(self) -> Text:
        if self.typed:
            return Text(f"filter “{one_line(self.typed, 30)}” · backspace unfilters · 1-9, 0 · ↑↓ enter · escape",
                        style="dim")
        own = " · its own key" if self.own_keys else ""
        return Text(f"1-9, 0 choose{own} · type to filter · ↑↓ enter · escape cancels", style="dim")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield self.heading()
            yield OptionList(*self._options(), markup=False, id="choices")
            yield Static(self._hint(), classes="dialog-hint", id="choice-hint")

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        if self.current in self.choices:
            options.highlighted = self.choices.index(self.current)

    def _refilter(self) -> None:
        typed = self.typed.casefold()
        matching = [i for i, c in enumerate(self.choices) if typed in c.casefold()]
        # Labels that start with what was typed first, then the rest in order.
        self.shown = sorted(matching, key=lambda i: not self.choices[i].casefold().startswith(typed))
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        options.add_options(self._options())
        if self.shown:
            options.highlighted = 0
        self.query_one("#choice-hint", Static).update(self._hint())

    @on(OptionList.OptionSelected, "#choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "none":
            self.dismiss("")
        else:
            self.dismiss(self.choices[int(event.option.id[1:])])

    def on_key(self, event: events.Key) -> None:
        if event.key == "backspace" and self.typed:
            event.stop()
            self.typed = self.typed[:-1]
            self._refilter()
            return
        character = event.character if event.is_printable else None
        if not character or character.isspace():
            return
        event.stop()
        if character in NUMBER_KEYS:
            position = NUMBER_KEYS.index(character)
            if position < len(self.shown):
                self.dismiss(self.choices[self.shown[position]])
        elif character in self.own_keys and not self.typed:
            self.dismiss(self.own_keys[character])
        else:
            self.typed += character
            self._refilter()


class SpeakerPicker(_Dialog):
    """A quote's speaker: the article's people first (number keys), or type a name."""

    def __init__(self, people: Sequence[str], current: str | None = None, quote: str = "") -> None:
        super().__init__("Speaker of the quote")
        self.people = [p for p in dict.fromkeys(people) if p]
        self.current = current
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield self.heading()
            if self.quote:
                yield Static(Text(one_line(self.quote, 200), style="italic"), classes="dialog-quote")
            yield Input(value=visible(self.current or ""), placeholder="type a name (empty: no speaker), enter saves",
                        select_on_focus=False, id="speaker-name")
            yield OptionList(*[Option(numbered(i, p), id=f"p{i}") for i, p in enumerate(self.people)],
                             markup=False, id="people")
            yield Static(Text("people in this article: 1-9, 0 or ↑↓ enter · tab: type a name · escape cancels", style="dim"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        if self.people:
            self.query_one("#people", OptionList).focus()
        else:
            self.query_one("#speaker-name", Input).focus()

    @on(OptionList.OptionSelected, "#people")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.people[int(event.option.id[1:])])

    @on(Input.Submitted, "#speaker-name")
    def typed(self, event: Input.Submitted) -> None:
        # An empty name is an answer too: "no speaker" (a quote of unknown source).
        self.dismiss(" ".join(event.value.split()))

    def on_key(self, event: events.Key) -> None:
        people = self.query_one("#people", OptionList)
        if not people.has_focus or not event.character or not event.is_printable:
            return
        event.stop()
        if event.character in NUMBER_KEYS:
            index = NUMBER_KEYS.index(event.character)
            if index < len(self.people):
                self.dismiss(self.people[index])
            return
        # Typing on the list starts a new name in the input; a key that still
        # reaches the list before the input has focus adds to that name.
        name = self.query_one("#speaker-name", Input)
        if getattr(self, "_typed_on_list", False):
            name.insert_text_at_cursor(event.character)
            return
        self._typed_on_list = True
        name.value = event.character
        name.focus()
        name.cursor_position = len(name.value)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tab into a name already there selects it, so what is typed replaces it
        (it was appended: "Mark RutteAn unnamed aide")."""
        if event.widget.id != "speaker-name":
            return
        if getattr(self, "_typed_on_list", False):
            self._typed_on_list = False
        elif event.widget.value:
            event.widget.select_all()


class TagPicker(_Dialog):
    """Several tags: space or a number key ticks, enter saves the ticked set."""

    BINDINGS = [Binding("enter", "save", "save", priority=True)]

    def __init__(self, tags: Sequence[str], current: Sequence[str]) -> None:
        super().__init__("Tags of the claim")
        self.tags = list(dict.fromkeys([*tags, *current]))
        self.current = set(current)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield self.heading()
            yield SelectionList[str](
                *[Selection(self.prompt(i, t in self.current), t, t in self.current, id=f"t{i}")
                  for i, t in enumerate(self.tags)], id="tags"
            )
            yield Static(Text("space or 1-9, 0 tick · enter saves · escape cancels", style="dim"), classes="dialog-hint")

    def prompt(self, index: int, ticked: bool) -> Text:
        """A tag's row: a mark, not only a colour, says whether it is ticked."""
        return Text.assemble(Text("[x] " if ticked else "[ ] ", style="bold" if ticked else "dim"),
                             numbered(index, self.tags[index]))

    def on_mount(self) -> None:
        self.query_one("#tags", SelectionList).focus()

    @on(SelectionList.SelectedChanged, "#tags")
    def marks(self, event: SelectionList.SelectedChanged) -> None:
        tags = event.selection_list
        chosen = set(tags.selected)
        for i, tag in enumerate(self.tags):
            tags.replace_option_prompt(f"t{i}", self.prompt(i, tag in chosen))

    def action_save(self) -> None:
        chosen = set(self.query_one("#tags", SelectionList).selected)
        self.dismiss([t for t in self.tags if t in chosen])

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character in NUMBER_KEYS:
            index = NUMBER_KEYS.index(event.character)
            if index < len(self.tags):
                event.stop()
                self.query_one("#tags", SelectionList).toggle(self.tags[index])


class NoteEditor(_Dialog):
    """A claim's note and its normalised wording; enter saves both."""

    def __init__(self, claim_text: str, note: str | None, normalized: str | None) -> None:
        super().__init__("Note and normalised wording of the claim")
        self.claim_text = claim_text
        self.note = note
        self.normalized = normalized

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield self.heading()
            yield Static(Text(one_line(self.claim_text, 300), style="italic"), classes="dialog-quote")
            yield Static(Text("note", style="dim"))
            yield Input(value=visible(self.note or ""), placeholder="why, sources, doubts…", id="note")
            yield Static(Text("normalised wording", style="dim"))
            yield Input(value=visible(self.normalized or ""), placeholder="the claim as one plain sentence", id="normalized")
            yield Static(Text("tab switches · enter saves · escape cancels", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    def save(self) -> None:
        note = self.query_one("#note", Input).value.strip() or None
        normalized = self.query_one("#normalized", Input).value.strip() or None
        self.dismiss((note, normalized))


class ArticlePicker(_Dialog):
    """Another article (for the comparison): type to filter, enter chooses."""

    def __init__(self, count: CountFn, page: PageFn, exclude: int | None = None) -> None:
        super().__init__("Compare with which article?")
        self._count = count
        self._page = page
        self.exclude = exclude

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield self.heading()
            yield Input(placeholder="filter: words in titles, sources or text", id="pick-filter")
            yield ArticleList(self._count, self._page, id="pick-list")
            yield Static(Text("enter compares with the first other match · ↓ to the list to choose another · escape cancels",
                              style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        articles = self.query_one("#pick-list", ArticleList)
        articles.open_id = self.exclude  # shown as the open one
        articles.reload()
        self.query_one("#pick-filter", Input).focus()

    @on(Input.Changed, "#pick-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.query_one("#pick-list", ArticleList).reload(event.value)

    def _past_the_open_article(self) -> ArticleList:
        articles = self.query_one("#pick-list", ArticleList)
        current = articles.row(articles.cursor)
        if current is not None and current.id == self.exclude and articles.row(articles.cursor + 1) is not None:
            articles.move_to(articles.cursor + 1)  # the open article cannot be chosen: start on the next
        return articles

    @on(Input.Submitted, "#pick-filter")
    def choose_first_match(self) -> None:
        """Type, enter: the first match that is not the open article (as in a
        fuzzy finder); with no other match, say so and stay."""
        articles = self._past_the_open_article()
        row = articles.highlighted
        if row is None or row.id == self.exclude:
            self.notify("no other article matches: change the filter", severity="warning")
            return
        self.dismiss(row.id)

    def to_list(self) -> None:
        self._past_the_open_article().focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.query_one("#pick-filter", Input).has_focus:
            event.stop()
            self.to_list()

    @on(ArticleList.Chosen)
    def chosen(self, event: ArticleList.Chosen) -> None:
        event.stop()
        if event.article_id == self.exclude:
            self.notify("that is the article already open: choose another", severity="warning")
            return
        self.dismiss(event.article_id)
