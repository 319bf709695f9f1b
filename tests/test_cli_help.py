"""The CLI documents itself: every command and option has help text, and docs/cli.md quotes the real --help."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click
import pytest
import typer

from claimx.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> dict[str, click.Command]:
    group = typer.main.get_command(app)
    ctx = click.Context(group, info_name="claimx")
    return {"claimx": group, **{name: group.get_command(ctx, name) for name in group.list_commands(ctx)}}


@pytest.mark.parametrize("name", list(_commands()))
def test_every_command_and_option_has_help(name):
    command = _commands()[name]
    assert (command.help or "").strip(), f"{name}: no help text"
    if name != "claimx":
        assert (command.short_help or command.help.splitlines()[0]).strip()
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        assert (getattr(param, "help", None) or "").strip(), f"{name} {param.name}: no help text"


def test_docs_quote_the_real_help():
    generator = _generator()
    expected = generator.render()
    assert generator.DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is out of date: run `python scripts/gen_cli_docs.py` and commit docs/cli.md")
    for name in _commands():
        assert f"## `{name if name == 'claimx' else 'claimx ' + name}`" in expected
