"""Re-wrap a gold file (or any claimx JSON Lines with "text") at N columns, as wire copy and plain-text exports are.

    python bench/rewrap.py ../shared/data/polnear-dev.gold.jsonl 72 > /tmp/polnear-72.gold.jsonl
    claimx eval /tmp/polnear-72.gold.jsonl          # compare with the flowed file's scores

Each space where a line would pass column N becomes a newline (greedy, like `fmt -w N`): the text keeps its
length and words, so every gold offset still holds. Only plain spaces are broken at; a word longer than N stays
whole on its own line. Existing newlines are kept and restart the column count.
"""

from __future__ import annotations

import argparse
import sys

import orjson


def rewrap(text: str, width: int) -> str:
    """`text` with the spaces where a line would pass column `width` turned into newlines. Same length."""
    chars = list(text)
    line_start = 0  # index of the current line's first character
    last_space = -1  # the latest space on the current line, where a break may go
    for i, char in enumerate(chars):
        if char == "\n":
            line_start, last_space = i + 1, -1
        elif char == " ":
            last_space = i
        elif i - line_start >= width and last_space >= line_start:  # this word passes the column
            chars[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
    return "".join(chars)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="JSON Lines with a 'text' field (a gold file)")
    parser.add_argument("width", type=int, help="columns, e.g. 72")
    args = parser.parse_args(argv)
    out = sys.stdout.buffer
    with open(args.path, "rb") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = orjson.loads(line)
            if isinstance(record.get("text"), str):
                record["text"] = rewrap(record["text"], args.width)
            out.write(orjson.dumps(record) + b"\n")


if __name__ == "__main__":
    main()
