"""The page edge: an error nobody expected becomes a short message with a reference number, never a traceback.

``guarded()`` wraps a page's run (``ui/app.py``) and the Import page's heavy steps. It logs the error under a
short reference (exception types and the code's stack frames: where it failed, never the exception's message,
which may quote a cell, an e-mail address or a file's contents) and shows the user the reference in their
language, so an administrator can find the log entry. Streamlit's own control flow (``st.rerun``, ``st.stop``)
derives from ``BaseException`` and passes through.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from .i18n import t

__all__ = ["guarded", "report_failure", "failure_detail"]

_log = logging.getLogger("network.ui.failures")


def failure_detail(exc: BaseException) -> str:
    """What the log gets: the chain of exception types and the stack frames (file, line, function, code), without
    any exception message or variable's value, so no personal data or file contents reach the log."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        parts.append(f"{type(current).__module__}.{type(current).__qualname__}\n{frames}")
        current = current.__cause__ or current.__context__
    return "caused by:\n".join(parts)


def report_failure(exc: BaseException) -> str:
    """Log ``exc`` under a new reference and show the user the reference; returns it (``E-`` and 8 hex digits)."""
    reference = f"E-{secrets.token_hex(4).upper()}"
    _log.error("Unexpected error %s:\n%s", reference, failure_detail(exc))
    st.error(t("app.failure", reference=reference), icon=":material/error:")
    return reference


@contextmanager
def guarded() -> Iterator[None]:
    """Run the block; an unexpected ``Exception`` ends it with ``report_failure`` instead of a traceback."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the page edge: whatever escaped the page's own handling
        report_failure(exc)
