"""A tiny stand-in pipeline for batch tests: spaCy's blank English tokenizer plus one component that kills its
own process when a document contains POISON, as an out-of-memory kill would. Loaded by name in worker processes
(PipelineSpec.loader = "poison_pipeline:load"), so spawned workers can build it too."""

from __future__ import annotations

import os
import signal

import spacy
from spacy.language import Language

import claimx.extensions  # noqa: F401  (registers the Doc._ extensions extract_many sets)

MARKER = "POISON"
LOADER = "poison_pipeline:load"


@Language.component("claimx_test_poison")
def poison(doc):
    if MARKER in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


def load(model=None, layers=()):
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_test_poison")
    return nlp
