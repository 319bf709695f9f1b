"""Text from the input, made safe to show on a terminal. Records keep the text verbatim; only what is shown is
cleaned: an article (or a file name) may carry escape sequences that write the clipboard (OSC 52), hide text
(SGR 8) or retitle the window, and rich markup ("[/bold]", "[link=…]") that rich would interpret."""

from __future__ import annotations

import re

from rich.text import Text

# ESC-introduced sequences: CSI (ESC [ … final byte), OSC/DCS/APC/PM/SOS strings (up to BEL or ESC \, or the
# end of the text), and two-character escapes. Their 8-bit C1 forms (U+009B CSI, U+009D OSC, …) too.
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
# Other control characters (tab and newline aside) and the bidi controls that reorder a line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """`text` without escape sequences; any other control character shown as U+FFFD."""
    text = str(text)
    if text.isprintable():
        return text
    return _CONTROL.sub("\ufffd", _ESCAPE.sub("", text))


def safe(text: object, style: str = "") -> Text:
    """A rich Text of cleaned `text`: shown as it is, never read as markup."""
    return Text(clean(text), style=style)
