"""The word lists of models/entities/, loaded once."""

from __future__ import annotations

from functools import cache

from claimx.assets import load_lines


@cache
def function_words() -> frozenset[str]:
    return frozenset(load_lines("entities", "function_words.txt"))


@cache
def org_suffixes() -> frozenset[str]:
    return frozenset(load_lines("entities", "org_suffixes.txt"))


@cache
def org_heads() -> frozenset[str]:
    return frozenset(load_lines("entities", "org_heads.txt"))


@cache
def org_heads_before_of() -> frozenset[str]:
    return frozenset(load_lines("entities", "org_heads_before_of.txt"))


@cache
def not_entities() -> frozenset[str]:
    return frozenset(load_lines("entities", "not_entities.txt"))


@cache
def honorifics() -> frozenset[str]:
    return frozenset(load_lines("entities", "honorifics.txt"))


@cache
def title_words() -> frozenset[str]:
    return frozenset(load_lines("entities", "title_words.txt"))


@cache
def product_words() -> frozenset[str]:
    return frozenset(load_lines("entities", "product_words.txt"))
