"""Timers and worker callbacks that may land after the app began to close."""
from __future__ import annotations

import functools
from typing import Callable, TypeVar

from textual.css.query import NoMatches

Method = TypeVar("Method", bound=Callable[..., object])


def skipped_while_closing(method: Method) -> Method:
    """On a loaded machine an interval or a worker's call_from_thread can run
    after the screen's widgets are gone; then there is nothing to update (what
    was stored is in the database already)."""

    @functools.wraps(method)
    def guarded(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except NoMatches:
            return None

    return guarded  # type: ignore[return-value]
