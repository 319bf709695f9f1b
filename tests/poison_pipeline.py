"""A tiny stand-in pipeline for batch tests: spaCy's blank English tokenizer plus one component that kills its
own process when a document contains POISON, as an out-of-memory kill would. Loaded by name in worker processes
(PipelineSpec.loader = "poison_pipeline:load"), so spawned workers can build it too."""

from __future__ import annotations

import os
import signal
import time

import spacy
from spacy.language import Language

import claimx.extensions  # noqa: F401  (registers the Doc._ extensions extract_many sets)

MARKER = "POISON"
SLOW = "SLOWPOKE"  # a document that never finishes, as a layer stuck in a quadratic loop would
STUCK = "STUCKINC"  # ...and one the per-document timer cannot interrupt, as code stuck in C would be
LOADER = "poison_pipeline:load"


@Language.component("claimx_test_poison")
def poison(doc):
    if MARKER in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


@Language.component("claimx_test_slow")
def slow(doc):
    if STUCK in doc.text:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # the timer fires and nothing happens
    if SLOW in doc.text or STUCK in doc.text:
        deadline = time.monotonic() + 300  # busy, in Python, as a runaway layer is (a bounded test never waits)
        while time.monotonic() < deadline:
            pass
    return doc


def load(model=None, layers=()):
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_test_poison")
    nlp.add_pipe("claimx_test_slow")
    return nlp
