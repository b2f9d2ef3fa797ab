"""Every string the dashboard shows, in Swedish (the default) and English, and the language switch.

The texts live in data files, one per language: ``ui/locales/sv.toml`` and ``ui/locales/en.toml``, each one flat
table of ``"key" = "text"`` with the same keys (a test checks). Pages never hold text of their own: they call
``t("explore.showing", shown=3, total=9, rule=...)``. Names of kinds, relations, vocabulary values, columns and
problem codes are there too, so a table, a legend and a sentence about a path all speak the chosen language. Data
keeps its own language (names, descriptions). Theme names come from ``network/themes.csv``; the English text of
the codes the core emits comes from the core (one source, shared with the CLI).

A new text is one line in each TOML file; ``t`` falls back to English, then to the key.
"""

from __future__ import annotations

import errno
import re
import string
import threading
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

import streamlit as st

from network import messages, schema, themes

from .safe_text import escape_markdown

__all__ = [
    "in_language",
    "match_reason_text",
    "core_text",
    "problem_text",
    "change_text",
    "skipped_text",
    "error_text",
    "os_error_words",
    "LOCALES",
    "load_catalogue",
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "SV",
    "EN",
    "CATALOGUES",
    "LANGUAGE_KEY",
    "t",
    "current_language",
    "set_language",
    "kind_label",
    "relation_label",
    "relation_phrase",
    "value_label",
    "theme_label",
    "vocabulary_words",
    "column_label",
    "column_help",
    "problem_label",
    "keep_language",
    "language_switch",
    "tm",
    "escape_markdown",
]

LANGUAGES: dict[str, str] = {"sv": "Svenska", "en": "English"}
DEFAULT_LANGUAGE = "sv"
#: The session-state key of the language switch (also the query parameter name).
LANGUAGE_KEY = "lang"

LOCALES = Path(__file__).resolve().parent / "locales"


def load_catalogue(language: str, folder: Path = LOCALES) -> dict[str, str]:
    """The texts of ``language`` from ``<folder>/<language>.toml``: one flat table of ``"key" = "text"``.

    The texts live in data files, not code, so a translator edits one file per language and a new key is one
    appended line. A file that is not valid TOML, or holds anything but text, fails here at import with the file,
    the key and what is wrong, rather than showing a half-translated dashboard.
    """
    path = folder / f"{language}.toml"
    with path.open("rb") as handle:
        try:
            table = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path}: not valid TOML ({error}); fix the line it names") from error
    wrong = sorted(key for key, value in table.items() if not isinstance(value, str))
    if wrong:
        raise ValueError(f'{path}: {", ".join(wrong)} must be text in quotes, as "key" = "text"')
    return dict(table)


EN: dict[str, str] = load_catalogue("en")
SV: dict[str, str] = load_catalogue("sv")


def _core_reason_templates() -> dict[str, str]:
    """The English templates of the partner finder's reasons and the consortium check's findings, from the core."""
    from network.partners import ENGLISH as REASONS

    return {f"reason.{code}": text for code, text in REASONS.items() if not code.startswith("theme.")}  # theme names
    # are words, not reasons: they come from the vocabulary below


EN.update(_core_reason_templates())

# What the core says (problems, reasons, changes) as codes: the English text is the core's own (network.messages),
# the one source the CLI prints too; other languages translate ``core.<code>`` in their catalogue.
EN.update({f"core.{code}": text for code, text in messages.ENGLISH.items()})

# What each column holds: the English is the format's own help (network/schema.py), shown by the CLI's docs too.
EN.update(
    {
        f"colhelp.{table.kind}.{column.name}": column.help
        for table in schema.TABLES
        for column in table.columns
        if column.help
    }
)

# Theme names come from the theme vocabulary (network/themes.csv), the one place that holds them with their synonyms.
EN.update({f"theme.{tag}": name for tag, name in themes.labels("en").items()})
SV.update({f"theme.{tag}": name for tag, name in themes.labels("sv").items()})

CATALOGUES: dict[str, Mapping[str, str]] = {"sv": SV, "en": EN}


#: The language ``in_language`` fixed for this thread, if any.
_fixed = threading.local()


