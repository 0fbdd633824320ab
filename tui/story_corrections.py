"""An editor's story corrections as the command line gives them (``copydesk stories --move/--split/--merge``).

    copydesk stories --move 12:3 --db demo.db     # article 12 into story 3
    copydesk stories --split 4,5 --db demo.db     # articles 4 and 5 out into a new story
    copydesk stories --merge 3:7 --db demo.db     # story 7 into story 3
"""
from __future__ import annotations

from store import Store


class CorrectionError(ValueError):
    pass


def _pair(option: str, value: str) -> tuple[int, int]:
    parts = value.split(":")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise CorrectionError(f"{option} {value!r}: give two numbers as A:B")
    return int(parts[0]), int(parts[1])


def apply_correction(store: Store, move: str | None, split: str | None, merge: str | None) -> str | None:
    """Apply the one correction given (one logged action); returns what was done, for the user."""
    given = [o for o in (move, split, merge) if o]
    if not given:
        return None
    if len(given) > 1:
        raise CorrectionError("give one of --move, --split, --merge at a time")
    if move:
        article, story = _pair("--move", move)
        store.move_to_story(article, story)
        return f"moved article {article} into story {story}"
    if merge:
        keep, other = _pair("--merge", merge)
        store.merge_stories(keep, other)
        return f"merged story {other} into story {keep}"
    parts = [p.strip() for p in split.split(",")]
    if not all(p.isdigit() for p in parts):
        raise CorrectionError(f"--split {split!r}: give article ids as 4,5,6")
    new = store.split_story([int(p) for p in parts])
    return f"split articles {', '.join(parts)} into new story {new}"
