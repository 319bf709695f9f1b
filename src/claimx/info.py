"""What `claimx info` reports: versions, the pipeline's components, and the rule assets under models/.

Assets are counted generically (every file under models/<layer>/), so a new pattern file or gazetteer shows up
without a code change.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

from spacy.language import Language

# How many entries a file holds, by kind: the same reading rules as claimx.assets' loaders.
_LINE_FILES = {".txt", ".tsv", ".csv", ".lst"}


def count_entries(path: Path) -> int | None:
    """Entries in one asset file: JSONL lines, word-list lines (without `#` comments), JSON entries (see
    `json_entries`). None for a file claimx cannot read as a list of entries."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if path.suffix == ".jsonl":
        return sum(1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("//"))
    if path.suffix in _LINE_FILES:
        return sum(1 for line in text.splitlines() if line.split("#", 1)[0].strip())
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            return None
        return json_entries(data)
    return None


def json_entries(data: Any) -> int | None:
    """A list counts its items; an object its keys (not `_comment`-style ones), except an object made of sections
    (every value an object, or a list of objects: `{"countries": {...}, "places": {...}}`, `{"patterns": [{...}]}`),
    which counts the entries of its sections."""
    if isinstance(data, list):
        return len(data)
    if not isinstance(data, dict):
        return None
    entries = [v for k, v in data.items() if not str(k).startswith("_")]
    if entries and all(_is_section(v) for v in entries):
        return sum(len(v) for v in entries)
    return len(entries)


def _is_section(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and all(isinstance(v, dict) for v in value))


def asset_counts(models: Path) -> dict[str, dict[str, Any]]:
    """{layer: {"files": n, "entries": n, "by_file": {relative path: entries or None}}} for every layer folder."""
    layers: dict[str, dict[str, Any]] = {}
    if not models.is_dir():
        return layers
    for layer in sorted(p for p in models.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        files = sorted(p for p in layer.rglob("*") if p.is_file() and not p.name.startswith("."))
        by_file = {str(p.relative_to(layer)): count_entries(p) for p in files}
        layers[layer.name] = {"files": len(files), "entries": sum(n or 0 for n in by_file.values()),
                              "by_file": by_file}
    return layers


def collect(nlp: Language) -> dict[str, Any]:
    """Everything `claimx info` shows, as plain data (the JSON of `claimx info --format json`)."""
    import spacy

    import claimx
    from claimx.assets import models_dir

    meta = nlp.meta
    models = models_dir()
    return {
        "claimx": {"version": claimx.__version__, "path": str(Path(claimx.__file__).parent)},
        "python": platform.python_version(),
        "spacy": {"version": spacy.__version__, "path": str(Path(spacy.__file__).parent)},
        "model": {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_"),
                  "version": meta.get("version"), "spacy_version": meta.get("spacy_version"),
                  "path": str(nlp.path) if nlp.path else None},
        "pipeline": [{"name": name, "factory": nlp.get_pipe_meta(name).factory, "enabled": name not in nlp.disabled}
                     for name in nlp.component_names],
        "assets": {"path": str(models), "layers": asset_counts(models)},
    }


def render(info: dict[str, Any]):
    """The terminal view of `collect`'s data: a rich renderable."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    versions = Table(title="Versions and locations", title_justify="left", title_style="bold cyan")
    for column in ("", "version", "loaded from"):
        versions.add_column(column, overflow="fold")
    model = info["model"]
    versions.add_row("claimx", info["claimx"]["version"], info["claimx"]["path"])
    versions.add_row("spaCy", info["spacy"]["version"], info["spacy"]["path"])
    versions.add_row(f"model {model['name']}", str(model["version"]), model["path"] or "(built in memory)")
    versions.add_row("rule assets", "", info["assets"]["path"])
    versions.add_row("Python", info["python"], "")

    pipeline = Table(title="Pipeline", title_justify="left", title_style="bold cyan")
    for column in ("component", "factory", "enabled"):
        pipeline.add_column(column)
    for pipe in info["pipeline"]:
        pipeline.add_row(pipe["name"], pipe["factory"], "yes" if pipe["enabled"] else "no")

    assets = Table(title="Rules and gazetteers (models/)", title_justify="left", title_style="bold cyan")
    for column in ("layer", "file", "entries"):
        assets.add_column(column, overflow="fold")
    for layer, counts in info["assets"]["layers"].items():
        for name, n in counts["by_file"].items():
            assets.add_row(layer, name, "" if n is None else f"{n:,}")
        assets.add_row(Text(layer, style="bold"), Text(f"total ({counts['files']} file{'s' * (counts['files'] != 1)})", style="bold"),
                       Text(f"{counts['entries']:,}", style="bold"), end_section=True)
    return Group(versions, pipeline, assets)
