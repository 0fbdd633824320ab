"""The help screen: every key, built from the same table as the bindings."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.config import LabelSets
from tui.widgets.keymap import BOUNDARY_KEYS, KEYS, NEXT_RULE, PICKER_KEYS, READER_KEYS, SAVED_NOTE


KEY_WIDTH = 18  # the key column: longer keys wrap inside it, so descriptions keep the width


def _table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0), expand=False)
    table.add_column("keys", style="bold cyan", overflow="fold", width=min(KEY_WIDTH, max(len(k) for k, _ in rows)))
    table.add_column("what")
    for keys, what in rows:
        table.add_row(Text(keys), Text(what))
    return table


def help_tables(labels: LabelSets) -> list:
    groups: dict[str, list[tuple[str, str]]] = {}
    for key in KEYS:
        groups.setdefault(key.group, []).append((key.shown_keys, key.help))
    parts: list = [_table(group, rows) for group, rows in groups.items()]
    parts.append(_table("In the reader and the lists", list(READER_KEYS)))
    parts.append(_table("Boundary mode (after b)", list(BOUNDARY_KEYS)))
    parts.append(_table("In a picker", list(PICKER_KEYS)))
    parts.append(Text("\nHow n chooses the next span", style="bold"))
    parts.append(Text(NEXT_RULE + ".\n" + SAVED_NOTE, style="italic"))
    parts.append(Text(
        f"\nLabel sets ({labels.source}): entities {', '.join(labels.entity_labels)}; "
        f"claim tags {', '.join(labels.claim_tags)}; verdicts {', '.join(labels.verdicts)}.",
        style="dim",
    ))
    return parts


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "close", "close"),
    ]

    def __init__(self, labels: LabelSets) -> None:
        super().__init__()
        self.labels = labels

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("copydesk keys", style="bold"), id="help-title")
            for part in help_tables(self.labels):
                yield Static(part, classes="help-part")
            yield Static(Text("escape closes this help", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
