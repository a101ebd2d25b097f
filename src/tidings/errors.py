"""Errors that name the input they are about."""

from __future__ import annotations


class TidingsError(Exception):
    """Base class of every error tidings raises on purpose."""


class InputError(TidingsError):
    """An input that cannot be read as an article: says which, why, and what to do."""

    def __init__(self, path: str, reason: str, hint: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.hint = hint
        message = f"{path}: {reason}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class StoreError(TidingsError):
    """A DuckDB file that cannot be opened or used: which file, why, and what to do."""

    def __init__(self, path: str, reason: str, hint: str | None = None) -> None:
        self.path, self.reason, self.hint = path, reason, hint
        super().__init__(f"{path}: {reason}" + (f" ({hint})" if hint else ""))


class ModelNotFound(TidingsError):
    """No spaCy English pipeline is installed under the configured names."""
