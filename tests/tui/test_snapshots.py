"""Pictures of the main screen, the help screen and a picker (pytest-textual-snapshot).

Update them after a deliberate change with:  pytest tests/tui --snapshot-update
"""
from __future__ import annotations

from tui.app import LIST_REFRESH_DELAY

from .conftest import SIZE, make_app


async def settle(pilot) -> None:
    """Wait for the progress worker and the screen changes, never for a fixed time."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(snap_compare, snapshot_store):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("n", "n", "n", "a")  # a accepts and moves on to the next suggestion
        # the list's counts are re-read on a timer after an action (tui/app.py): let it fire
        await pilot.pause(LIST_REFRESH_DELAY * 2)
        await settle(pilot)

    assert snap_compare(make_app(snapshot_store), terminal_size=SIZE, run_before=run_before)


def test_main_screen_inside_a_quote(snap_compare, snapshot_store):
    async def run_before(pilot):
        await settle(pilot)
        quote = pilot.app.reader.index.of_kind("quote")[1]
        pilot.app.reader.go_to_span(quote)
        await settle(pilot)

    assert snap_compare(make_app(snapshot_store), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, snapshot_store):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(make_app(snapshot_store), terminal_size=SIZE, run_before=run_before)


def test_label_picker(snap_compare, snapshot_store):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("n", "l")
        await settle(pilot)

    assert snap_compare(make_app(snapshot_store), terminal_size=SIZE, run_before=run_before)


def test_speaker_picker(snap_compare, snapshot_store):
    async def run_before(pilot):
        await settle(pilot)
        quote = pilot.app.reader.index.of_kind("quote")[0]
        pilot.app.reader.go_to_span(quote)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(make_app(snapshot_store), terminal_size=SIZE, run_before=run_before)