def current_language() -> str:
    """The chosen language for this session ("sv" unless the switch or the link says otherwise)."""
    fixed = getattr(_fixed, "language", None)
    if fixed is not None:
        return fixed
    try:
        value = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    except Exception:  # outside a Streamlit run (a plain import in a test or a notebook)
        value = DEFAULT_LANGUAGE
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Every text made inside the block is in ``language``, without asking the session each time.

    For the tables built once per data version and language (``st.cache_resource`` keyed by ``language``): they
    put thousands of values into words, and each ``t`` read the session state (about 0.1 ms: a 60,000-organisation
    directory's problem list took seconds for that alone). The text is then also surely in the language of the key
    the table is cached under. Per thread, so other sessions are not affected.
    """
    previous = getattr(_fixed, "language", None)
    _fixed.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    try:
        yield
    finally:
        _fixed.language = previous


def set_language(language: str) -> None:
    """Choose the language for this session (before the switch is drawn in this run)."""
    if language in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = language


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the chosen language, with ``{placeholders}`` filled in from ``values``."""
    text = CATALOGUES[current_language()].get(key) or EN.get(key) or key
    return text.format(**values) if values else text


def tm(key: str, **values: object) -> str:
    """Like ``t``, for Markdown elements (st.markdown, captions, alerts, headings, labels, help): the values are
    escaped (``ui.safe_text``), so a name, a path or a message from the data shows as written and cannot add links,
    pictures, headings or formatting."""
    return t(key, **{name: escape_markdown(value) for name, value in values.items()})


def _lookup(key: str, fallback: str) -> str:
    text = CATALOGUES[current_language()].get(key) or EN.get(key)
    return text if text else fallback


def match_reason_text(reason: object, *, markdown: bool = True) -> str:
    """Why matching scored a pair as it did (a ``network.matching.Reason``), in the chosen language and escaped for
    Markdown (``markdown=False``: plain text, for a text file); the core's English text when the catalogue has no
    entry for the reason's code."""
    code, params = getattr(reason, "code", ""), dict(getattr(reason, "params", {}) or {})
    key = f"matches.reason.{code}"
    text = CATALOGUES[current_language()].get(key) or EN.get(key)
    escape = escape_markdown if markdown else str
    if not text:
        return escape(str(getattr(reason, "text", code)))
    return text.format(**{k: escape(str(v)) for k, v in params.items()})


#: Parameters that are vocabulary, said in the chosen language (other parameters are data or file words as written).
_WORD_PARAMS = {
    "kind": lambda value: kind_label(value).lower() if value != "entity" else _lookup("core.entity", value),
    "other_kind": lambda value: kind_label(value).lower(),
    "fields": lambda value: ", ".join(column_label(c.strip()) for c in value.split(",") if c.strip()),
    "kinds": lambda value: ", ".join(kind_label(kind.strip()).lower() for kind in value.split(",") if kind.strip()),
    "relation": lambda value: relation_label(value),
}


#: Parameters that hold an entity's id: shown as its name when the page knows it (``name_of``).
_ID_PARAMS = frozenset({"id", "new_id", "drop", "source", "target", "a", "b", "other_id"})


def core_text(
    note: object, fallback: str = "", *, markdown: bool = False, name_of: Callable[[str], str] | None = None
) -> str:
    """A message of the core (a ``network.messages.Message``: a code and parameters) in the chosen language.

    Parameters that name a kind or a relation are put in words; everything else (values, file names, columns as
    written in the file) is shown as it is, escaped for Markdown when ``markdown``. With ``name_of`` (id → name,
    or the id), an id is shown as the entity's name. ``fallback`` (the core's English sentence) is shown for a
    message without a code.
    """
    code, params = getattr(note, "code", ""), dict(getattr(note, "params", ()) or ())
    text = (CATALOGUES[current_language()].get(f"core.{code}") or EN.get(f"core.{code}")) if code else None
    if not text:
        return escape_markdown(fallback) if markdown else fallback
    values = {name: _WORD_PARAMS[name](value) if name in _WORD_PARAMS else value for name, value in params.items()}
    if "detail" in values:
        values["detail"] = os_error_words(values["detail"])
    if name_of is not None:
        values.update({name: name_of(value) or value for name, value in params.items() if name in _ID_PARAMS and value})
    try:
        return _markdown_format(text, values) if markdown else text.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation naming a parameter the core did not give: the core's
        return escape_markdown(fallback) if markdown else fallback


#: An operating system's error as Python words it: "[Errno 13] Permission denied: '/data/x.csv'".
_OS_ERROR = re.compile(r"\[Errno (\d+)\] ([^:\]]+)")


def os_error_words(detail: str) -> str:
    """An operating system's error inside a message's ``detail`` (a save that the disk refused: permission denied,
    disk full, read-only) in the chosen language: "[Errno 13] Permission denied" becomes the catalogue's
    ``oserror.EACCES``; the file name after it stays. An error the catalogue has no words for stays as written."""

    def said(match: re.Match[str]) -> str:
        name = errno.errorcode.get(int(match.group(1)), "")
        words = CATALOGUES[current_language()].get(f"oserror.{name}") if name else None
        return words or match.group(0)

    return _OS_ERROR.sub(said, detail)


def _markdown_format(template: str, values: Mapping[str, str]) -> str:
    """``template.format(**values)`` for Markdown: the template's own words and the values are both escaped (a
    message says "YYYY-MM-DD", "SE|NO|IS" or "legal_basis", which Markdown would otherwise read as formatting)."""
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(template):
        parts.append(escape_markdown(literal))
        if name is not None:
            parts.append(escape_markdown(format(values[name], spec or "")))
    return "".join(parts)


def problem_text(problem: object, *, markdown: bool = False) -> str:
    """What to do about a ``network.problems.Problem``, in the chosen language (its English message if it has no
    code, as for a hidden personal-data row or a reading limit)."""
    return core_text(getattr(problem, "note", None), str(getattr(problem, "message", "")), markdown=markdown)


def change_text(
    notes: Sequence[object], summary: str = "", *, markdown: bool = False, name_of: Callable[[str], str] | None = None
) -> str:
    """A change-log entry or a save (its ``notes``: codes with parameters) in the chosen language, with names for
    ids; an entry written before changes had codes shows its English ``summary`` (translated when it is one of the
    fixed sentences, such as an erased person's)."""
    if notes:
        return "; ".join(core_text(note, "", markdown=markdown, name_of=name_of) for note in notes)
    code = _FIXED_SENTENCES.get(summary)
    if code:
        return core_text(messages.Message(code), summary, markdown=markdown)
    return escape_markdown(summary) if markdown else summary


#: The core's sentences without parameters, by their English text (old log entries and backups carry only these).
_FIXED_SENTENCES = {text: code for code, text in messages.ENGLISH.items() if not messages.placeholders(text)}


def error_text(error: BaseException) -> str:
    """An error of the core in the chosen language when it carries a code (``note``), else its English message.
    A parameter made of messages (``NetworkError.parts``: the reasons an import cannot be made) is said in the
    chosen language too, each as an import's reason is."""
    note, parts = getattr(error, "note", None), getattr(error, "parts", None) or {}
    if note is not None and parts:
        said = {name: "; ".join(_reason_words(part, part.text) for part in parts[name]) for name in parts}
        note = messages.Message(note.code, tuple((name, said.get(name, value)) for name, value in note.params))
    return core_text(note, str(error))


def skipped_text(skipped: object) -> str:
    """Why an import left a source row out (a ``network.importing.SkippedRow``), in the chosen language: a problem
    of the data with the column and value it is about; the English reason when it has no code."""
    note, reason = getattr(skipped, "note", None), str(getattr(skipped, "reason", ""))
    return reason if note is None else _reason_words(note, reason)


def _reason_words(note: messages.Message, english: str) -> str:
    """An import's reason (a message, maybe about a column and value: ``at_column``, ``at_value``) in words; the
    ``english`` reason when the catalogues cannot say it."""
    values = dict(note.params)
    said = core_text(note, "")
    if not said:
        return english
    if "at_column" not in values:
        return said
    return t("import.problem_at", column=values["at_column"], value=values.get("at_value", ""), message=said)


def kind_label(kind: str, plural: bool = False) -> str:
    """ "Organisation" / "Organisationer" for ``organisation``."""
    return _lookup(f"{'kinds' if plural else 'kind'}.{kind}", kind)


def relation_label(relation: str) -> str:
    """The relation read from source to target, as short words ("member of" / "medlem i")."""
    return _lookup(f"rel.{relation}", relation.replace("_", " "))


def relation_phrase(relation: str, outgoing: bool) -> str:
    """The relation as seen from one end: "member of" from the member, "has member" from the network."""
    return relation_label(relation) if outgoing else _lookup(f"relinv.{relation}", relation.replace("_", " "))


def value_label(value: str) -> str:
    """A vocabulary value (an organisation type, a status, a role) in words; unknown values as written."""
    return _lookup(f"value.{value}", value.replace("-", " ")) if value else ""


def vocabulary_words() -> dict[str, str]:
    """Every vocabulary value of the format (types, statuses, families, roles) → its words in the chosen language."""
    found = {
        value for table in schema.TABLES for column in table.columns if column.vocabulary for value in column.vocabulary
    }
    return {value: value_label(value) for value in sorted(found | set(schema.PARTNER_ROLES))}


def theme_label(theme: str) -> str:
    return _lookup(f"theme.{theme}", theme.replace("-", " "))


def column_label(column: str) -> str:
    return _lookup(f"col.{column}", column.replace("_", " ").capitalize())


def column_help(kind: str, column: str) -> str:
    """What a column of ``kind``'s file holds, in the chosen language (the format's English help as fallback)."""
    return _lookup(f"colhelp.{kind}.{column}", "")


def problem_label(code: str) -> str:
    return _lookup(f"problem.{code}", _lookup("problem.other", code))


def keep_language() -> None:
    """Keep the chosen language through a run that does not draw the switch (Streamlit drops the state of a widget
    not drawn in a run, and the next run would fall back to Swedish)."""
    st.session_state[LANGUAGE_KEY] = current_language()


def language_switch() -> str:
    """The Svenska / English switch (in the sidebar: the caller's place); returns the chosen language."""
    if st.session_state.get(LANGUAGE_KEY) not in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = DEFAULT_LANGUAGE
    return st.segmented_control(
        t("app.language"),
        list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        required=True,
        help=t("app.language_help"),
    )
