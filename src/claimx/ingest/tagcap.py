"""Start tags with absurd attribute lists lose their attributes before a page is parsed.

libxml2 (under lxml, trafilatura, justext and htmldate) checks each new attribute of an element against all the
earlier ones: an element with 100,000 attributes costs 10^10 comparisons, and a 1 MB page took 260 s. No article
needs such a tag; its text is kept, its attributes (never article text) are dropped. Linear: each character of the
markup is looked at once.
"""

from __future__ import annotations

import re
from itertools import islice

MAX_TAG_CHARS = 10_000  # a start tag longer than this...
MAX_ATTRIBUTES = 200  # ...with more attributes than this is cut to its bare name
_TAG_NAME = re.compile(r"<[A-Za-z][A-Za-z0-9:_-]*")
_ATTRIBUTE = re.compile(r"""\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")


def cap_attributes(markup: str) -> str:
    """`markup` with every flooded start tag (see above) reduced to `<name>` (`<name/>` when self-closing)."""
    if len(markup) <= MAX_TAG_CHARS:
        return markup
    out: list[str] = []
    done = position = 0
    while (start := markup.find("<", position)) != -1:
        end = markup.find(">", start)
        if end == -1:
            break
        name = _TAG_NAME.match(markup, start) if end - start > MAX_TAG_CHARS else None
        if name is not None:
            attributes = islice(_ATTRIBUTE.finditer(markup, name.end(), end), MAX_ATTRIBUTES + 1)
            if sum(1 for _ in attributes) > MAX_ATTRIBUTES:
                out += [markup[done:start], name.group(), "/>" if markup[end - 1] == "/" else ">"]
                done = end + 1
        position = end + 1
    if not out:
        return markup
    out.append(markup[done:])
    return "".join(out)
