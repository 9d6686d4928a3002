"""The package's parts import only downward in the order docs/architecture.md writes down.

Every import of every module counts: at the top, inside functions, under `if TYPE_CHECKING`, relative ones,
and a string naming a module of the package (what `importlib.import_module` is handed). The order is read from
the document, so the document and the code cannot drift apart.
"""
from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extractor"
DOC = ROOT / "docs" / "architecture.md"
MODULE_NAME = re.compile(r"extractor(\.[A-Za-z_][A-Za-z0-9_]*)+")


def layer_order() -> list[str]:
    """The parts, top first, from the first code block after the `## The order` heading."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"^## The order[^\n]*\n+```\n(.*?)```", text, re.S | re.M)
    assert block, f"{DOC}: no `## The order` section with a code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def part_of(module: str) -> str:
    """`extractor.ingest.html` -> `ingest`, `extractor.batch` -> `batch`, `extractor` -> `extractor` (the root)."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else pieces[0]


def is_module(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(module, line) for every import in a file, wherever it stands, resolved to absolute names."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from extractor import gazetteers` imports the submodule; `from extractor import __version__` the root
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.append((sub if is_module(sub) else target, node.lineno))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and MODULE_NAME.fullmatch(node.value):
            if is_module(node.value):
                out.append((node.value, node.lineno))
    return [(m, line) for m, line in out if m == "extractor" or m.startswith("extractor.")]


def part_edges() -> dict[tuple[str, str], list[str]]:
    """(importing part, imported part) -> where ("file:line"), between different parts only."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        here = part_of(module_name(path))
        for module, line in imports_of(path):
            there = part_of(module)
            if there != here:
                edges[(here, there)].append(f"{path.relative_to(ROOT)}:{line}")
    return edges


def test_every_part_has_a_place_in_the_order() -> None:
    order = layer_order()
    assert len(order) == len(set(order)), "a part is listed twice in docs/architecture.md"
    parts = {part_of(module_name(p)) for p in PACKAGE.rglob("*.py")}
    assert not parts - set(order), f"parts missing from docs/architecture.md's order: {sorted(parts - set(order))}"
    assert not set(order) - parts, f"docs/architecture.md lists parts that do not exist: {sorted(set(order) - parts)}"
    text = DOC.read_text(encoding="utf-8")
    assert not [p for p in order if f"**`{p}`" not in text], "every part has its paragraph in docs/architecture.md"


def test_imports_point_down_the_order() -> None:
    rank = {part: i for i, part in enumerate(reversed(layer_order()))}  # 0 = the bottom
    upward = [f"{a} -> {b} ({', '.join(where)})" for (a, b), where in sorted(part_edges().items()) if rank[b] > rank[a]]
    assert not upward, "imports that point up the order of docs/architecture.md:\n" + "\n".join(upward)


def test_no_cycle_between_parts() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in part_edges():
        graph[a].add(b)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            pytest.fail("import cycle between parts: " + " -> ".join(cycle))


@pytest.mark.parametrize("source, expected", [
    ("def f():\n    from extractor.crawl.store import Store\n", {"extractor.crawl.store"}),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import extractor.batch\n", {"extractor.batch"}),
    ("from . import html\nfrom .decode import decode_bytes\n", {"extractor.ingest.html", "extractor.ingest.decode"}),
    ("from extractor import gazetteers, __version__\n", {"extractor.gazetteers", "extractor"}),
    ("import importlib\nimportlib.import_module('extractor.pipeline')\n", {"extractor.pipeline"}),
    ("'''Mentions extractor.pipeline in prose.'''\n", set()),
])
def test_the_scan_sees_every_kind_of_import(source: str, expected: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The scanner itself: an import inside a function, under TYPE_CHECKING, relative, or by name all count."""
    path = PACKAGE / "ingest" / "__init__.py"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert {m for m, _ in imports_of(path)} == expected
