"""Who each outlet quotes: quotes counted by speaker (rows) and outlet (columns).

Pure: the caller reads the quote spans (their ``speaker``) and says which
outlet each came from; names are folded by ``annotators.people.fold_speakers``
so "Blinken" and "Antony Blinken" are one row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .people import fold_speakers

UNATTRIBUTED = "(no speaker)"


@dataclass
class SpeakerGrid:
    speakers: list[str]  # rows: most quoted first (ties: quoted by more outlets, then by name); no speaker last
    outlets: list[str]  # columns, in the order given
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (speaker, outlet) -> quotes
    spellings: dict[str, list[str]] = field(default_factory=dict)  # row -> the other spellings folded into it

    def count(self, speaker: str, outlet: str) -> int:
        return self.counts.get((speaker, outlet), 0)

    def total(self, speaker: str) -> int:
        return sum(self.count(speaker, o) for o in self.outlets)


def speaker_grid(quotes: Iterable[tuple[str, str | None]], outlets: Iterable[str] = ()) -> SpeakerGrid:
    """``quotes``: (outlet, speaker as written or None) per quote; ``outlets``:
    the columns in order (an outlet with no quote still gets its column;
    outlets only seen in ``quotes`` follow)."""
    quotes = list(quotes)
    columns = list(dict.fromkeys([*outlets, *(o for o, _ in quotes)]))
    folded = fold_speakers([s for _, s in quotes if s and s.strip()])
    counts: dict[tuple[str, str], int] = {}
    spellings: dict[str, list[str]] = {}
    for outlet, speaker in quotes:
        row = folded.get(speaker, UNATTRIBUTED) if speaker and speaker.strip() else UNATTRIBUTED
        counts[(row, outlet)] = counts.get((row, outlet), 0) + 1
        if speaker and row != UNATTRIBUTED and speaker.strip() != row:
            seen = spellings.setdefault(row, [])
            if speaker.strip() not in seen:
                seen.append(speaker.strip())
    grid = SpeakerGrid([], columns, counts, spellings)
    rows = {row for row, _ in counts}
    grid.speakers = sorted(rows, key=lambda r: (r == UNATTRIBUTED, -grid.total(r),
                                                -sum(grid.count(r, o) > 0 for o in columns), r.casefold()))
    return grid
