"""claimx as a spaCy plugin: factories found through entry points without importing claimx, extensions documented,
and a pipeline holding our components survives nlp.to_disk() / spacy.load()."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from spacy.tokens.underscore import Underscore
from spacy.util import registry

import claimx.components  # noqa: F401  (registers the factories in this process)
from claimx.extract import extract_many
from claimx.ingest import Article

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("Harlow Mining said on Tuesday that it would invest $40 million in a new plant near Perth by 2027. "
        '"This is our biggest bet yet," chief executive Dana Whitcombe told reporters in London.')
ARTICLE = Article(id="plugin-1", source="plugin-1", text=TEXT, published="2025-03-04", published_source="input")


def run_fresh(script: str, cwd: Path) -> dict:
    """Run `script` in a new interpreter (outside the source tree) and return the JSON it prints last."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def our_factories() -> set[str]:
    """The factories the claimx package defines (tests may register claimx_* helpers of their own)."""
    return {name for name, make in registry.factories.get_all().items()
            if name.startswith("claimx_") and getattr(make, "__module__", "").startswith("claimx.")}


def test_every_factory_has_an_entry_point():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    in_pyproject = set(declared["project"]["entry-points"]["spacy_factories"])
    installed = {ep.name for ep in entry_points(group="spacy_factories") if ep.name.startswith("claimx_")}
    assert our_factories() == in_pyproject == installed


def test_add_pipe_by_name_without_importing_claimx(tmp_path):
    from claimx.pipeline import default_model

    result = run_fresh(f"""
        import json, sys
        import spacy
        imported_before = "claimx" in sys.modules
        nlp = spacy.load({default_model()!r})  # spaCy imports claimx itself, through the entry points
        nlp.add_pipe("claimx_money")
        nlp.add_pipe("claimx_dates")
        doc = nlp({TEXT!r})
        print(json.dumps({{
            "imported_before": imported_before,
            "money": [[s.text, s._.claimx_money["amount"], s._.claimx_money["currency"]]
                      for s in doc.spans["claimx_money"]],
            "dates": [s.text for s in doc.spans["claimx_dates"]],
        }}))
    """, tmp_path)
    assert result["imported_before"] is False
    assert ["$40 million", 40_000_000, "USD"] in result["money"]
    assert "2027" in result["dates"]


def test_to_disk_and_spacy_load_round_trip(nlp, tmp_path):
    path = tmp_path / "pipeline"
    nlp.to_disk(path)
    expected = next(extract_many([ARTICLE], nlp=nlp)).to_dict()
    result = run_fresh(f"""
        import json, sys
        import spacy
        imported_before = "claimx" in sys.modules
        nlp = spacy.load({str(path)!r})
        from claimx.extract import extract_many
        from claimx.ingest import Article
        article = Article(id="plugin-1", source="plugin-1", text={TEXT!r}, published="2025-03-04",
                          published_source="input")
        print(json.dumps({{"imported_before": imported_before, "pipes": nlp.pipe_names, "disabled": nlp.disabled,
                           "record": next(extract_many([article], nlp=nlp)).to_dict()}}))
    """, tmp_path)
    assert result["imported_before"] is False  # spacy.load found our factories through the entry points
    assert result["pipes"] == nlp.pipe_names and result["disabled"] == nlp.disabled
    assert result["record"] == json.loads(json.dumps(expected))
    assert expected["money"] and expected["entities"]  # the comparison compared something


def test_round_trip_in_process_keeps_each_component_config(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    for name in our_factories():
        if name in nlp.component_names:
            assert loaded.config["components"][name] == nlp.config["components"][name]


# --- the documented extensions -----------------------------------------------------------------------------------

def our_extensions() -> set[str]:
    registered = {"Doc": Underscore.doc_extensions, "Span": Underscore.span_extensions,
                  "Token": Underscore.token_extensions}
    return {f"{owner}._.{name}" for owner, names in registered.items() for name in names if name.startswith("claimx")}


@pytest.mark.parametrize("document", ["docs/plugin.md", "src/claimx/extensions.py"])
def test_every_extension_is_documented(document):
    import claimx.extensions

    claimx.extensions.register_extensions()
    text = (ROOT / document).read_text(encoding="utf-8")
    missing = {name for name in our_extensions() if name.split("._.")[1] not in text}
    assert not missing, f"{document} does not document {sorted(missing)}"
    assert our_extensions()


def test_the_plugin_guide_runs_as_written(nlp, capsys):
    """Every python block of docs/plugin.md runs, in order, and prints the outputs its `# ...` lines show."""
    import re

    from claimx.pipeline import default_model

    guide = (ROOT / "docs" / "plugin.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", guide, re.DOTALL)
    assert blocks
    namespace: dict = {}
    for block in blocks:
        # the guide names the official model; run it with whichever en_core_web_sm is installed
        code = block.replace('spacy.load("en_core_web_sm")', f"spacy.load({default_model()!r})")
        exec(compile(code, "docs/plugin.md", "exec"), namespace)
        printed = capsys.readouterr().out.splitlines()
        for line in block.splitlines():
            if line.startswith("# "):
                assert line[2:] in printed, f"docs/plugin.md promises {line[2:]!r}, got {printed}"
