"""The README stays short and true: at most 400 lines, one command-line block that lists exactly the subcommands
`notice-extract --help` shows and only options they accept, and a JSON example in today's schema."""
from __future__ import annotations

import argparse
import json
import re

from conftest import ROOT
from extractor.cli import build_parser
from extractor.model import SCHEMA_VERSION
from extractor.schema import notice_schema

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, re.S | re.M)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def cli_block() -> list[str]:
    blocks = [body for _, body in BLOCKS if re.search(r"^notice-extract ", body, re.M)]
    assert len(blocks) == 1, f"{len(blocks)} command-line blocks in the README; there must be one"
    return blocks[0].splitlines()


def commands() -> list[tuple[str, str]]:
    """(subcommand or '' for the bare command, the usage text after it, continuation lines included)."""
    out: list[tuple[str, str]] = []
    for line in cli_block():
        if line.startswith("notice-extract "):
            words = line.split()
            name = words[1] if not words[1].startswith("-") else ""
            out.append((name, " ".join(words[2:] if name else words[1:])))
        elif out and line.startswith(" "):
            name, text = out[-1]
            out[-1] = (name, f"{text} {line.strip()}")
    return out


def test_readme_is_short() -> None:
    assert README.count("\n") <= 400


def test_the_command_line_block_lists_exactly_the_subcommands_of_help() -> None:
    listed = [name for name, _ in commands() if name]
    assert len(listed) == len(set(listed)), "a subcommand is listed twice"
    assert set(listed) == set(subcommands()), (sorted(set(listed) - set(subcommands())), sorted(set(subcommands()) - set(listed)))
    assert ("", "--version the package version and the output schema version") in [(n, t) for n, t in commands() if not n]


def test_every_option_in_the_block_is_one_the_subcommand_accepts() -> None:
    parsers = subcommands()
    for name, text in commands():
        if not name:
            continue
        accepted = {s for a in parsers[name]._actions for s in a.option_strings}
        used = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", text))
        assert used <= accepted, f"{name}: {sorted(used - accepted)} not in `notice-extract {name} --help`"


def test_the_json_example_is_a_current_notice() -> None:
    (example,) = [body for lang, body in BLOCKS if lang == "json"]
    notice = json.loads(example)
    assert notice["schema_version"] == SCHEMA_VERSION
    schema = notice_schema()
    assert list(notice) == [k for k in schema["properties"] if k in notice]  # the order a notice is written in
    assert set(schema["required"]) <= set(notice)
    (ob,) = notice["obligations"]
    assert {"genre"} <= set(notice) and {"confidence", "kind", "indicator"} <= set(ob)
    assert (ROOT / notice["source"]).is_file()
