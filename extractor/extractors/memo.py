"""Memoisation for one document at a time.

Rules ask the same question about a sentence once per value in it (`who is responsible in this sentence`);
with N values that is N identical scans. `per_document` keeps the answers for the current document only
(recognised by the identity of its text), so memory never outlives the document.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

R = TypeVar("R")


def per_document(fn: Callable[..., R]) -> Callable[..., R]:
    """Memoise fn(text, *args, tokens=None) while `text` stays the same object; a token index (one per Doc)
    is part of the question, by identity."""
    local = threading.local()

    @wraps(fn)
    def wrapper(text: str, *args: Any, tokens: Any = None) -> R:
        memo = getattr(local, "memo", None)
        if memo is None or memo[0] is not text:
            memo = local.memo = (text, {}, [])
        answers: dict[tuple[Any, ...], R] = memo[1]
        key = (args, id(tokens))
        if key not in answers:
            memo[2].append(tokens)  # held, so its id cannot be reused by another index while the memo lives
            answers[key] = fn(text, *args, tokens=tokens) if tokens is not None else fn(text, *args)
        return answers[key]

    return wrapper
