"""The installed package's version, in a module of its own so that any part can name it without importing the
package's public API (extractor/__init__.py, which sits on top of everything)."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("notice-extract")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
