"""The ``copydesk`` command line (Typer): ``copydesk = "tui.cli:main"``.

``tui.cli.app`` holds the Typer app and the shared options; each command
module adds its commands to it when imported here, in the order ``--help``
lists them.
"""
from __future__ import annotations

from tui.cli.app import app

# Imported for their effect: each adds its commands to ``app``, in this order.
from tui.cli import imports, annotate, stats, datasets, compare, merge, agreement, review  # noqa: E402,F401,I001

__all__ = ["app", "main"]


def main() -> None:
    app()


if __name__ == "__main__":
    main()
