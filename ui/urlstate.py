"""Shareable views: each page's settings live in the URL's query parameters, so a link opens the same view.

A page declares its parameters (``Param``: name, default, how to read and write it) and wraps its widgets in a
``View``:

    view = View("explore", [Param("radius", 1, int_in(1, 3))])
    notes = view.restore()          # before the widgets: the link's values (checked) go into the widgets' state
    st.slider(..., key=view.key("radius"))
    view.save()                     # after the widgets: their values go back into the URL

A value in a link that is not valid here is ignored, and ``restore`` returns a note saying so that the page shows.
The page's values are also remembered in the session, so coming back to a page shows it as it was left. Parameters
at their default are left out of the URL, so links stay short.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import streamlit as st

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, LANGUAGES, set_language, t

__all__ = [
    "Param",
    "View",
    "PartlyValid",
    "int_in",
    "one_of",
    "some_of",
    "iso_date",
    "flag",
    "restore_language",
    "write_language",
]


class PartlyValid(ValueError):
    """A list value of which only some items are valid: ``kept`` is used, ``bad`` is reported."""

    def __init__(self, kept: Any, bad: str) -> None:
        super().__init__(bad)
        self.kept = kept
        self.bad = bad


@dataclass(frozen=True)
class Param:
    """One query parameter: its name, its default, a reader that raises ValueError for bad text, a writer."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str


def int_in(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text.strip())
        if not low <= value <= high:
            raise ValueError(text)
        return value

    return parse


def one_of(options: Iterable[str]) -> Callable[[str], str]:
    allowed = set(options)

    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(text)
        return text

    return parse


def some_of(options: Iterable[str]) -> Callable[[str], list[str]]:
    """A comma-separated list; unknown items are dropped (and reported), known ones kept in the given order."""
    allowed = list(options)
    known = set(allowed)

    def parse(text: str) -> list[str]:
        items = [item.strip() for item in text.split(",") if item.strip()]
        kept = [item for item in allowed if item in items]
        bad = [item for item in items if item not in known]
        if bad:
            raise PartlyValid(kept, ",".join(bad))
        return kept

    return parse


def join(values: Sequence[str]) -> str:
    return ",".join(values)


def iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def dump_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def flag(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


def dump_flag(value: bool) -> str:
    return "1" if value else "0"


#: How much of a rejected value a note repeats (a link can carry kilobytes).
SHOWN_CHARS = 60


def _shown(value: str) -> str:
    """A rejected value as the note shows it: control characters dropped, long values cut."""
    text = "".join(c if c.isprintable() else "\ufffd" for c in str(value))
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


class View:
    """The URL-backed settings of one page. Widget keys are ``"<page>.<name>"``."""

    def __init__(self, page: str, params: Sequence[Param]) -> None:
        self.page = page
        self.params = {p.name: p for p in params}

    def key(self, name: str) -> str:
        return f"{self.page}.{name}"

    @property
    def _memory_key(self) -> str:
        return f"_view.{self.page}"

    @property
    def _written_key(self) -> str:
        return f"_url.{self.page}"

    def _url_values(self) -> dict[str, str]:
        return {name: st.query_params[name] for name in self.params if name in st.query_params}

    def restore(self) -> list[str]:
        """Before the widgets: apply a new link's parameters (checked), else the remembered values.

        Returns a note for every parameter that was ignored because its value is not valid here.
        """
        memory: dict[str, Any] = st.session_state.setdefault(self._memory_key, {})
        url = self._url_values()
        notes: list[str] = []
        if url and url != st.session_state.get(self._written_key):
            for name, param in self.params.items():
                if name not in url:
                    memory[name] = param.default
                    continue
                try:
                    memory[name] = param.parse(url[name])
                except PartlyValid as partly:
                    memory[name] = partly.kept
                    notes.append(t("url.ignored", name=name, value=_shown(partly.bad)))
                except ValueError:
                    memory[name] = param.default
                    notes.append(t("url.ignored", name=name, value=_shown(url[name])))
            st.session_state[self._written_key] = url
            for name in self.params:
                st.session_state[self.key(name)] = memory[name]
        for name, param in self.params.items():
            if self.key(name) not in st.session_state:
                st.session_state[self.key(name)] = memory.get(name, param.default)
        return notes

    def value(self, name: str) -> Any:
        return st.session_state.get(self.key(name), self.params[name].default)

    def set(self, name: str, value: Any) -> None:
        """Change a value from code (call it in a callback, before the widget is drawn)."""
        st.session_state[self.key(name)] = value

    def reset(self, names: Iterable[str]) -> None:
        for name in names:
            self.set(name, self.params[name].default)

    def save(self, skip: Iterable[str] = ()) -> None:
        """After the widgets: remember their values and write the non-default ones (except ``skip``) into the URL."""
        memory: dict[str, Any] = st.session_state.setdefault(self._memory_key, {})
        wanted: dict[str, str] = {}
        for name, param in self.params.items():
            value = st.session_state.get(self.key(name), param.default)
            memory[name] = value
            if name not in skip and value != param.default and value not in (None, "", []):
                wanted[name] = param.dump(value)
        st.session_state[self._written_key] = dict(wanted)  # a copy: the language is added to wanted below
        language = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
        if language != DEFAULT_LANGUAGE:
            wanted[LANGUAGE_KEY] = language
        if st.query_params.to_dict() != wanted:
            st.query_params.from_dict(wanted)


def restore_language() -> list[str]:
    """Once per session, before the language switch: take the language from the link (``?lang=en``)."""
    if st.session_state.get("_lang_restored"):
        return []
    st.session_state["_lang_restored"] = True
    wanted = st.query_params.get(LANGUAGE_KEY)
    if wanted is None:
        return []
    if wanted in LANGUAGES:
        set_language(wanted)
        return []
    return [t("url.ignored", name=LANGUAGE_KEY, value=_shown(wanted))]


def write_language() -> None:
    """Keep ``lang`` in the URL in step with the switch (pages that do not use ``View`` keep it too)."""
    language = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    current = st.query_params.get(LANGUAGE_KEY)
    if language != DEFAULT_LANGUAGE and current != language:
        st.query_params[LANGUAGE_KEY] = language
    elif language == DEFAULT_LANGUAGE and current is not None:
        del st.query_params[LANGUAGE_KEY]


def known_id(directory: Any) -> Callable[[str], str]:
    """A URL parameter parser that accepts only an id of the loaded directory (anything else is a bad value)."""

    def parse(text: str) -> str:
        value = text.strip()
        if value not in directory:
            raise ValueError(text)
        return value

    return parse
