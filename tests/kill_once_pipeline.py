"""A tiny stand-in pipeline for Dask fault tests: spaCy's blank English tokenizer plus one component that kills its
own process the first time it meets a document naming a marker file (`KILL-ONCE /path/to/marker`): it creates the
marker, then dies as an out-of-memory kill would. Every later attempt finds the marker and goes on, so a retried
partition succeeds. Loaded by name on Dask workers (PipelineSpec.loader = LOADER)."""

from __future__ import annotations

import os
import re
import signal

import spacy
from spacy.language import Language

import claimx.extensions  # noqa: F401  (registers the Doc._ extensions extract_many sets)

LOADER = "kill_once_pipeline:load"
_MARKER = re.compile(r"KILL-ONCE (\S+)")


def kill_once_text(marker: str) -> str:
    return f"This article kills its worker once. KILL-ONCE {marker}"


@Language.component("claimx_test_kill_once")
def kill_once(doc):
    found = _MARKER.search(doc.text)
    if found and not os.path.exists(found.group(1)):
        with open(found.group(1), "w", encoding="utf-8") as marker:
            marker.write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


def load(model=None, layers=()):
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_test_kill_once")
    return nlp
