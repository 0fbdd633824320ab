"""Strings from outside (file names, paths, error texts, titles, typed names)
made safe to put on a terminal, for the CLI and the app alike.

A file name is data: ``ESC]0;...BEL`` in it would set the terminal's title,
``ESC]52;c;...`` write the clipboard, ``ESC[2J`` clear the screen, and
``[@click=app.quit]`` is Textual markup. So every such string is shown as
text (rich ``Text``, or a toast with markup off) and each control character
(C0, DEL, C1, and the line and paragraph separators) is replaced by a visible
symbol: ESC shows as ␛, BEL as ␇, a C1 control as �, a bidirectional control
by its code point (<U+202E>).
"""
from __future__ import annotations

import re

from rich.text import Text

# Newlines too: a message is one line, and a name holding "\n" must not
# start a line that looks like another message.
# And the bidirectional controls (U+202A-U+202E, U+2066-U+2069, the marks
# U+200E, U+200F, U+061C): an RLO in "invoice\u202etxt.exe" shows the name
# reversed, a spoofed name; each is shown by its code point, <U+202E>.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _symbol(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀..␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code > 0x9F:
        return f"<U+{code:04X}>"
    return "\ufffd"


def visible_line(text: object) -> str:
    """``str(text)`` with every control character made visible."""
    return _CONTROL.sub(lambda m: _symbol(m.group()), str(text))


def plain(text: object, style: str = "") -> Text:
    """A message for rich's Console: text (never markup), controls visible."""
    return Text(visible_line(text), style=style)


class PlainNotifications:
    """Mixed into a Textual App: every toast is text, never markup, with its
    control characters made visible, whoever calls ``notify``."""

    def notify(self, message, *, title: str = "", severity="information", timeout=None, markup: bool = False):
        return super().notify(visible_line(message), title=visible_line(title), severity=severity,
                              timeout=timeout, markup=False)
