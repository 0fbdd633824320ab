"""Every key of the reader, in one table.

The app's bindings, the footer, the help screen and the command palette are
all built from KEYS, so they cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma separated
    action: str  # app action name (without "action_")
    description: str  # short, for the footer and the palette
    help: str  # one line for the help screen
    group: str
    footer: bool = False
    display: str = ""  # how the help screen writes the keys (default: from keys)

    @property
    def shown_keys(self) -> str:
        return self.display or " / ".join(self.keys.split(","))


NEXT_RULE = (
    "n (and a, x, i after deciding) goes to the next suggestion still to review after the current span "
    "(in text order, nested spans each in turn, wrapping at the end); when none is left, to the next span of any "
    "status. advance = false in copydesk.toml makes a, x, i stay; order = \"uncertain\" makes n, a, x, i go "
    "where z goes"
)

KEYS: tuple[Key, ...] = (
    # Moving
    Key("n", "next_span", "next span", "next span, suggestions first (how: at the end of this help)", "Move", footer=True),
    Key("p", "previous_span", "prev span", "previous span, suggestions first", "Move", footer=True),
    Key("z", "next_uncertain", "least sure", "next suggestion from the least certain up (claims by their score's "
        "distance from claim_threshold, quotes by the speaker's confidence; unscored ones last)", "Move", footer=True),
    Key("N", "next_article", "next article", "next article in the list not done by you", "Move", footer=True,
        display="N (shift+n)"),
    Key("P", "previous_article", "prev article", "previous article not done by you", "Move", display="P (shift+p)"),
    Key("D", "toggle_include_done", "N/P all", "N / P include articles you marked done (again: skip them)", "Move",
        display="D (shift+d)"),
    Key("U", "toggle_unseen", "unseen", "list only articles you have not opened yet (again: all)", "Move",
        display="U (shift+u)"),
    Key("G", "toggle_grouped", "by story", "group the article list by story: each story's heading (outlets, date "
        "range), then its articles; enter on a heading opens its first article (again: ungrouped)", "Move",
        display="G (shift+g)"),
    Key("slash", "filter", "filter", "filter the article list (titles, sources, full text)", "Move", footer=True, display="/"),
    # Moving the caret and selecting (annotators/motions.py says what a word and a sentence are)
    Key("w", "word_forward", "word", "caret to the next word (ctrl+← / ctrl+→ also move by word)", "Select"),
    Key("W", "extend_word", "extend", "extend the selection to the end of the next word", "Select",
        display="W (shift+w)"),
    Key("right_parenthesis", "sentence_forward", "sentence", "caret to the next sentence", "Select", display=")"),
    Key("left_parenthesis", "sentence_backward", "prev sentence", "caret to the start of the sentence (again: the one before)",
        "Select", display="("),
    Key("right_curly_bracket", "paragraph_forward", "paragraph", "caret to the next paragraph", "Select", display="}"),
    Key("left_curly_bracket", "paragraph_backward", "prev paragraph", "caret to the start of the paragraph (again: the one before)",
        "Select", display="{"),
    Key("S", "select_sentence", "select sentence", "select the sentence under the caret", "Select", display="S (shift+s)"),
    Key("ctrl+f", "find", "find", "find in the article: type, enter selects the match", "Select"),
    Key("right_square_bracket", "find_next", "next match", "select the next match of the last find", "Select", display="]"),
    Key("left_square_bracket", "find_previous", "prev match", "select the previous match", "Select", display="["),
    # Reviewing
    Key("a", "accept", "accept", "accept the current span, then go to the next to review", "Review", footer=True),
    Key("x", "reject", "reject", "reject the suggestion (or delete a span you made), then next", "Review", footer=True),
    Key("i", "ignore", "ignore", "ignore the span (cannot judge it: no answer), then next", "Review"),
    Key("A", "accept_label", "accept label", "accept every suggestion of the current span's label here (one undo)",
        "Review", display="A (shift+a)"),
    Key("R", "accept_rest", "accept rest", "accept the rest of the article's suggestions (one undo)", "Review",
        display="R (shift+r)"),
    Key("l", "relabel", "relabel", "relabel the current span (picker: number keys, or type to filter)", "Review"),
    Key("b", "boundaries", "bounds", "adjust the current span's boundaries (see below)", "Review"),
    Key("d", "toggle_done", "done", "mark the article done (with work left: d twice); again: not done", "Review",
        footer=True),
    # Making spans
    Key("e", "make_entity", "entity", "make the selection an entity (label picker)", "Make"),
    Key("q", "make_quote", "quote", "make the selection a quote (then pick or type its speaker)", "Make"),
    Key("c", "make_claim", "claim", "make the selection a claim", "Make"),
    Key("E", "make_entity(True)", "entity exact", "as e, keeping the selection exactly (by character, no snapping)",
        "Make", display="E (shift+e)"),
    Key("Q", "make_quote(True)", "quote exact", "as q, by character", "Make", display="Q (shift+q)"),
    Key("C", "make_claim(True)", "claim exact", "as c, by character", "Make", display="C (shift+c)"),
    # Quotes and claims
    Key("s", "speaker", "speaker", "set or correct the speaker of the current (or enclosing) quote", "Quotes and claims"),
    Key("t", "tags", "tags", "tag the current (or enclosing) claim (several tags)", "Quotes and claims"),
    Key("v", "verdict", "verdict", "set the verdict of the current (or enclosing) claim", "Quotes and claims"),
    Key("enter", "note", "note", "edit the claim's note and normalised wording", "Quotes and claims"),
    # History and app
    Key("u,ctrl+z", "undo", "undo", "undo your last action (any article, as far back as the log goes)", "History", footer=True),
    Key("ctrl+y", "redo", "redo", "redo what you undid", "History"),
    Key("o", "compare", "compare", "compare this article with the other outlets of its story (no story: pick one "
        "article to compare side by side)", "App"),
    Key("question_mark,f1", "help", "help", "this help", "App", footer=True, display="? / F1"),
    Key("ctrl+p", "command_palette", "palette", "command palette: every action by name", "App"),
    Key("ctrl+q", "quit", "quit", "quit (everything is already saved)", "App", footer=True),
)

# Keys the reader and the lists handle themselves, for the help screen only.
READER_KEYS: tuple[tuple[str, str], ...] = (
    ("← → ↑ ↓ home end pgup pgdn", "move the caret through the text (the span under it becomes current)"),
    ("ctrl+← / ctrl+→", "move the caret by word"),
    ("shift+arrows, W, drag", "select (ctrl+shift+arrows: by word); e / q / c take the whole tokens it touches"),
    ("click, click again", "make the span there current; again: the next span out (an entity, its quote, a claim)"),
    ("tab / shift+tab", "move between the article list, the reader and the quote and claim lists"),
    ("enter (in a list)", "open the article, or jump to the quote or claim"),
    ("escape (in the filter)", "clear the filter and go back to the reader"),
    ("/ (under 90 columns)", "show the hidden article list, in the side panel's place"),
)

BOUNDARY_KEYS: tuple[tuple[str, str], ...] = (
    ("← / →", "move the start one character"),
    ("shift+← / shift+→", "move the end one character"),
    ("ctrl+← / ctrl+→", "move the start one word"),
    ("ctrl+shift+← / ctrl+shift+→", "move the end one word"),
    ("enter / escape", "save the new boundaries / cancel"),
)

PICKER_KEYS: tuple[tuple[str, str], ...] = (
    ("1-9, 0", "choose the first ten entries shown"),
    ("letters", "filter the labels (backspace unfilters); a label's own key from copydesk.toml [label_keys]"),
    ("↑ ↓ enter", "choose any entry"),
    ("space (tags)", "toggle a tag; enter saves the ticked tags"),
    ("escape", "cancel"),
)

SAVED_NOTE = "There is no save key: every action is written to the database when you make it."


def bindings() -> list[Binding]:
    """App bindings for KEYS (the command palette key is Textual's own); help
    first, so the footer shows "? help" on the narrowest screen."""
    keys = sorted((k for k in KEYS if k.action not in ("command_palette", "quit")), key=lambda k: k.action != "help")
    return [Binding(key.keys, key.action, key.description, show=key.footer) for key in keys]
