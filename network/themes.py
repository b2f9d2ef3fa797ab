"""The theme vocabulary: theme tags with their Swedish and English names and the words that signal them.

The vocabulary is data, kept in one place (``network/themes.csv``, one row per tag): ``en`` and ``sv`` are the names
shown to people (the dashboard's theme labels come from here), and ``words_en``, ``words_sv`` and ``words_other``
are the words and phrases that mean the theme in free text and in what people type ("dans" = dance, "kultur" =
culture; organisation names in other European languages: "Teatro", "Muzeum", "Tanzhaus"). Words are written in
lower case without accents (they are compared with folded text, so "Musée" is "musee"), separated by ``|``; a
trailing ``*`` matches any ending ("danc*": dance, dancers, dancing). Words match whole words only, so "cultur*"
does not find "agriculture". A word that starts with ``=`` is understood when someone types it but not looked for in
texts: Swedish "dans" is dance, French "dans" is "in".

Edit the CSV to add a theme or a synonym; ``python -m pytest tests/test_themes.py`` checks it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .textnorm import fold, slugify

__all__ = ["Theme", "VOCABULARY_FILE", "vocabulary", "resolve", "pattern", "label", "matched_word", "labels"]

#: The vocabulary file, next to this module.
VOCABULARY_FILE = Path(__file__).with_name("themes.csv")
_WORD_COLUMNS = ("words_en", "words_sv", "words_other")


@dataclass(frozen=True)
class Theme:
    """One theme tag, its names and the words that signal it."""

    tag: str
    en: str
    sv: str
    #: Words looked for in texts (and understood when typed).
    words: tuple[str, ...]
    #: Words only understood when typed ("dans"), never looked for in texts.
    typed: tuple[str, ...] = ()

    def label(self, language: str = "en") -> str:
        return self.sv if language == "sv" else self.en


def _word_regex(word: str) -> str:
    """One vocabulary word as a regular expression over folded text ("danc*" → ``danc[a-z0-9]*``)."""
    stem = word.rstrip("*")
    body = r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", stem) if part)
    return body + (r"[a-z0-9]*" if word.endswith("*") else "")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Theme]:
    """Every theme of the vocabulary by tag (read once)."""
    found: dict[str, Theme] = {}
    with VOCABULARY_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            tag = row["tag"].strip()
            words = [fold(w) for column in _WORD_COLUMNS for w in (row.get(column) or "").split("|") if w.strip()]
            names = [fold(row["en"]), fold(row["sv"]), tag.replace("-", " ")]
            typed = names + [w.lstrip("=") for w in words if w.startswith("=")]
            in_text = [w for w in words if not w.startswith("=")]
            found[tag] = Theme(tag, row["en"].strip(), row["sv"].strip(), tuple(dict.fromkeys(in_text)), tuple(typed))
    return found


def labels(language: str) -> dict[str, str]:
    """Tag → its name in ``language`` ("sv" or "en")."""
    return {tag: theme.label(language) for tag, theme in vocabulary().items()}


def label(tag: str, language: str = "en") -> str:
    """A tag's name in ``language``; a tag outside the vocabulary is shown as written ("contemporary-dance")."""
    theme = vocabulary().get(tag)
    return theme.label(language) if theme else tag.replace("-", " ")


@lru_cache(maxsize=512)
def pattern(tag: str) -> re.Pattern[str]:
    """A regular expression that finds the theme's words in folded text (whole words only). The names in ``en``
    and ``sv`` are understood when typed; only the ``words_*`` columns are looked for in texts.

    A tag outside the vocabulary is looked for as its own words ("contemporary-dance" → "contemporary dance").
    """
    theme = vocabulary().get(tag)
    words = (theme.words if theme else ()) or (tag.replace("-", " "),)  # never an empty pattern: it would match all
    alternatives = sorted({_word_regex(w) for w in words if w}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


@lru_cache(maxsize=1024)
def resolve(text: str) -> tuple[str, ...]:
    """The vocabulary tags that what someone typed means: its tag or name in either language, or a synonym.

    "dans" → ("dance",); "Kultur" → ("culture",); "social economy" → ("social-economy",). Text the vocabulary does
    not know gives its own slug ("contemporary dance" → ("contemporary-dance",)), so tags outside the vocabulary
    still match organisations that carry them.
    """
    slug = slugify(text)
    folded = fold(text).strip()
    if not folded:
        return ()
    if slug in vocabulary():
        return (slug,)
    exact = [
        tag
        for tag, theme in vocabulary().items()
        if any(folded == word for word in theme.words + theme.typed if not word.endswith("*"))
    ]
    if exact:  # "kulturarv" is cultural heritage, even though "kultur*" would also take it
        return tuple(exact)
    found = [
        tag
        for tag, theme in vocabulary().items()
        if any(re.fullmatch(_word_regex(word), folded) for word in theme.words + theme.typed)
    ]
    return tuple(found) or (slug,)


def matched_word(tag: str, text: str) -> str:
    """The word of ``text`` (folded) that made the theme match, for reasons ("dansskola" for dance), or ""."""
    hit = pattern(tag).search(fold(text))
    return hit.group(0) if hit else ""
