"""`claimx info`: versions, the pipeline, and rule/gazetteer counts read generically from models/."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimx.info import asset_counts, count_entries


@pytest.mark.parametrize("name, content, expected", [
    ("patterns.jsonl", '{"id": "a"}\n\n// a comment\n{"id": "b"}\n', 2),
    ("words.txt", "# header\nsaid\n\nclaimed  # with a note\n   \n", 2),
    ("codes.tsv", "USD\tdollar\nEUR\teuro\n", 2),
    ("list.json", '["a", "b", "c"]', 3),
    ("mapping.json", '{"_comment": "about", "Alps": ["feature", null], "Sahel": ["region", null]}', 2),
    ("sections.json", '{"_about": "x", "countries": {"UK": "GB"}, "places": {"NYC": {}, "LA": {}}}', 3),
    ("patterns.json", '{"patterns": [{"id": 1}, {"id": 2}]}', 2),
    ("scalar.json", "42", None),
    ("broken.json", "{not json", None),
    ("empty.txt", "", 0),
    ("binary.bin", "\x00\x01", None),
])
def test_count_entries(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert count_entries(path) == expected


def test_new_assets_are_counted_without_code(tmp_path):
    (tmp_path / "money" / "extra").mkdir(parents=True)
    (tmp_path / "money" / "symbols.json").write_text('{"$": "USD", "€": "EUR"}', encoding="utf-8")
    (tmp_path / "money" / "extra" / "hedges.txt").write_text("about\nnearly\n", encoding="utf-8")
    (tmp_path / "dates").mkdir()
    (tmp_path / "money" / ".DS_Store").write_text("x", encoding="utf-8")
    (tmp_path / "README.md").write_text("not a layer", encoding="utf-8")
    counts = asset_counts(tmp_path)
    assert counts == {
        "dates": {"files": 0, "entries": 0, "by_file": {}},
        "money": {"files": 2, "entries": 4, "by_file": {"extra/hedges.txt": 2, "symbols.json": 2}},
    }
    assert asset_counts(tmp_path / "missing") == {}


def test_info_json_describes_the_running_pipeline(nlp):
    from claimx.assets import models_dir
    from claimx.cli import app

    result = CliRunner().invoke(app, ["info", "--format", "json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["claimx"]["version"] and info["spacy"]["version"] and info["model"]["version"]
    assert info["model"]["path"]
    factories = [pipe["factory"] for pipe in info["pipeline"]]
    assert {"claimx_entities", "claimx_money", "claimx_dates", "claimx_claims"} <= set(factories)
    assert info["assets"]["path"] == str(models_dir())
    assert info["assets"]["layers"] == json.loads(json.dumps(asset_counts(models_dir())))


def test_info_table_and_bad_format(nlp):
    from claimx.cli import UsageError, app

    table = CliRunner().invoke(app, ["info"])
    assert table.exit_code == 0, table.output
    for shown in ("claimx", "spaCy", "claimx_money", "Rules and gazetteers"):
        assert shown in table.stdout
    bad = CliRunner().invoke(app, ["info", "--format", "xml"])
    assert isinstance(bad.exception, UsageError)
