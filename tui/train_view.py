"""What ``copydesk train`` shows: the progress bar (step, dev score) and the before/after table."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tui.screen_text import plain


def pct(value) -> str:
    return "-" if value is None else f"{value * 100:.1f}"


def scores_table(rows, base: str) -> Table:
    table = Table("kind", "label", "dev n", "new P", "R", "F", "base P", "R", "F",
                  title=f"dev split: the new pipeline beside the base ({base})")
    for row in rows:
        new = row.trained or (None, None, None)
        old = row.base or (None, None, None)
        style = "bold" if row.label == "(all)" else None
        table.add_row(plain(row.kind), plain(row.label), str(row.gold), *(pct(v) for v in new),
                      *(pct(v) for v in old), style=style)
    return table


class TrainingProgress:
    """A rich progress bar: the step, the last and the best dev score (entity F1)."""

    def __init__(self, console: Console, max_steps: int, base_f: float):
        self.base_f, self.console = base_f, console
        self.best: tuple[float, int] | None = None
        self.bar = Progress(TextColumn("training"), BarColumn(), TextColumn("step {task.completed}"),
                            TextColumn("{task.fields[dev]}"), TimeElapsedColumn(), console=console)
        self.task = self.bar.add_task("train", total=max_steps or None, dev=f"dev F - (base {pct(base_f)})")

    def __call__(self, step: int, info) -> None:
        fields = {}
        if info is not None:
            f = (info.get("other_scores") or {}).get("ents_f")
            if f is not None and (self.best is None or f > self.best[0]):
                self.best = (f, step)
            best = f"best {pct(self.best[0])} at {self.best[1]}" if self.best else ""
            fields["dev"] = f"dev F {pct(f)} ({best}; base {pct(self.base_f)})"
            if not self.console.is_terminal:
                self.bar.console.print(plain(f"step {step}: {fields['dev']}"))
        self.bar.update(self.task, completed=step, **fields)
