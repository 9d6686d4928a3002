"""The jieba-rs segmenter class, without the default instance that importing `rjieba` builds.

`import rjieba` runs its package `__init__`, which builds a module-level `Jieba()` (the whole dictionary,
about 30 MB) that this project never uses: every segmenter here is a private instance with the gazetteer
words added. Loading the compiled module on its own saves that copy in each process that segments. If the
package is laid out differently, the plain import is used.
"""
from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def jieba_class() -> Any:
    """rjieba's `Jieba` class."""
    if "rjieba" in sys.modules:
        return sys.modules["rjieba"].Jieba
    spec = importlib.util.find_spec("rjieba")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for lib in sorted(Path(folder).glob("rjieba*.so")) + sorted(Path(folder).glob("rjieba*.pyd")):
            loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", str(lib))
            module_spec = importlib.util.spec_from_loader("rjieba.rjieba", loader)
            if module_spec is None:
                continue
            module = importlib.util.module_from_spec(module_spec)
            loader.exec_module(module)
            return module.Jieba
    import rjieba

    return rjieba.Jieba
