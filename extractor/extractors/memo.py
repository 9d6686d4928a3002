"""Memoisation for one document at a time.

Rules ask the same question about a sentence once per value in it (`who is responsible in this sentence`);
with N values that is N identical scans. `per_document` keeps the answers for the current document only
(recognised by the identity of its text and token index), so memory never outlives the document.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

R = TypeVar("R")


def per_document(fn: Callable[..., R]) -> Callable[..., R]:
    """Memoise fn(text, *args) while `text` (and a `tokens` keyword, if given) stay the same objects."""
    local = threading.local()

    @wraps(fn)
    def wrapper(text: str, *args: Any, tokens: Any = None) -> R:
        memo = getattr(local, "memo", None)
        if memo is None or memo[0] is not text or memo[1] is not tokens:
            memo = local.memo = (text, tokens, {})
        answers: dict[tuple[Any, ...], R] = memo[2]
        if args not in answers:
            answers[args] = fn(text, *args, tokens=tokens) if tokens is not None else fn(text, *args)
        return answers[args]

    return wrapper
